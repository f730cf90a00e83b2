"""Each suspicion rule on its own: the check it reports and the alert it raises, with its reason."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone

from recirc.catalog.models import TacEntry
from recirc.items.models import ItemState
from recirc.policing import rules
from recirc.policing.models import ScreeningRecord
from recirc.policing.tests.factories import facts_for, imei, register_phone

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
APPLE_TAC, SAMSUNG_TAC = "35391110", "35260011"


@pytest.fixture
def phone(world: dict[str, Any]) -> Any:
    return register_phone(world["clerk_a"], identifiers=[("imei", imei(1))])


@pytest.fixture
def tacs(db: Any) -> None:
    TacEntry.objects.create(tac=APPLE_TAC, brand="Apple", model="iPhone 13", source="test")
    TacEntry.objects.create(tac=SAMSUNG_TAC, brand="Samsung", model="Galaxy S22", source="test")


def result(outcome: rules.RuleOutcome | None) -> tuple[str, list[str]] | None:
    return None if outcome is None else (outcome.check.result, [alert.kind for alert in outcome.alerts])


def test_invalid_imei_is_a_hit_with_its_reason(phone: Any) -> None:
    good, bad = imei(1), imei(2)[:14] + str((int(imei(2)[14]) + 1) % 10)
    outcome = rules.rule_invalid_imei(facts_for(phone, identifiers=(("imei", good), ("imei", bad))), NOW)
    assert result(outcome) == ("hit", ["imei_invalid"])
    assert outcome is not None and outcome.alerts[0].params == {"identifier": bad}
    assert outcome.check.detail == f"IMEI {bad} fails its check digit: it may have been altered."
    assert result(rules.rule_invalid_imei(facts_for(phone, identifiers=(("imei", good),)), NOW)) == ("clear", [])
    assert rules.rule_invalid_imei(facts_for(phone, identifiers=(("serial", "ABCD1234"),)), NOW) is None


@pytest.mark.parametrize(("brand", "tac", "expected"), [
    ("苹果", APPLE_TAC, ("clear", [])),
    ("Samsung", APPLE_TAC, ("hit", ["tac_mismatch"])),
    ("Apple", "86000000", ("unverified", [])),  # a TAC not in the database is never a mismatch
    ("", SAMSUNG_TAC, ("unverified", [])),  # nor is a missing brand
])
def test_tac_must_fit_the_declared_brand(phone: Any, tacs: None, brand: str, tac: str,
                                          expected: tuple[str, list[str]]) -> None:
    value = imei(7, tac=tac)
    outcome = rules.rule_tac_mismatch(facts_for(phone, brand=brand, identifiers=(("imei", value),)), NOW)
    assert result(outcome) == expected
    if expected[0] == "hit":
        assert outcome is not None and outcome.check.detail == (
            f"IMEI {value} belongs to Apple devices (TAC {APPLE_TAC}), but the item is declared as Samsung: "
            "counterfeit review.")


def test_the_same_imei_on_another_item_in_circulation_is_a_clone(world: dict[str, Any], phone: Any) -> None:
    facts = facts_for(phone)
    assert result(rules.rule_identifier_clone(facts, NOW)) == ("clear", [])
    other = register_phone(world["clerk_b"], identifiers=[("imei", imei(1))])
    outcome = rules.rule_identifier_clone(facts, NOW)
    assert result(outcome) == ("hit", ["imei_clone"])
    assert outcome is not None and outcome.alerts[0].params["item_ids"] == [other.pk]


def test_a_device_sold_earlier_and_brought_back_is_not_a_clone(world: dict[str, Any], phone: Any) -> None:
    earlier = register_phone(world["clerk_b"], identifiers=[("imei", imei(1))])
    type(earlier).objects.filter(pk=earlier.pk).update(state=ItemState.SOLD)
    assert result(rules.rule_identifier_clone(facts_for(phone), NOW)) == ("clear", [])


@override_settings(RECIRC_POLICY={"REPEAT_SELLER_DAYS": 30, "REPEAT_SELLER_ITEMS": 3})
def test_one_seller_bringing_many_similar_items_within_the_window(world: dict[str, Any], phone: Any) -> None:
    now = timezone.now()

    def earlier(days_ago: int, category_code: str = "mobile-phones", seller: str = "seller-pseudonym-1") -> None:
        record = ScreeningRecord.objects.create(item=phone, category_code=category_code, seller_index=seller,
                                                price=Decimal(1), result="clear")
        ScreeningRecord.objects.filter(pk=record.pk).update(screened_at=now - dt.timedelta(days=days_ago))

    earlier(3)
    earlier(40)  # outside the window
    earlier(2, category_code="laptops")  # another category
    earlier(1, seller="someone-else")
    other = register_phone(world["clerk_a"], identifiers=[("imei", imei(9))])
    assert result(rules.rule_repeat_seller(facts_for(other), now)) == ("clear", [])
    ScreeningRecord.objects.create(item=other, category_code="mobile-phones", seller_index="seller-pseudonym-1",
                                   price=Decimal(1), result="clear")
    third = register_phone(world["clerk_a"], identifiers=[("imei", imei(10))])
    outcome = rules.rule_repeat_seller(facts_for(third), now)
    assert result(outcome) == ("hit", ["repeat_seller"])
    assert outcome is not None and outcome.check.detail == (
        "The same seller brought 3 items of this category within 30 days (alert from 3).")
    assert result(rules.rule_repeat_seller(facts_for(third, seller_index=""), now)) == ("unverified", [])


@pytest.mark.parametrize(("price", "value", "expected"), [
    ("400.00", "1000.00", ("hit", ["price_below_value"])),
    ("500.00", "1000.00", ("clear", [])),  # exactly half is not below half
    ("400.00", None, ("unverified", [])),  # no evaluation yet: skipped
])
def test_price_far_below_the_evaluated_value(phone: Any, price: str, value: str | None,
                                             expected: tuple[str, list[str]]) -> None:
    facts = facts_for(phone, price=Decimal(price), estimated_value=Decimal(value) if value else None)
    outcome = rules.rule_price_below_value(facts, NOW)
    assert result(outcome) == expected
    if expected[0] == "hit":
        assert outcome is not None and outcome.check.detail == (
            "Price paid ¥400.00 is 40% of the evaluated value ¥1,000.00 (alert below 50%).")


@pytest.mark.parametrize(("age", "expected"), [
    (17, ("hit", ["seller_minor"])), (18, ("clear", [])), (None, ("unverified", []))])
def test_a_seller_under_age(phone: Any, age: int | None, expected: tuple[str, list[str]]) -> None:
    outcome = rules.rule_seller_minor(facts_for(phone, seller_age=age), NOW)
    assert result(outcome) == expected
    if age == 17:
        assert outcome is not None and outcome.check.detail == "The seller is 17, under the minimum age of 18."
