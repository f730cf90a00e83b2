"""The incremental roll-up refresh: rebuild each changed day from the facts, then each changed month from its
days. Rebuilding (delete the cells, insert the aggregate) instead of adding deltas keeps a roll-up equal to the
raw aggregate whatever happened to the facts (new rows, corrections, a row moved to another day).

Which days changed: for supervision's own facts, the DirtyDay markers written in the same transaction as the
facts; for the other contexts (register entries, screenings, alerts, holds), every day since the last run (read
again from `STATISTICS_REFRESH_OVERLAP_MINUTES` before it) plus the days of back-dated register entries. One
refresh at a time: the run holds the lock on its RefreshState row.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection, models, transaction
from django.db.models import Count, Q, Sum, Value
from django.utils import timezone

from recirc.acquisitions.facade import acquisition_days_compiled_since, acquisitions_daily
from recirc.items.facade import DailyCount, holds_placed_daily
from recirc.policing.facade import alerts_raised_daily, flagged_acquisitions_daily
from recirc.supervision.models import (
    ActivityDaily,
    ActivityMeasure,
    DirtyDay,
    FactSource,
    OperatorDaily,
    OperatorMonthly,
    RefreshState,
    SellThroughDaily,
    SellThroughMonthly,
    SubmittedAcquisition,
    TransactionDaily,
    TransactionMonthly,
    TransactionRecord,
)
from recirc.supervision.policy import policy_int

EPOCH = dt.date(2000, 1, 1)
TRANSACTION_DIMENSIONS = ("district_code", "category_code", "channel", "method", "source")
OPERATOR_DIMENSIONS = ("operator_id", "district_code", "category_code")
SELL_DIMENSIONS = ("category_code", "channel", "days")
MONEY = {"records": Count("id"), "items": Sum("quantity"), "value": Sum("amount")}


@dataclass(frozen=True)
class RefreshReport:
    transaction_days: int
    activity_days: int
    months: int
    seconds: float


def day_runs(days: Iterable[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Sorted days as contiguous (first, last) runs: 1, 2, 3, 7 -> (1, 3), (7, 7)."""
    runs: list[tuple[dt.date, dt.date]] = []
    for day in sorted(set(days)):
        if runs and day == runs[-1][1] + dt.timedelta(days=1):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _in_runs(field: str, runs: Sequence[tuple[dt.date, dt.date]]) -> Q:
    if not runs:
        return Q(pk__in=[])
    condition = Q(**{f"{field}__range": runs[0]})
    for run in runs[1:]:
        condition |= Q(**{f"{field}__range": run})
    return condition


def _insert_select(model: type[models.Model], columns: Sequence[str], queryset: models.QuerySet) -> None:
    """INSERT INTO roll-up (columns) SELECT ...: the aggregate never travels through Python."""
    sql, params = queryset.query.sql_with_params()
    quote = connection.ops.quote_name
    names = ", ".join(quote(str(getattr(model._meta.get_field(column), "column", column))) for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(model._meta.db_table)} ({names}) {sql}", params)


def _rebuild_days(runs: Sequence[tuple[dt.date, dt.date]]) -> None:
    in_days = _in_runs("day", runs)
    for model in (TransactionDaily, OperatorDaily, SellThroughDaily):
        model._default_manager.filter(in_days).delete()
    facts = TransactionRecord.objects.filter(in_days).order_by()
    for model, dimensions in ((TransactionDaily, TRANSACTION_DIMENSIONS), (OperatorDaily, OPERATOR_DIMENSIONS)):
        names = ("day", *dimensions, *MONEY)
        _insert_select(model, names, facts.values("day", *dimensions).annotate(**MONEY).values_list(*names))
    sold = (facts.filter(days_to_sell__isnull=False).values("day", "category_code", "channel", "days_to_sell")
            .annotate(records=Count("id")))
    _insert_select(SellThroughDaily, ("day", *SELL_DIMENSIONS, "records"),
                   sold.values_list("day", "category_code", "channel", "days_to_sell", "records"))


