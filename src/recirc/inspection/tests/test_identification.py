"""Identification: TAC match, mismatch and unverified (never a mismatch for lack of data), the model check,
clones (the same IMEI on another item) and serial formats per brand, and what reaches the report."""

from __future__ import annotations

from typing import Any

import pytest

from recirc.inspection import services
from recirc.inspection.identification import identify
from recirc.inspection.models import SerialFormat
from recirc.inspection.tests.factories import (
    APPLE_TAC,
    HUAWEI_TAC,
    PHONE_OK,
    UNKNOWN_TAC,
    imei_with,
    phone,
    register_item,
    tac_entry,
)
from recirc.items.facade import item_ref


@pytest.fixture
def tacs(db: Any) -> None:
    tac_entry()
    tac_entry(HUAWEI_TAC, brand="Huawei", model="Mate 40 Pro", aka="NOH-AN00")


def verdicts(item: Any) -> list[tuple[str, str, str, bool | None]]:
    return [(check.tac, check.verdict, check.tac_brand, check.model_consistent) for check in identify(item).tac_checks]


def test_a_tac_of_the_declared_brand_matches(world: dict[str, Any], tacs: None) -> None:
    item = phone(world["clerk_a"], world["operator_a"], brand="苹果", model="iPhone 13")
    assert verdicts(item) == [(APPLE_TAC, "match", "Apple", True)]
    assert identify(item).indicators() == []


def test_a_model_name_the_tac_does_not_know_is_flagged_but_not_a_mismatch(world: dict[str, Any], tacs: None) -> None:
    item = phone(world["clerk_a"], world["operator_a"], model="iPhone 15 Pro")
    assert verdicts(item) == [(APPLE_TAC, "match", "Apple", False)]
    assert identify(item).indicators() == []


def test_a_tac_of_another_brand_is_a_mismatch_and_an_indicator(world: dict[str, Any], tacs: None) -> None:
    item = phone(world["clerk_a"], world["operator_a"], brand="Apple", imei=imei_with(HUAWEI_TAC))
    assert verdicts(item) == [(HUAWEI_TAC, "mismatch", "Huawei", False)]
    assert identify(item).indicators() == [{
        "code": "tac_mismatch", "item": HUAWEI_TAC,
        "reason": f"IMEI 的 TAC {HUAWEI_TAC} 属于 Huawei，与申报品牌 Apple 不符",
        "reason_en": f"The IMEI's TAC {HUAWEI_TAC} belongs to Huawei, not the declared brand Apple"}]


def test_honor_on_a_huawei_tac_is_compatible(world: dict[str, Any], tacs: None) -> None:
    item = phone(world["clerk_a"], world["operator_a"], brand="Honor", model="X40", imei=imei_with(HUAWEI_TAC))
    assert verdicts(item)[0][1] == "match"


def test_an_unknown_tac_is_unverified_never_a_mismatch(world: dict[str, Any], tacs: None) -> None:
    item = phone(world["clerk_a"], world["operator_a"], brand="Apple", imei=imei_with(UNKNOWN_TAC))
    assert verdicts(item) == [(UNKNOWN_TAC, "unverified", "", None)]
    assert identify(item).indicators() == []


def test_the_same_imei_on_another_item_is_a_clone_signal(world: dict[str, Any], tacs: None) -> None:
    shared = imei_with(APPLE_TAC, 777)
    first = phone(world["clerk_a"], world["operator_a"], imei=shared)
    second = phone(world["clerk_b"], world["operator_b"], imei=shared)
    lonely = phone(world["clerk_a"], world["operator_a"], imei=imei_with(APPLE_TAC, 778))
    assert [(check.value, check.other_item_ids) for check in identify(first).clone_checks] == [(shared, (second.id,))]
    assert identify(first).clone_suspected is True
    assert identify(lonely).clone_suspected is False


def test_the_report_shows_a_clone_without_naming_the_other_item(world: dict[str, Any], tacs: None) -> None:
    shared = imei_with(APPLE_TAC, 555)
    first = phone(world["clerk_a"], world["operator_a"], imei=shared)
    other = phone(world["clerk_b"], world["operator_b"], imei=shared)
    inspection = services.inspection_complete(actor=world["inspector_a"], item_id=first.id, answers=PHONE_OK)
    assert inspection.report.payload["identification"] == {
        "tac": [{"identifier": f"{APPLE_TAC}******{shared[-1]}", "verdict": "match", "tac_brand": "Apple",
                 "tac_model": "iPhone 13", "model_consistent": True}],
        "clone_suspected": True, "serial": []}
    assert inspection.identification["clone"] == [{"kind": "imei", "value": shared, "other_item_ids": [other.id]}]
    assert other.code not in str(inspection.report.payload)


@pytest.mark.parametrize(("brand", "category", "serial", "verdict"), [
    ("Samsung", "mobile-phones", "R58N12ABCDE", "match"),
    ("三星", "mobile-phones", "R58N-12AB-CDE", "match"),
    ("Samsung", "mobile-phones", "X58N12ABCDE", "mismatch"),
    ("Huawei", "mobile-phones", "8KE7N18A28001234", "match"),
    ("Xiaomi", "mobile-phones", "ANYTHING123", "unverified"),
])
def test_serial_formats_per_brand(world: dict[str, Any], brand: str, category: str, serial: str,
                                  verdict: str) -> None:
    item = phone(world["clerk_a"], world["operator_a"], brand=brand, model="Galaxy S22", serial=serial)
    assert [check.verdict for check in identify(item).serial_checks] == [verdict]
    assert [entry["code"] for entry in identify(item).indicators()] == (
        ["serial_format"] if verdict == "mismatch" else [])


def test_an_inactive_format_is_ignored_and_luxury_serial_attributes_are_checked(world: dict[str, Any]) -> None:
    SerialFormat.objects.filter(brand="Samsung").update(is_active=False)
    item = phone(world["clerk_a"], world["operator_a"], brand="Samsung", model="Galaxy S22", serial="X1234")
    assert [check.verdict for check in identify(item).serial_checks] == ["unverified"]
    bag = register_item(world["clerk_a"], world["operator_a"], "luxury-bags-watches", "LV Speedy",
                        brand="Louis Vuitton",
                        attributes={"brand": "Louis Vuitton", "item_type": "bag", "serial": "AB12345"})
    assert [(check.value, check.verdict) for check in identify(item_ref(bag.id)).serial_checks] == [
        ("AB12345", "mismatch")]
