"""Read-only aggregates of alerts and intake screenings for the supervision statistics: counts per day,
district, category and kind. No personal data: counts only (the seller pseudonym never leaves policing).

A "flagged acquisition" is a register intake whose screening raised at least one alert. Districts are where
the item is (its outlet's district), else the operator's district.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from recirc.items.facade import DailyCount, local_day_bounds
from recirc.policing.models import Alert, ScreeningOutcome, ScreeningRecord

ACQUISITION_SOURCE_PREFIX = "acquisitions.entry:"


def alerts_raised_daily(first: dt.date, last: dt.date) -> list[DailyCount]:
    """Alerts raised on each local day from `first` to `last` (inclusive), by district, category and kind."""
    start, end = local_day_bounds(first, last)
    rows = (Alert.objects.filter(created_at__gte=start, created_at__lt=end).order_by()
            .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()),
                      district=Coalesce("item__outlet__district__code", "operator__district__code"))
            .values("day", "district", "item__category__code", "kind").annotate(total=Count("id")))
    return [DailyCount(day=row["day"], district_code=row["district"] or "", category_code=row["item__category__code"],
                       kind=row["kind"], count=row["total"]) for row in rows]


def flagged_acquisitions_daily(first: dt.date, last: dt.date) -> list[DailyCount]:
    """Register intakes screened on each local day whose screening raised an alert (kind "flagged")."""
    start, end = local_day_bounds(first, last)
    rows = (ScreeningRecord.objects.filter(screened_at__gte=start, screened_at__lt=end,
                                           result=ScreeningOutcome.ALERT,
                                           source_ref__startswith=ACQUISITION_SOURCE_PREFIX).order_by()
            .annotate(day=TruncDate("screened_at", tzinfo=timezone.get_current_timezone()),
                      district=Coalesce("item__outlet__district__code", "operator__district__code"))
            .values("day", "district", "category_code").annotate(total=Count("id")))
    return [DailyCount(day=row["day"], district_code=row["district"] or "", category_code=row["category_code"],
                       kind="flagged", count=row["total"]) for row in rows]
