"""Reads of the statistics for the commerce authority, from the roll-ups only (never the millions of facts):
trends, growth against the baseline year, mixes by category, channel and method, district rankings, the
drill-down to operators, top sellers per quarter. Each answer is a Table (tables.py) with small cells suppressed.
For the commerce regulator and the platform administrator only (StatisticsForbidden otherwise).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.operators.facade import operator_refs
from recirc.supervision.dimensions import (
    Filters,
    add_months,
    category_labels,
    choice_labels,
    district_labels,
    month_start,
)
from recirc.supervision.models import OperatorMonthly, TransactionMonthly
from recirc.supervision.policy import min_cell_count, require_statistics
from recirc.supervision.tables import Column, Table, suppress, suppression_note

MONEY = {"records": Sum("records"), "items": Sum("items"), "value": Sum("value")}


def monthly(filters: Filters) -> QuerySet[TransactionMonthly]:
    rows = TransactionMonthly.objects.filter(filters.region_q(), month__range=(filters.first_month,
                                                                              filters.last_month))
    categories = filters.categories()
    if categories is not None:
        rows = rows.filter(category_code__in=categories)
    if filters.channel:
        rows = rows.filter(channel=filters.channel)
    if filters.method:
        rows = rows.filter(method=filters.method)
    return rows.order_by()


def percent(part: Any, whole: Any) -> Decimal | None:
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def growth(now: Any, before: Any) -> Decimal | None:
    if now is None or before is None or not before:
        return None
    return ((Decimal(now) - Decimal(before)) * 100 / Decimal(before)).quantize(Decimal("0.1"))


def _money_columns() -> list[Column]:
    return [Column("records", _("Transactions"), "count"), Column("items", _("Items"), "count"),
            Column("value", _("Value (CNY)"), "money")]


def trend_table(actor: Any, filters: Filters) -> Table:
    """Transactions and value per month over the period (months without any are shown as zero)."""
    require_statistics(actor)
    found = {row["month"]: row for row in monthly(filters).values("month").annotate(**MONEY)}
    rows, month = [], filters.first_month
    while month <= filters.last_month:
        row = found.get(month, {"records": 0, "items": 0, "value": Decimal("0")})
        rows.append({"month": month.strftime("%Y-%m"), "records": row["records"], "items": row["items"],
                     "value": row["value"]})
        month = add_months(month, 1)
    table = Table("trend", _("Transactions per month"), [Column("month", _("Month")), *_money_columns()],
                  suppress(rows), [suppression_note()])
    table.chart = {"type": "bar-line", "x": "month", "bar": "value", "line": "records"}
    return table


def cells_table(actor: Any, filters: Filters) -> Table:
    """Transactions and value per month, district and category: the monthly statistics return."""
    require_statistics(actor)
    districts, categories = district_labels(), category_labels()
    rows = [{"month": row["month"].strftime("%Y-%m"), "district_code": row["district_code"],
             "district": districts.get(row["district_code"], row["district_code"]),
             "category_code": row["category_code"],
             "category": categories.get(row["category_code"], row["category_code"]),
             "records": row["records"], "items": row["items"], "value": row["value"]}
            for row in monthly(filters).values("month", "district_code", "category_code").annotate(**MONEY)
            .order_by("month", "district_code", "category_code")]
    columns = [Column("month", _("Month")), Column("district_code", _("District code")),
               Column("district", _("District")), Column("category_code", _("Category code")),
               Column("category", _("Category")), *_money_columns()]
    return Table("cells", _("Transactions per month, district and category"), columns, suppress(rows),
                 [suppression_note()])


def breakdown_table(actor: Any, filters: Filters, dimension: str) -> Table:
    """Transactions, items, value and share of value per category, channel, method or district."""
    require_statistics(actor)
    field = {"category": "category_code", "district": "district_code"}.get(dimension, dimension)
    labels = {"category": category_labels, "district": district_labels}.get(dimension)
    names = labels() if labels else choice_labels()[dimension]
    rows = [{"code": row[field], "name": names.get(row[field], row[field]), "records": row["records"],
             "items": row["items"], "value": row["value"]}
            for row in monthly(filters).values(field).annotate(**MONEY).order_by("-value", field)]
    total = sum((row["value"] for row in rows), Decimal("0"))
    for row in rows:
        row["share"] = percent(row["value"], total)
    suppress(rows, measures=("records", "items", "value", "share"))
    titles = {"category": _("Category mix"), "channel": _("Channels"), "method": _("Transaction methods"),
              "district": _("Districts")}
    table = Table(f"by-{dimension}", titles[dimension], [Column("code", _("Code")), Column("name", _("Name")),
                                                         *_money_columns(), Column("share", _("Share of value"),
                                                                                   "percent")],
                  rows, [suppression_note()])
    table.chart = {"type": "pie" if dimension != "district" else "bar", "label": "name", "value": "value"}
    return table


def _period_totals(filters: Filters, field: str, first: dt.date, last: dt.date) -> dict[str, dict[str, Any]]:
    rows = monthly(filters.with_months(first, last)).values(field).annotate(**MONEY)
    return {row[field]: row for row in rows}


def growth_periods(filters: Filters, baseline_year: int) -> tuple[dt.date, dt.date, dt.date, dt.date]:
    """The year to date of the filters' last month, and the same months of the baseline year. The current month
    is left out while it runs (unless it is January): a part month is not compared with a whole one."""
    this_month = month_start(timezone.localdate())
    last = filters.last_month
    if last >= this_month and this_month.month > 1:
        last = add_months(this_month, -1)
    first = dt.date(last.year, 1, 1)
    years_back = last.year - baseline_year
    return first, last, add_months(first, -12 * years_back), add_months(last, -12 * years_back)


def growth_table(actor: Any, filters: Filters, dimension: str, baseline_year: int) -> Table:
    """The year to date against the same months of the baseline year, per category or district (the plan
    measures growth against 2024)."""
    require_statistics(actor)
    field = "category_code" if dimension == "category" else "district_code"
    names = category_labels() if dimension == "category" else district_labels()
    first, last, base_first, base_last = growth_periods(filters, baseline_year)
    now, before = _period_totals(filters, field, first, last), _period_totals(filters, field, base_first, base_last)
    rows = []
    for code in sorted(set(now) | set(before)):
        current, base = now.get(code, {}), before.get(code, {})
        rows.append({"code": code, "name": names.get(code, code), "base_records": base.get("records", 0),
                     "base_value": base.get("value", Decimal("0")), "records": current.get("records", 0),
                     "value": current.get("value", Decimal("0"))})
    suppress(rows, count_key="base_records", measures=("base_records", "base_value"))
    flags = [row.pop("suppressed") for row in rows]
    suppress(rows, measures=("records", "value"))
    for row, base_hidden in zip(rows, flags, strict=True):
        row["growth"] = growth(row["value"], row["base_value"])
        row["suppressed"] = row["suppressed"] or base_hidden
    rows.sort(key=lambda row: (row["value"] is None, -(row["value"] or 0)))
    period = f"{base_first:%Y-%m}–{base_last:%Y-%m}"
    columns = [Column("code", _("Code")), Column("name", _("Name")),
               Column("base_records", _("Transactions %(period)s") % {"period": period}, "count"),
               Column("base_value", _("Value %(period)s") % {"period": period}, "money"),
               Column("records", _("Transactions %(period)s") % {"period": f"{first:%Y-%m}–{last:%Y-%m}"}, "count"),
               Column("value", _("Value %(period)s") % {"period": f"{first:%Y-%m}–{last:%Y-%m}"}, "money"),
               Column("growth", _("Growth in value"), "percent")]
    title = _("Growth against %(year)s by category") if dimension == "category" \
        else _("District ranking, growth against %(year)s")
    table = Table(f"growth-{dimension}", title % {"year": baseline_year}, columns, rows, [suppression_note()])
    table.chart = {"type": "bar", "label": "name", "value": "value", "compare": "base_value"}
    return table


def operator_table(actor: Any, filters: Filters, *, limit: int = 100) -> Table:
    """The drill-down: operators by value in the period, within the filters' region and category."""
    require_statistics(actor)
    rows_qs = OperatorMonthly.objects.filter(filters.region_q(), month__range=(filters.first_month,
                                                                              filters.last_month))
    if filters.categories() is not None:
        rows_qs = rows_qs.filter(category_code__in=filters.categories())
    found = list(rows_qs.order_by().values("operator_id").annotate(**MONEY).order_by("-value", "operator_id")[:limit])
    refs = operator_refs(row["operator_id"] for row in found)
    kinds, total = choice_labels()["operator_kind"], sum((row["value"] for row in found), Decimal("0"))
    rows = [{"operator_id": row["operator_id"], "name": refs[row["operator_id"]].name if row["operator_id"] in refs
             else str(row["operator_id"]), "kind": kinds.get(refs[row["operator_id"]].kind, "")
             if row["operator_id"] in refs else "", "records": row["records"], "items": row["items"],
             "value": row["value"], "share": percent(row["value"], total)} for row in found]
    suppress(rows, measures=("records", "items", "value", "share"))
    columns = [Column("name", _("Operator")), Column("kind", _("Type")), *_money_columns(),
               Column("share", _("Share of value"), "percent")]
    table = Table("operators", _("Operators"), columns, rows, [suppression_note()])
    table.chart = {"type": "bar", "label": "name", "value": "value"}
    return table


