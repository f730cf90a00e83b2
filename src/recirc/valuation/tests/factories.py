"""Test data for valuation: bare observation rows (list, comparables and permission tests) and a deterministic
set of synthetic phone sales (training tests) recorded through the service. Operators and users come from
the operators test factories (a context listed before valuation)."""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal
from typing import Any

import factory

from recirc.catalog.models import Category
from recirc.operators.tests.factories import OperatorFactory, UserFactory, staff_of
from recirc.valuation import services
from recirc.valuation.models import ObservationSource, PriceObservation, ValuationModel

__all__ = ["TODAY", "ObservationFactory", "OperatorFactory", "UserFactory", "category", "fitted_artifact",
           "phone_sales", "registry_row", "staff_of"]

TODAY = dt.date(2026, 11, 30)
LAUNCH = {("Apple", "iPhone 13"): (5199, 2021), ("Apple", "iPhone 15"): (5999, 2023),
          ("Huawei", "P50"): (4488, 2021), ("Xiaomi", "Redmi Note 12"): (1199, 2022),
          ("OPPO", "Reno 8"): (2499, 2022), ("vivo", "X90"): (3699, 2022)}
GRADES = {"99": 1.0, "95": 0.93, "90": 0.85, "80": 0.72}
STORAGE = {"128": 1.0, "256": 1.14, "512": 1.32}


def category(code: str = "mobile-phones") -> Category:
    return Category.objects.get(code=code)


class ObservationFactory(factory.django.DjangoModelFactory):
    """A bare observation row (not validated, no audit): reads and comparables."""

    class Meta:
        model = PriceObservation

    category = factory.LazyFunction(category)
    brand = "Apple"
    model_name = "iPhone 13"
    attributes = factory.LazyFunction(lambda: {"storage_gb": "128"})
    grade = "95"
    grading_scheme = "market-condition"
    price = Decimal("2000.00")
    observed_on = dt.date(2026, 10, 1)
    source = ObservationSource.SALE


def _sale_values(rng: random.Random) -> dict[str, Any]:
    brand, model = rng.choice(sorted(LAUNCH))
    launch, year = LAUNCH[(brand, model)]
    day = TODAY - dt.timedelta(days=rng.randrange(1, 600))
    age = (day - dt.date(year, 9, 15)).days / 365.25
    storage, grade = rng.choice(sorted(STORAGE)), rng.choice(sorted(GRADES))
    price = launch * STORAGE[storage] * GRADES[grade] * math.exp(-0.35 * age + rng.gauss(0, 0.06))
    return {"brand": brand, "model_name": model, "grade": grade, "grading_scheme": "market-condition",
            "attributes": {"storage_gb": storage}, "price": Decimal(round(price)), "observed_on": day}


def _sale(rng: random.Random, number: int) -> dict[str, Any]:
    return {**_sale_values(rng), "category": category().pk, "source": "sale", "source_ref": f"test.sale:{number}"}


def phone_sales(count: int, *, seed: int = 7) -> list[PriceObservation]:
    """`count` synthetic phone sales in the 600 days before TODAY, recorded as the system."""
    rng = random.Random(seed)
    return services.observations_record_many(actor=None, rows=[_sale(rng, number) for number in range(count)],
                                             label="test")


_ARTIFACT: dict[str, tuple[bytes, str]] = {}


def fitted_artifact() -> tuple[bytes, str]:
    """A small phones model fitted once per test session (no database): bytes and their SHA-256."""
    if "phones" not in _ARTIFACT:
        from recirc.valuation import artifacts, learning
        from recirc.valuation.features import record_of

        rng = random.Random(3)
        sales = [_sale_values(rng) for _number in range(80)]
        records = [record_of(brand=sale["brand"], model_name=sale["model_name"], attributes=sale["attributes"],
                             grade=sale["grade"], grading_scheme="market-condition", observed_on=sale["observed_on"])
                   for sale in sales]
        prices = [math.log(float(sale["price"])) for sale in sales]
        spec = learning.FeatureSpec(numeric=("observed_year", "attr:storage_gb"), categorical=("brand", "model"),
                                    log_scaled=("attr:storage_gb",))
        grid = learning.SearchGrid(knots=(4,), interactions=(False,), depths=(2,), max_trees=20, folds=2)
        fitted = learning.fit(spec, records[:60], prices[:60], records[60:], prices[60:], grid=grid, seed=1)
        _ARTIFACT["phones"] = artifacts.dump(artifacts.LoadedModel(
            estimator=fitted.estimator, spec=spec, band=fitted.band, brand_rows={"Apple": 20, "Huawei": 10},
            grade_schemes={"95": "market-condition"}))
    return _ARTIFACT["phones"]


def registry_row(*, version: int, is_active: bool) -> ValuationModel:
    """A phones model in the registry without training (the artifact above)."""
    from django.utils import timezone

    data, digest = fitted_artifact()
    return ValuationModel.objects.create(
        category=category(), version=version, algorithm="test", hyperparameters={}, features={},
        data_from=dt.date(2025, 1, 1), data_to=dt.date(2026, 11, 1), rows_train=60, rows_test=20,
        metrics={"log_price": {"r2": 0.9, "rmse": 0.1, "mae": 0.08, "mape": 1.0},
                 "cny": {"r2": 0.85, "rmse": 150.0, "mae": 100.0, "mape": 8.0},
                 "interval": {"coverage": 0.8, "log_low": -0.1, "log_high": 0.1}, "incumbent": None},
        artifact=data, artifact_sha256=digest, is_active=is_active,
        activated_at=timezone.now() if is_active else None)
