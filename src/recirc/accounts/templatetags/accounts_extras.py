"""Template filters of the accounts pages."""

from __future__ import annotations

import datetime as dt
import math

from django import template

register = template.Library()


@register.filter
def minutes_rounded_up(delta: dt.timedelta | None) -> int:
    """A wait as whole minutes, never shown shorter than it is."""
    if not delta:
        return 0
    return max(1, math.ceil(delta.total_seconds() / 60))
