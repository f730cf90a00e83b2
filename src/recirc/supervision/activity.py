"""Reads of the other measures the plan and the police care about: acquisitions, flagged acquisitions, alerts and
holds per month and per week; sell-through time percentiles; operating entities by type and their growth.
Complaints are not recorded by any context yet, so no figure is given for them (the pages say so)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Sum
from django.utils.translation import gettext as _

from recirc.operators.facade import operator_registrations_by_month
from recirc.supervision.dimensions import Filters, add_months, category_labels, choice_labels
from recirc.supervision.models import ActivityDaily, ActivityMeasure, SellThroughMonthly, SubmittedEntity
from recirc.supervision.policy import require_statistics
from recirc.supervision.refresh import month_end
from recirc.supervision.tables import Column, Table, suppress, suppression_note

PERCENTILES = (50, 75, 90)
ACTIVE_STATUSES = frozenset({"active", "suspended"})


def _activity(filters: Filters, first: dt.date, last: dt.date) -> Any:
    rows = ActivityDaily.objects.filter(filters.region_q(), day__range=(first, last))
    if filters.categories() is not None:
        rows = rows.filter(category_code__in=filters.categories())
    return rows.order_by()


def activity_monthly_table(actor: Any, filters: Filters) -> Table:
    """Acquisitions, flagged acquisitions, alerts and holds per month."""
    require_statistics(actor)
    cells: dict[str, dict[str, int]] = defaultdict(dict)
    rows_qs = _activity(filters, filters.first_month, month_end(filters.last_month))
    for row in rows_qs.values("day", "measure").annotate(total=Sum("records")):
        month = row["day"].strftime("%Y-%m")
        cells[month][row["measure"]] = cells[month].get(row["measure"], 0) + row["total"]
    rows, month = [], filters.first_month
    while month <= filters.last_month:
        found = cells.get(month.strftime("%Y-%m"), {})
        rows.append({"month": month.strftime("%Y-%m"), **{measure: found.get(measure, 0)
                                                         for measure in ActivityMeasure.values}})
        month = add_months(month, 1)
    for measure in ActivityMeasure.values:  # each series is suppressed on its own counts
        suppress(rows, count_key=measure, measures=(measure,))
    labels = choice_labels()["measure"]
    table = Table("activity", _("Acquisitions, alerts and holds per month"),
                  [Column("month", _("Month")), *(Column(m, labels[m], "count") for m in ActivityMeasure.values)],
                  rows, [suppression_note(), _("Acquisitions include those operators submit from their own systems.")])
    table.chart = {"type": "lines", "x": "month", "series": list(ActivityMeasure.values)}
    return table


def flagged_weekly_table(actor: Any, filters: Filters) -> Table:
    """Flagged acquisitions (screening raised an alert) against all acquisitions, per ISO week."""
    require_statistics(actor)
    weeks: dict[str, dict[str, int]] = defaultdict(lambda: {"acquisition": 0, "flagged_acquisition": 0})
    rows_qs = _activity(filters, filters.first_month, month_end(filters.last_month)).filter(
        measure__in=[ActivityMeasure.ACQUISITION, ActivityMeasure.FLAGGED_ACQUISITION])
    for row in rows_qs.values("day", "measure").annotate(total=Sum("records")):
        year, week, _weekday = row["day"].isocalendar()
        weeks[f"{year}-W{week:02d}"][row["measure"]] += row["total"]
    rows = [{"week": week, "acquisitions": counts["acquisition"], "flagged": counts["flagged_acquisition"]}
            for week, counts in sorted(weeks.items())]
    suppress(rows, count_key="acquisitions", measures=("acquisitions",))
    suppress(rows, count_key="flagged", measures=("flagged",))
    table = Table("flagged-weekly", _("Flagged acquisitions per week"),
                  [Column("week", _("Week")), Column("acquisitions", _("Acquisitions"), "count"),
                   Column("flagged", _("Flagged"), "count")], rows, [suppression_note()])
    table.chart = {"type": "lines", "x": "week", "series": ["acquisitions", "flagged"]}
    return table


def percentile_of(histogram: dict[int, int], share: int) -> int | None:
    """The nearest-rank percentile (PostgreSQL's percentile_disc) of whole days from a histogram."""
    total = sum(histogram.values())
    if not total:
        return None
    seen = 0
    for days in sorted(histogram):
        seen += histogram[days]
        if seen * 100 >= share * total:
            return days
    return max(histogram)


def sell_through_table(actor: Any, filters: Filters) -> Table:
    """Days from acquisition to sale: median, 75th and 90th percentile per category."""
    require_statistics(actor)
    rows_qs = SellThroughMonthly.objects.filter(month__range=(filters.first_month, filters.last_month))
    if filters.categories() is not None:
        rows_qs = rows_qs.filter(category_code__in=filters.categories())
    if filters.channel:
        rows_qs = rows_qs.filter(channel=filters.channel)
    histograms: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows_qs.order_by().values("category_code", "days").annotate(total=Sum("records")):
        histograms[row["category_code"]][row["days"]] += row["total"]
    names = category_labels()
    rows = [{"code": code, "name": names.get(code, code), "records": sum(histogram.values()),
             **{f"p{share}": percentile_of(histogram, share) for share in PERCENTILES}}
            for code, histogram in sorted(histograms.items())]
    suppress(rows, measures=("records", *(f"p{share}" for share in PERCENTILES)))
    columns = [Column("name", _("Category")), Column("records", _("Sales with a known acquisition date"), "count"),
               *(Column(f"p{share}", _("%(share)sth percentile (days)") % {"share": share}, "number")
                 for share in PERCENTILES)]
    table = Table("sell-through", _("Sell-through time"), columns, rows,
                  [suppression_note(), _("Percentiles by nearest rank over whole days. Region filters do not "
                                         "apply: sell-through times are kept per category and channel.")])
    table.chart = {"type": "bar-multi", "label": "name", "series": [f"p{share}" for share in PERCENTILES]}
    return table


def _submitted_entities(prefix: str) -> list[tuple[str, dt.date, dt.date | None]]:
    rows = SubmittedEntity.objects.filter(district_code__startswith=prefix) if prefix else SubmittedEntity.objects
    return list(rows.order_by().values_list("kind", "opened_on", "closed_on"))


def entities_table(actor: Any, filters: Filters, baseline_year: int, year: int) -> Table:
    """Operating entities by type: registered in Recirc (still trading) and submitted by platforms and markets
    (still trading), with the number at the end of the baseline year and now. The registry is public (E-commerce
    Law Art. 15), so these counts are not suppressed."""
    require_statistics(actor)
    prefix, end_of_base = filters.prefix, dt.date(baseline_year, 12, 31)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"registered": 0, "submitted": 0, "base": 0, "new": 0})
    for row in operator_registrations_by_month():
        if prefix and not row.district_code.startswith(prefix):
            continue
        cell = counts[row.kind]
        if row.status in ACTIVE_STATUSES:
            cell["registered"] += row.count
        cell["base"] += row.count if row.month <= end_of_base else 0
        cell["new"] += row.count if row.month.year == year else 0
    for kind, opened, closed in _submitted_entities(prefix):
        cell = counts[kind]
        cell["submitted"] += 1 if closed is None else 0
        cell["base"] += 1 if opened <= end_of_base and (closed is None or closed > end_of_base) else 0
        cell["new"] += 1 if opened.year == year else 0
    labels = choice_labels()["operator_kind"]
    rows = [{"kind": labels.get(kind, kind), "registered": cell["registered"], "submitted": cell["submitted"],
             "total": cell["registered"] + cell["submitted"], "base": cell["base"], "new": cell["new"]}
            for kind, cell in sorted(counts.items(), key=lambda item: list(labels).index(item[0])
                                     if item[0] in labels else 99)]
    columns = [Column("kind", _("Type")), Column("registered", _("Registered in Recirc"), "count"),
               Column("submitted", _("Reported by platforms and markets"), "count"),
               Column("total", _("Trading now"), "count"),
               Column("base", _("At the end of %(year)s") % {"year": baseline_year}, "count"),
               Column("new", _("New in %(year)s") % {"year": year}, "count")]
    table = Table("entities", _("Operating entities by type"), columns, rows,
                  [_("Registered operators that closed are counted in the baseline but not as trading now; Recirc "
                     "does not keep the closing date of a registered operator.")])
    table.chart = {"type": "bar-multi", "label": "kind", "series": ["total", "base"]}
    return table
