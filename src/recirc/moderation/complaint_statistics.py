"""Complaint statistics for market supervision, moderators and administrators, over the complaints filed in a
date range (local dates, both ends included): counts by state, category and operator, the share answered within
the deadline, and the median time to answer. Every figure is computed from the rows it summarises (DESIGN.md
invariant 8); the tests recount them."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.moderation import complaint_policy as policy
from recirc.moderation.complaint_errors import ComplaintForbidden
from recirc.moderation.models import Complaint, ComplaintCategory, ComplaintState
from recirc.operators.facade import operator_refs

DEFAULT_DAYS = 30


@dataclass(frozen=True)
class ComplaintStatistics:
    date_from: dt.date
    date_to: dt.date
    total: int
    by_state: list[tuple[str, str, int]]
    by_category: list[tuple[str, str, int]]
    by_operator: list[tuple[str, str, int]]  # (operator id or "individual", name, count)
    due: int  # answered, or with a deadline that has passed
    answered: int
    answered_in_time: int
    answer_rate: float | None  # answered in time / due; None when nothing was due
    median_hours_to_answer: float | None


def default_range(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    today = today or timezone.localdate()
    return today - dt.timedelta(days=DEFAULT_DAYS - 1), today


def _in_range(date_from: dt.date, date_to: dt.date) -> QuerySet[Complaint]:
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(date_from, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return Complaint.objects.filter(created_at__gte=start, created_at__lt=end)


def _counted(complaints: QuerySet[Complaint], field: str) -> dict[Any, int]:
    return {row[field]: row["total"] for row in complaints.order_by().values(field).annotate(total=Count("id"))}


def _operators(complaints: QuerySet[Complaint]) -> list[tuple[str, str, int]]:
    counts = _counted(complaints, "seller_operator_id")
    names = operator_refs([key for key in counts if key is not None])
    rows = [(str(key), names[key].name if key in names else str(key), total)
            for key, total in counts.items() if key is not None]
    if None in counts:
        rows.append(("individual", _("Individual sellers"), counts[None]))
    return sorted(rows, key=lambda row: (-row[2], row[1]))


def complaint_statistics(actor: Any, date_from: dt.date, date_to: dt.date,
                         now: dt.datetime | None = None) -> ComplaintStatistics:
    if not policy.may_see_statistics(actor):
        raise ComplaintForbidden()
    now = now or timezone.now()
    complaints = _in_range(date_from, date_to)
    by_state, by_category = _counted(complaints, "state"), _counted(complaints, "category")
    times = [(filed, answered, deadline) for filed, answered, deadline in complaints.filter(
        answered_at__isnull=False).values_list("created_at", "answered_at", "answer_due_at") if answered is not None]
    due = complaints.filter(answered_at__isnull=True, answer_due_at__lt=now).count() + len(times)
    in_time = sum(1 for _filed, answered, deadline in times if answered <= deadline)
    hours = [(answered - filed).total_seconds() / 3600 for filed, answered, _deadline in times]
    return ComplaintStatistics(
        date_from=date_from, date_to=date_to, total=sum(by_state.values()),
        by_state=[(key, str(label), by_state.get(key, 0)) for key, label in ComplaintState.choices],
        by_category=[(key, str(label), by_category.get(key, 0)) for key, label in ComplaintCategory.choices],
        by_operator=_operators(complaints), due=due, answered=len(times), answered_in_time=in_time,
        answer_rate=round(in_time / due, 4) if due else None,
        median_hours_to_answer=round(statistics.median(hours), 1) if hours else None)


def statistics_rows(stats: ComplaintStatistics) -> tuple[list[str], list[list[Any]]]:
    """One table for CSV and XLSX: (section, key, label, value)."""
    header = [_("Section"), _("Key"), _("Label"), _("Value")]
    rows: list[list[Any]] = [
        [_("Period"), "from", _("From"), stats.date_from.isoformat()],
        [_("Period"), "to", _("To"), stats.date_to.isoformat()],
        [_("Summary"), "total", _("Complaints filed"), stats.total],
        [_("Summary"), "due", _("Answers due"), stats.due],
        [_("Summary"), "answered", _("Answered"), stats.answered],
        [_("Summary"), "answered_in_time", _("Answered within the deadline"), stats.answered_in_time],
        [_("Summary"), "answer_rate", _("Answer rate within the deadline"),
         "" if stats.answer_rate is None else stats.answer_rate],
        [_("Summary"), "median_hours", _("Median hours to answer"),
         "" if stats.median_hours_to_answer is None else stats.median_hours_to_answer],
    ]
    rows += [[_("By state"), key, label, count] for key, label, count in stats.by_state]
    rows += [[_("By category"), key, label, count] for key, label, count in stats.by_category]
    rows += [[_("By operator"), key, label, count] for key, label, count in stats.by_operator]
    return header, rows