def month_end(month: dt.date) -> dt.date:
    return (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def _rebuild_month(month: dt.date) -> None:
    for daily, monthly, dimensions, measures in (
            (TransactionDaily, TransactionMonthly, TRANSACTION_DIMENSIONS, ("records", "items", "value")),
            (OperatorDaily, OperatorMonthly, OPERATOR_DIMENSIONS, ("records", "items", "value")),
            (SellThroughDaily, SellThroughMonthly, SELL_DIMENSIONS, ("records",))):
        monthly._default_manager.filter(month=month).delete()
        grouped = (daily._default_manager.filter(day__range=(month, month_end(month))).order_by().values(*dimensions)
                   .annotate(**{f"total_{name}": Sum(name) for name in measures},
                             month_value=Value(month, output_field=models.DateField())))
        _insert_select(monthly, ("month", *dimensions, *measures),
                       grouped.values_list("month_value", *dimensions, *(f"total_{name}" for name in measures)))


def _activity_rows(first: dt.date, last: dt.date) -> list[ActivityDaily]:
    """The other contexts' daily counts in one span, as roll-up cells (source "platform")."""
    sources: tuple[tuple[str, list[DailyCount]], ...] = (
        (ActivityMeasure.ACQUISITION, acquisitions_daily(first, last)),
        (ActivityMeasure.FLAGGED_ACQUISITION, flagged_acquisitions_daily(first, last)),
        (ActivityMeasure.ALERT, alerts_raised_daily(first, last)),
        (ActivityMeasure.HOLD, holds_placed_daily(first, last)))
    return [ActivityDaily(day=row.day, district_code=row.district_code, category_code=row.category_code or "",
                          measure=measure, kind=row.kind, source=FactSource.PLATFORM, records=row.count)
            for measure, rows in sources for row in rows]


def _rebuild_activity(runs: Sequence[tuple[dt.date, dt.date]]) -> None:
    ActivityDaily.objects.filter(_in_runs("day", runs), source=FactSource.PLATFORM).delete()
    for first, last in runs:
        ActivityDaily.objects.bulk_create(_activity_rows(first, last), batch_size=5000)


def _rebuild_submitted_activity(runs: Sequence[tuple[dt.date, dt.date]]) -> None:
    ActivityDaily.objects.filter(_in_runs("day", runs), source=FactSource.SUBMISSION).delete()
    grouped = (SubmittedAcquisition.objects.filter(_in_runs("day", runs)).order_by()
               .values("day", "district_code", "category_code", "kind")
               .annotate(records=Count("id"),
                         measure_value=Value(ActivityMeasure.ACQUISITION.value, output_field=models.CharField()),
                         source_value=Value(FactSource.SUBMISSION.value, output_field=models.CharField())))
    _insert_select(ActivityDaily, ("day", "district_code", "category_code", "kind", "measure", "source", "records"),
                   grouped.values_list("day", "district_code", "category_code", "kind", "measure_value",
                                       "source_value", "records"))


def _activity_days(state: RefreshState, now: dt.datetime) -> list[tuple[dt.date, dt.date]]:
    if state.watermark is None:
        return [(EPOCH, timezone.localdate(now))]
    since = state.watermark - dt.timedelta(minutes=policy_int("STATISTICS_REFRESH_OVERLAP_MINUTES"))
    first, today = timezone.localdate(since), timezone.localdate(now)
    recent = {first + dt.timedelta(days=offset) for offset in range((today - first).days + 1)}
    return day_runs(recent | acquisition_days_compiled_since(since))


def _state() -> RefreshState:
    RefreshState.objects.get_or_create(name="rollups")
    return RefreshState.objects.select_for_update().get(name="rollups")


def rollups_refresh(*, now: dt.datetime | None = None, rebuild: bool = False) -> RefreshReport:
    """Bring every roll-up up to date (`rebuild`: from scratch). Idempotent; safe to run at any time."""
    began, moment = time.perf_counter(), now or timezone.now()
    with transaction.atomic():
        state = _state()
        if rebuild:
            state.watermark = None
        markers = list(DirtyDay.objects.order_by("id").values_list("id", "day"))
        fact_days = {day for _pk, day in markers}
        if rebuild:
            fact_days |= set(TransactionRecord.objects.order_by().values_list("day", flat=True).distinct())
            fact_days |= set(SubmittedAcquisition.objects.order_by().values_list("day", flat=True).distinct())
            fact_days |= set(TransactionDaily.objects.order_by().values_list("day", flat=True).distinct())
            fact_days |= set(ActivityDaily.objects.filter(source=FactSource.SUBMISSION).order_by()
                             .values_list("day", flat=True).distinct())
        fact_runs, activity_runs = day_runs(fact_days), _activity_days(state, moment)
        if fact_runs:
            _rebuild_days(fact_runs)
            _rebuild_submitted_activity(fact_runs)
        _rebuild_activity(activity_runs)
        months = {day.replace(day=1) for day in fact_days}
        if rebuild:
            months |= set(TransactionMonthly.objects.order_by().values_list("month", flat=True).distinct())
        for month in sorted(months):
            _rebuild_month(month)
        DirtyDay.objects.filter(pk__in=[pk for pk, _day in markers]).delete()
        seconds = time.perf_counter() - began
        activity_count = sum((last - first).days + 1 for first, last in activity_runs)
        state.watermark, state.last_run_at = moment, timezone.now()
        state.last_duration_ms, state.last_day_count = int(seconds * 1000), len(fact_days)
        state.save()
    return RefreshReport(transaction_days=len(fact_days), activity_days=activity_count, months=len(months),
                         seconds=round(time.perf_counter() - began, 3))
