"""Comparable past sales: the ones shown with every estimate, and the fallback where no model serves.

Levels, most specific first: "model" (same brand and model), "brand", "category", within the last
`VALUATION_COMPARABLES_DAYS` up to the valuation date (the 500 most recent per level). The fallback answers
with the median and interquartile range (25th to 75th percentile, linear interpolation between sorted prices)
of the first level with at least `VALUATION_MIN_COMPARABLES` prices. The comparables shown are ranked by
similarity: same model 3, same brand 1.5, same grade 2, each matching attribute 1, minus 1 per year of age.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import QuerySet

from recirc.catalog.facade import CategoryRef
from recirc.core.money import CENT
from recirc.valuation import policy
from recirc.valuation.contracts import Comparable
from recirc.valuation.models import PriceObservation

POOL_LIMIT = 500
LEVELS = ("model", "brand", "category")


@dataclass(frozen=True)
class Query:
    """The item being valued, as comparables see it."""

    category: CategoryRef
    brand: str
    model_name: str
    attributes: Mapping[str, Any]
    grade: str
    grading_scheme: str
    on_date: dt.date


@dataclass(frozen=True)
class Spread:
    level: str
    count: int
    median: Decimal
    low: Decimal
    high: Decimal


def quantile(prices: Sequence[Decimal], share: Decimal) -> Decimal:
    """Linear interpolation between the sorted prices (numpy's default), rounded half up to cents."""
    ordered = sorted(prices)
    position = (len(ordered) - 1) * share
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    value = ordered[below] + (ordered[above] - ordered[below]) * (position - below)
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def level_pool(query: Query, level: str) -> QuerySet[PriceObservation] | None:
    since = query.on_date - dt.timedelta(days=policy.policy_int("VALUATION_COMPARABLES_DAYS"))
    rows = PriceObservation.objects.filter(category_id=query.category.id, observed_on__gte=since,
                                           observed_on__lte=query.on_date)
    if level == "model":
        if not query.model_name:
            return None
        rows = rows.filter(brand__iexact=query.brand, model_name__iexact=query.model_name)
    elif level == "brand":
        if not query.brand:
            return None
        rows = rows.filter(brand__iexact=query.brand)
    return rows.order_by("-observed_on", "-pk")


def pools(query: Query) -> dict[str, list[PriceObservation]]:
    """The observations of each level (levels that do not apply are left out)."""
    found: dict[str, list[PriceObservation]] = {}
    for level in LEVELS:
        rows = level_pool(query, level)
        if rows is not None:
            found[level] = list(rows[:POOL_LIMIT])
    return found


def spread(found: dict[str, list[PriceObservation]]) -> Spread | None:
    """Median and interquartile range of the most specific level with enough prices."""
    minimum = policy.policy_int("VALUATION_MIN_COMPARABLES")
    for level in LEVELS:
        prices = [row.price for row in found.get(level, [])]
        if len(prices) >= max(1, minimum):
            return Spread(level=level, count=len(prices), median=quantile(prices, Decimal("0.5")),
                          low=quantile(prices, Decimal("0.25")), high=quantile(prices, Decimal("0.75")))
    return None


def similarity(row: PriceObservation, query: Query) -> float:
    same_brand = bool(query.brand) and row.brand.lower() == query.brand.lower()
    score = 1.5 * same_brand + 3.0 * (same_brand and row.model_name.lower() == query.model_name.lower())
    if query.grade and row.grade == query.grade and (not query.grading_scheme
                                                     or row.grading_scheme == query.grading_scheme):
        score += 2.0
    score += sum(1.0 for key, value in query.attributes.items()
                 if value not in (None, "") and str(row.attributes.get(key)) == str(value))
    return round(score - (query.on_date - row.observed_on).days / 365.25, 4)


def details(category: CategoryRef, attributes: Mapping[str, Any]) -> str:
    shown = []
    for spec in category.schema:
        if spec.public and spec.key in attributes and spec.key not in ("brand", "model"):
            shown.append(spec.display_value(attributes[spec.key]))
    return " · ".join(shown[:4])


def most_similar(query: Query, found: dict[str, list[PriceObservation]], level: str | None = None) -> tuple[
        Comparable, ...]:
    """The k closest past prices from the given level, or from the most specific level that has any."""
    chosen = level or next((name for name in LEVELS if found.get(name)), None)
    if chosen is None:
        return ()
    ranked = sorted(found[chosen], key=lambda row: (-similarity(row, query), -row.observed_on.toordinal(), -row.pk))
    return tuple(Comparable(observation_id=row.pk, title=f"{row.brand} {row.model_name}".strip(), grade=row.grade,
                            price=row.price, observed_on=row.observed_on, grading_scheme=row.grading_scheme,
                            details=details(query.category, row.attributes), source=row.source,
                            similarity=similarity(row, query))
                 for row in ranked[:policy.policy_int("VALUATION_COMPARABLES_SHOWN")])
