"""Green impact: CO2e avoided because second-hand items were reused instead of bought new, per category, from the
catalogue's carbon factors (each with its source), for regulators and the public; and the national promotion
days (National Energy Conservation Week, National Ecology Day) when the figures are highlighted.

Counted: items changing hands by sale, auction, consignment, buy-back and swap. Rentals are left out: a rental
does not stand in for buying a new item. Public figures: no filters beyond the period, small cells suppressed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.catalog.facade import carbon_factor_table
from recirc.supervision.dimensions import category_labels, region_prefix
from recirc.supervision.models import Method, TransactionDaily, TransactionMonthly
from recirc.supervision.policy import ecology_day, energy_conservation_week
from recirc.supervision.tables import Column, Table, suppress, suppression_note

REUSE_METHODS = tuple(method for method in Method.values if method != Method.RENTAL)
KG = Decimal("0.1")


@dataclass(frozen=True)
class PromotionPeriod:
    name: str
    first: dt.date
    last: dt.date

    def covers(self, day: dt.date) -> bool:
        return self.first <= day <= self.last


def promotion_periods(year: int) -> list[PromotionPeriod]:
    periods = []
    week = energy_conservation_week(year)
    if week is not None:
        periods.append(PromotionPeriod(_("National Energy Conservation Week"), *week))
    day = ecology_day(year)
    if day is not None:
        periods.append(PromotionPeriod(_("National Ecology Day"), day, day))
    return periods


def promotion_now(today: dt.date | None = None) -> PromotionPeriod | None:
    today = today or timezone.localdate()
    return next((period for period in promotion_periods(today.year) if period.covers(today)), None)


def _reuse(region: str) -> Q:
    prefix = region_prefix(region)
    return Q(method__in=REUSE_METHODS) & (Q(district_code__startswith=prefix) if prefix else Q())


def green_table(first_month: dt.date, last_month: dt.date, *, region: str = "") -> Table:
    """kg CO2e avoided per category over whole months, with the factor and its source."""
    factors = carbon_factor_table(last_month)
    names = category_labels()
    found = (TransactionMonthly.objects.filter(_reuse(region), month__range=(first_month, last_month)).order_by()
             .values("category_code").annotate(records=Sum("records"), items=Sum("items")))
    rows = []
    for row in found:
        factor = factors.get(row["category_code"])
        kg = (Decimal(row["items"]) * factor.kg_co2e_per_item).quantize(KG) if factor else None
        rows.append({"code": row["category_code"], "name": names.get(row["category_code"], row["category_code"]),
                     "records": row["records"], "items": row["items"],
                     "factor": factor.kg_co2e_per_item if factor else None, "kg": kg,
                     "source": factor.source if factor else _("No carbon factor for this category yet."),
                     "estimate": _("estimate") if factor and factor.is_estimate else ""})
    rows.sort(key=lambda row: -(row["kg"] or 0))
    suppress(rows, measures=("records", "items", "kg"))
    columns = [Column("name", _("Category")), Column("items", _("Items reused"), "count"),
               Column("factor", _("kg CO2e per item"), "kg"), Column("kg", _("kg CO2e avoided"), "kg"),
               Column("estimate", _("Estimate")), Column("source", _("Source of the factor"))]
    table = Table("green", _("CO2e avoided by reuse"), columns, rows,
                  [suppression_note(), _("Items sold, auctioned, consigned, bought back or swapped; rentals are "
                                         "not counted.")])
    table.chart = {"type": "pie", "label": "name", "value": "kg"}
    return table


def green_total(table: Table) -> Decimal:
    return sum((row["kg"] for row in table.rows if row.get("kg") is not None), Decimal("0"))


def green_daily(last_day: dt.date, days: int = 120, *, region: str = "") -> dict[str, Any]:
    """kg CO2e avoided per day over the last `days` days, with the promotion periods to highlight on the chart.
    Days are city totals (all categories) and shown only once their items reach the suppression threshold."""
    first = last_day - dt.timedelta(days=days - 1)
    factors = {code: row.kg_co2e_per_item for code, row in carbon_factor_table(last_day).items()}
    per_day: dict[dt.date, Decimal] = {}
    records: dict[dt.date, int] = {}
    for row in (TransactionDaily.objects.filter(_reuse(region), day__range=(first, last_day)).order_by()
                .values("day", "category_code").annotate(items=Sum("items"), records=Sum("records"))):
        factor = factors.get(row["category_code"], Decimal("0"))
        per_day[row["day"]] = per_day.get(row["day"], Decimal("0")) + Decimal(row["items"]) * factor
        records[row["day"]] = records.get(row["day"], 0) + row["records"]
    rows = [{"day": (first + dt.timedelta(days=offset)).isoformat(),
             "records": records.get(first + dt.timedelta(days=offset), 0),
             "kg": per_day.get(first + dt.timedelta(days=offset), Decimal("0")).quantize(KG)} for offset in range(days)]
    suppress(rows, measures=("records", "kg"))
    periods = [period for year in {first.year, last_day.year} for period in promotion_periods(year)
               if period.last >= first and period.first <= last_day]
    return {"rows": rows, "periods": [{"name": period.name, "first": period.first.isoformat(),
                                       "last": period.last.isoformat()} for period in periods]}
