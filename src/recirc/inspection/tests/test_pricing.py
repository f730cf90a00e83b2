"""The report carries valuation's price estimate for the item as graded, on the condition scale valuation
records prices on; nothing when the item was refused or nothing is known."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from recirc.catalog.facade import category_get
from recirc.inspection import services
from recirc.inspection.tests.factories import CLOTHING_OK, PHONE_OK, clothing, phone
from recirc.valuation.facade import observation_record


def sales(category: str, brand: str, model: str, grade: str, scheme: str, prices: list[str]) -> None:
    for number, price in enumerate(prices):
        observation_record(actor=None, category_id=category_get(category).id, price=Decimal(price),
                           observed_on=dt.date(2026, 10, 1) + dt.timedelta(days=number), source="sale",
                           source_ref=f"test:{category}:{number}", brand=brand, model_name=model, grade=grade,
                           grading_scheme=scheme)


def test_the_report_carries_the_estimate_on_the_condition_scale(world: dict[str, Any]) -> None:
    sales("clothing", "优衣库", "", "light-wear", "clothing-condition", ["80", "100", "120", "90", "110"])
    coat = clothing(world["clerk_a"], world["operator_a"])
    report = services.inspection_complete(actor=world["inspector_a"], item_id=coat.id,
                                          answers={**CLOTHING_OK, "wear": "light"}).report
    estimate = report.payload["price_estimate"]
    assert (estimate["grading_scheme"], estimate["grade"], estimate["currency"], estimate["method"]) == (
        "clothing-condition", "light-wear", "CNY", "comparables")
    assert Decimal(estimate["low"]) <= Decimal(estimate["value"]) <= Decimal(estimate["high"])


def test_no_estimate_when_nothing_is_known_or_the_item_is_refused(world: dict[str, Any]) -> None:
    item = phone(world["clerk_a"], world["operator_a"])
    assert services.inspection_complete(actor=world["inspector_a"], item_id=item.id,
                                        answers=PHONE_OK).report.payload["price_estimate"] is None
    sales("mobile-phones", "Apple", "iPhone 13", "99", "market-condition", ["3000", "3200", "3100"])
    refused = services.inspection_complete(actor=world["inspector_a"], item_id=item.id,
                                           answers={**PHONE_OK, "activation_lock": "on"})
    assert refused.report.payload["price_estimate"] is None
