"""Test data for policing. Fixture code may use the items and operators test factories (contexts listed
before policing); watchlist entries and alerts are made through the services or as bare rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone
from stdnum import luhn

from recirc.items.facade import item_register
from recirc.items.models import Item
from recirc.items.tests.factories import OperatorFactory, OutletFactory, UserFactory, category, staff_member
from recirc.policing.contracts import IntakeFacts
from recirc.policing.models import Alert, AlertKind, WatchlistEntry

__all__ = ["AlertFactory", "OperatorFactory", "OutletFactory", "UserFactory", "WatchlistEntryFactory", "facts_for",
           "imei", "later", "register_phone", "staff_member"]


def imei(number: int, tac: str = "35391110") -> str:
    """A valid 15-digit IMEI: the TAC, a 6-digit serial and the Luhn check digit."""
    body = f"{tac}{number:06d}"
    return body + luhn.calc_check_digit(body)


def register_phone(clerk: Any, *, identifiers: list[tuple[str, str]] | None = None, brand: str = "Apple",
                   model_name: str = "iPhone 13", title: str = "", colour: str = "午夜色", **extra: Any) -> Item:
    """A phone passport registered the way the register does it (identifiers normalised by items)."""
    ref = item_register(actor=clerk, category_id=category("mobile-phones").pk, title=title or f"{brand} {model_name}",
                        brand=brand, model_name=model_name,
                        attributes={"storage_gb": "128", "colour": colour, "battery_health_percent": 91},
                        identifiers=identifiers if identifiers is not None else [("imei", imei(1))], **extra)
    return Item.objects.get(pk=ref.id)


def facts_for(item: Item, **overrides: Any) -> IntakeFacts:
    values: dict[str, Any] = {
        "item_id": item.pk, "operator_id": item.owner_operator_id, "outlet_id": item.outlet_id,
        "category_code": item.category.code,
        "identifiers": tuple((identifier.kind, identifier.value) for identifier in item.identifiers.all()),
        "title": item.title, "brand": item.brand, "model_name": item.model_name,
        "colour": str(item.attributes.get("colour", "")), "description": "九成新，屏幕完好",
        "price": Decimal("1500.00"), "estimated_value": None, "seller_index": "seller-pseudonym-1",
        "seller_age": 35, "source_ref": f"acquisitions.entry:{item.pk}"}
    values.update(overrides)
    return IntakeFacts(**values)


class WatchlistEntryFactory(factory.django.DjangoModelFactory):
    """A bare entry row, not indexed: for list and permission tests. Matching tests use watchlist_add."""

    class Meta:
        model = WatchlistEntry

    case_number = factory.Sequence(lambda number: f"杭公刑(2026){number:04d}号")
    reporting_unit = "杭州市公安局西湖区分局"
    brand = "Apple"
    model_name = "iPhone 13"
    description = "背面刻字 ZL4821"


class AlertFactory(factory.django.DjangoModelFactory):
    """A bare open alert row about an item (no hold, no notification)."""

    class Meta:
        model = Alert

    kind = AlertKind.IMEI_CLONE
    item = factory.LazyFunction(lambda: Item.objects.order_by("pk").first())
    operator = factory.LazyAttribute(lambda alert: alert.item.owner_operator)
    score = Decimal(80)
    reason_code = AlertKind.IMEI_CLONE
    reason_params = factory.LazyFunction(lambda: {"identifier_kind": "imei", "identifier": imei(1), "count": 1,
                                                  "codes": "X"})
    source_ref = "acquisitions.entry:1"


def later(days: int) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=days)
