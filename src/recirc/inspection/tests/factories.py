"""Test data for inspection: items registered through the items facade (as a clerk of their operator), TAC
entries, and IMEIs with a given TAC. Fixtures may use other contexts' models and factories."""

from __future__ import annotations

from typing import Any

from stdnum import luhn

from recirc.catalog.facade import category_get
from recirc.catalog.models import TacEntry
from recirc.items.facade import ItemRef, item_register, item_transition
from recirc.items.tests.factories import OperatorFactory, OutletFactory, UserFactory, staff_member

__all__ = ["OperatorFactory", "OutletFactory", "UserFactory", "clothing", "furniture", "imei_with", "phone",
           "register_item", "staff_member", "tac_entry"]

APPLE_TAC, HUAWEI_TAC, UNKNOWN_TAC = "35332011", "86730303", "99000001"


def imei_with(tac: str, serial: int = 123456) -> str:
    body = f"{tac}{serial:06d}"
    return body + luhn.calc_check_digit(body)


def tac_entry(tac: str = APPLE_TAC, brand: str = "Apple", model: str = "iPhone 13", aka: str = "A2634") -> TacEntry:
    return TacEntry.objects.create(tac=tac, brand=brand, model=model, aka=aka, source="test")


def register_item(clerk: Any, operator: Any, category: str, title: str, **fields: Any) -> ItemRef:
    item = item_register(actor=clerk, category_id=category_get(category).id, title=title,
                         owner_operator_id=operator.pk, **fields)
    item_transition(actor=clerk, item_id=item.id, to_state="in_stock", reason="intake")
    return item


def phone(clerk: Any, operator: Any, *, brand: str = "Apple", model: str = "iPhone 13", imei: str | None = None,
          battery: int | None = 91, serial: str | None = None) -> ItemRef:
    attributes: dict[str, Any] = {"brand": brand, "model": model, "storage_gb": "128"}
    if battery is not None:
        attributes["battery_health_percent"] = battery
    identifiers = [("imei", imei or imei_with(APPLE_TAC))] + ([("serial", serial)] if serial else [])
    return register_item(clerk, operator, "mobile-phones", f"{brand} {model}", brand=brand, model_name=model,
                     attributes=attributes, identifiers=identifiers)


def clothing(clerk: Any, operator: Any, *, brand: str = "优衣库") -> ItemRef:
    return register_item(clerk, operator, "clothing", f"{brand} 羊毛大衣", brand=brand,
                     attributes={"brand": brand, "size": "M", "washed": True})


def furniture(clerk: Any, operator: Any) -> ItemRef:
    return register_item(clerk, operator, "furniture", "宜家 毕利书柜", brand="宜家",
                     attributes={"material": "板材", "width_cm": 80, "depth_cm": 28, "height_cm": 202})


PHONE_OK = {"screen": "flawless", "body": "flawless", "buttons": "pass", "cameras": "pass", "battery_health": "91",
            "functions": "pass", "water_indicator": "intact", "activation_lock": "off", "trademark": "consistent",
            "certification_labels": "consistent"}
CLOTHING_OK = {"wear": "none", "stains": "none", "defects": "none", "labels": "pass", "washed": "pass",
               "trademark": "consistent", "tags": "consistent", "materials": "consistent"}
FURNITURE_OK = {"structure": "stable", "surface": "as_new", "upholstery": "not_upholstered", "smell_and_pests": "pass",
                "width_cm": "80", "depth_cm": "28", "height_cm": "202", "trademark": "consistent"}
