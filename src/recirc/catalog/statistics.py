"""Read-only catalogue aggregates for the supervision statistics: the carbon factor of every category, with the
source it comes from, so CO2e avoided by reuse can be shown together with where each number comes from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from recirc.catalog.models import CarbonFactor, Category


@dataclass(frozen=True)
class CarbonFactorRow:
    """The factor in force for a category on a date: its own, else its nearest ancestor's (`from_code`)."""

    category_code: str
    kg_co2e_per_item: Decimal
    source: str
    is_estimate: bool
    valid_from: dt.date
    from_code: str


def carbon_factor_table(on_date: dt.date | None = None) -> dict[str, CarbonFactorRow]:
    """Category code -> the carbon factor in force on the date, for every category that has one (its own or an
    ancestor's). Two queries: the tree is small and factors are few."""
    day = on_date or dt.date.today()
    own: dict[int, CarbonFactor] = {}
    for factor in CarbonFactor.objects.filter(valid_from__lte=day).order_by("-valid_from", "-id"):
        own.setdefault(factor.category_id, factor)
    categories = {pk: (code, parent) for pk, code, parent in Category.objects.values_list("id", "code", "parent_id")}
    table: dict[str, CarbonFactorRow] = {}
    for pk, (code, _parent) in categories.items():
        current: int | None = pk
        seen: set[int] = set()
        while current is not None and current not in own and current not in seen:
            seen.add(current)
            current = categories.get(current, ("", None))[1]
        if current is None or current not in own:
            continue
        factor = own[current]
        table[code] = CarbonFactorRow(category_code=code, kg_co2e_per_item=factor.kg_co2e_per_item,
                                      source=factor.source, is_estimate=factor.is_estimate,
                                      valid_from=factor.valid_from, from_code=categories[current][0])
    return table
