"""The comparables fallback on hand-made sets: exact medians and interquartile ranges per level, the window,
the ranking of the comparables shown, and None when nothing is known."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from recirc.valuation import facade
from recirc.valuation.comparables import quantile
from recirc.valuation.tests.factories import TODAY, ObservationFactory, category

pytestmark = pytest.mark.django_db

IPHONE_13 = [  # price, grade, storage, observed on
    ("1000.00", "80", "128", dt.date(2026, 11, 1)), ("1200.00", "90", "256", dt.date(2026, 10, 1)),
    ("1500.00", "95", "128", dt.date(2026, 6, 1)), ("1800.00", "95", "256", dt.date(2026, 11, 20)),
    ("2600.00", "99", "512", dt.date(2026, 11, 25))]


@pytest.fixture
def sales(db: Any) -> dict[str, Any]:
    rows = {price: ObservationFactory(price=Decimal(price), grade=grade, attributes={"storage_gb": storage},
                                      observed_on=day) for price, grade, storage, day in IPHONE_13}
    rows["old"] = ObservationFactory(price=Decimal("9999.00"), observed_on=TODAY - dt.timedelta(days=731))
    rows["later"] = ObservationFactory(price=Decimal("8888.00"), observed_on=TODAY + dt.timedelta(days=1))
    return rows


def value_of(**query: Any) -> Any:
    return facade.estimate(category_id=category().pk, attributes=query.pop("attributes", {}), on_date=TODAY,
                           **query)


def test_same_model_gives_median_and_interquartile_range(sales: dict[str, Any]) -> None:
    estimate = value_of(brand="苹果", model_name="iPhone 13")
    assert (estimate.method, estimate.level, estimate.sample_size, estimate.model_version) == (
        "comparables", "model", 5, "")
    assert (estimate.value, estimate.low, estimate.high) == (Decimal("1500.00"), Decimal("1200.00"),
                                                             Decimal("1800.00"))
    assert (estimate.coverage, estimate.currency) == (Decimal("0.5"), "CNY")


def test_too_few_of_the_model_falls_back_to_the_brand(sales: dict[str, Any]) -> None:
    for price in ("3000.00", "3400.00"):
        ObservationFactory(model_name="iPhone 12", price=Decimal(price))
    estimate = value_of(brand="Apple", model_name="iPhone 12")
    assert (estimate.level, estimate.sample_size) == ("brand", 7)
    assert (estimate.value, estimate.low, estimate.high) == (Decimal("1800.00"), Decimal("1350.00"),
                                                             Decimal("2800.00"))
    assert [comparable.title for comparable in estimate.comparables][:2] == ["Apple iPhone 12", "Apple iPhone 12"]


def test_an_unknown_brand_falls_back_to_the_category(sales: dict[str, Any]) -> None:
    for price in ("3000.00", "3400.00"):
        ObservationFactory(model_name="iPhone 12", price=Decimal(price))
    ObservationFactory(brand="Huawei", model_name="P50", price=Decimal("900.00"))
    estimate = value_of(brand="Samsung", model_name="Galaxy S22")
    assert (estimate.level, estimate.sample_size) == ("category", 8)
    assert (estimate.value, estimate.low, estimate.high) == (Decimal("1650.00"), Decimal("1150.00"),
                                                             Decimal("2700.00"))


def test_comparables_are_ranked_by_similarity(sales: dict[str, Any]) -> None:
    estimate = value_of(brand="Apple", model_name="iPhone 13", grade="95", grading_scheme="market-condition",
                        attributes={"storage_gb": "128"})
    assert [comparable.price for comparable in estimate.comparables] == [
        Decimal("1500.00"), Decimal("1800.00"), Decimal("1000.00"), Decimal("2600.00"), Decimal("1200.00")]
    first = estimate.comparables[0]
    assert (first.observation_id, first.title, first.grade, first.grading_scheme, first.observed_on,
            first.details, first.source, first.similarity) == (
        sales["1500.00"].pk, "Apple iPhone 13", "95", "market-condition", dt.date(2026, 6, 1), "128 GB", "sale",
        7.0017)


def test_nothing_known_is_none(sales: dict[str, Any]) -> None:
    ObservationFactory(category=category("furniture"), brand="宜家", model_name="毕利书柜", price=Decimal("300"))
    assert facade.estimate(category_id=category("clothing").pk, brand="优衣库", model_name="羽绒服",
                           attributes={}) is None
    assert facade.estimate(category_id=category("furniture").pk, brand="宜家", model_name="毕利书柜",
                           attributes={}) is None


def test_the_minimum_is_a_setting(sales: dict[str, Any], settings: Any) -> None:
    ObservationFactory(brand="Huawei", model_name="P50", price=Decimal("900.00"))
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "VALUATION_MIN_COMPARABLES": 6}
    estimate = value_of(brand="Apple", model_name="iPhone 13")
    assert (estimate.level, estimate.sample_size, estimate.value) == ("category", 6, Decimal("1350.00"))
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "VALUATION_MIN_COMPARABLES": 7}
    assert value_of(brand="Apple", model_name="iPhone 13") is None


@pytest.mark.parametrize(("prices", "share", "expected"), [
    (["10"], "0.5", "10.00"), (["10", "20"], "0.5", "15.00"), (["1", "2", "3", "4"], "0.25", "1.75"),
    (["1", "2", "3", "4"], "0.75", "3.25"), (["0.01", "0.02"], "0.5", "0.02")])
def test_quantile_interpolates_and_rounds_half_up(prices: list[str], share: str, expected: str) -> None:
    assert quantile([Decimal(price) for price in prices], Decimal(share)) == Decimal(expected)


@pytest.mark.parametrize(("brand", "model_name", "value"), [
    ("苹果", "iPhone 13", Decimal("1500.00")),  # the model's own sales
    ("Apple", "iPhone 12", Decimal("1800.00")),  # too few of the model: the brand
    ("Nokia", "3310", Decimal("1800.00")),  # an unknown brand: the category
])
def test_the_value_alone_is_the_full_estimates_value(sales: dict[str, Any], brand: str, model_name: str,
                                                     value: Decimal) -> None:
    for price in ("3000.00", "3400.00"):
        ObservationFactory(model_name="iPhone 12", price=Decimal(price))
    from recirc.catalog.facade import category_get

    alone = facade.estimate_value(category=category_get(category().pk), brand=brand, model_name=model_name,
                                  attributes={}, on_date=TODAY)
    assert alone == value_of(brand=brand, model_name=model_name).value == value


def test_the_value_alone_is_none_when_nothing_is_known(db: Any) -> None:
    from recirc.catalog.facade import category_get

    assert facade.estimate_value(category=category_get(category().pk), brand="Apple", model_name="iPhone 13",
                                 attributes={}, on_date=TODAY) is None
