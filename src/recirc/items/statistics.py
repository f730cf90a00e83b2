"""Read-only aggregates of item holds for the supervision statistics: how many holds of each kind were placed
per day, district and category. No personal data: counts only.

A hold's district is where the item is (its outlet's district), else its owning operator's district.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from recirc.items.models import ItemHold


@dataclass(frozen=True)
class DailyCount:
    day: dt.date
    district_code: str
    category_code: str
    kind: str
    count: int


def local_day_bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[local midnight of `first`, local midnight after `last`) in the current time zone."""
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(first, dt.time.min).replace(tzinfo=zone)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min).replace(tzinfo=zone)
    return start, end


def holds_placed_daily(first: dt.date, last: dt.date) -> list[DailyCount]:
    """Holds placed on each local day from `first` to `last` (inclusive), by district, category and kind."""
    start, end = local_day_bounds(first, last)
    rows = (ItemHold.objects.filter(placed_at__gte=start, placed_at__lt=end).order_by()
            .annotate(day=TruncDate("placed_at", tzinfo=timezone.get_current_timezone()),
                      district=Coalesce("item__outlet__district__code", "item__owner_operator__district__code"))
            .values("day", "district", "item__category__code", "kind").annotate(total=Count("id")))
    return [DailyCount(day=row["day"], district_code=row["district"] or "", category_code=row["item__category__code"],
                       kind=row["kind"], count=row["total"]) for row in rows]
