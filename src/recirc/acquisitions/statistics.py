"""Read-only aggregates of the acquisition register for the supervision statistics: intakes per day (of
acquisition), outlet district, category and transaction type. Counts only: no seller, no price per person.

An entry may be back-dated (recorded after the fact, within the back-entry window), so the days a refresh must
recompute are those of the entries compiled since its last run, not only the days since then.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import TruncDate
from django.utils import timezone

from recirc.acquisitions.models import AcquisitionEntry
from recirc.items.facade import DailyCount, local_day_bounds


def acquisitions_daily(first: dt.date, last: dt.date) -> list[DailyCount]:
    """Register entries acquired on each local day from `first` to `last` (inclusive), by outlet district,
    category and transaction type. Corrections are new entries that replace an earlier one: the corrected
    entry is left out, so an article counts once."""
    start, end = local_day_bounds(first, last)
    corrected = AcquisitionEntry.objects.filter(corrects=OuterRef("pk"))
    rows = (AcquisitionEntry.objects.filter(~Exists(corrected), recorded_at__gte=start, recorded_at__lt=end)
            .order_by().annotate(day=TruncDate("recorded_at", tzinfo=timezone.get_current_timezone()))
            .values("day", "outlet__district__code", "category_code", "transaction_type").annotate(total=Count("id")))
    return [DailyCount(day=row["day"], district_code=row["outlet__district__code"], category_code=row["category_code"],
                       kind=row["transaction_type"], count=row["total"]) for row in rows]


def acquisition_days_compiled_since(moment: dt.datetime) -> set[dt.date]:
    """The local days of acquisition of every entry compiled at or after `moment` (back-entries included), and of
    the entries they correct (a correction takes its original out of the count)."""
    zone = timezone.get_current_timezone()
    entries = AcquisitionEntry.objects.filter(created_at__gte=moment).order_by()
    days = set(entries.annotate(day=TruncDate("recorded_at", tzinfo=zone)).values_list("day", flat=True).distinct())
    corrected = entries.filter(corrects__isnull=False).annotate(day=TruncDate("corrects__recorded_at", tzinfo=zone))
    return days | set(corrected.values_list("day", flat=True).distinct())