def top_sellers_table(actor: Any, filters: Filters, year: int, *, per_quarter: int = 10) -> Table:
    """The operators with the highest value in each quarter of a year (region and category filters apply)."""
    require_statistics(actor)
    quarters: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for quarter in range(1, 5):
        first = dt.date(year, 3 * quarter - 2, 1)
        rows_qs = OperatorMonthly.objects.filter(filters.region_q(), month__range=(first, add_months(first, 2)))
        if filters.categories() is not None:
            rows_qs = rows_qs.filter(category_code__in=filters.categories())
        quarters[quarter] = list(rows_qs.order_by().values("operator_id").annotate(**MONEY)
                                 .filter(records__gte=min_cell_count()).order_by("-value", "operator_id")[:per_quarter])
    refs = operator_refs(row["operator_id"] for rows in quarters.values() for row in rows)
    rows = [{"quarter": f"{year} Q{quarter}", "rank": rank, "name": refs[row["operator_id"]].name
             if row["operator_id"] in refs else str(row["operator_id"]), "records": row["records"],
             "value": row["value"]}
            for quarter, found in quarters.items() for rank, row in enumerate(found, start=1)]
    columns = [Column("quarter", _("Quarter")), Column("rank", _("Rank"), "number"), Column("name", _("Operator")),
               Column("records", _("Transactions"), "count"), Column("value", _("Value (CNY)"), "money")]
    return Table("top-sellers", _("Top sellers per quarter, %(year)s") % {"year": year}, columns, rows,
                 [_("Ranked among operators with at least %(k)s transactions in the quarter.")
                  % {"k": min_cell_count()}])


def year_totals(filters: Filters, year: int, *, months: int = 12) -> dict[str, Any]:
    """Transactions, items and value of the first `months` months of a year (no suppression: city totals)."""
    first = dt.date(year, 1, 1)
    scoped = monthly(filters.with_months(first, add_months(first, months - 1)))
    totals = scoped.aggregate(**MONEY)
    return {"records": totals["records"] or 0, "items": totals["items"] or 0, "value": totals["value"] or Decimal("0")}


def totals_by(filters: Filters, field: str, first: dt.date, last: dt.date) -> dict[str, Any]:
    """field value -> {records, items, value} over a span (for the report and the goals)."""
    return _period_totals(filters, field, first, last)


def region_condition(prefix: str) -> Q:
    return Q(district_code__startswith=prefix) if prefix else Q()
