"""Every statistics table by its slug: the dashboard, its exports and the API build them here, so they agree."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from recirc.core.errors import NotFound
from recirc.supervision import activity, figures, green
from recirc.supervision.dimensions import Filters
from recirc.supervision.policy import policy_int, require_statistics
from recirc.supervision.tables import Table

Builder = Callable[[Any, Filters, int], Table]


def _green(actor: Any, filters: Filters, year: int) -> Table:
    require_statistics(actor)
    return green.green_table(filters.first_month, filters.last_month, region=filters.region)


def _baseline() -> int:
    return policy_int("STATISTICS_BASELINE_YEAR")


TABLES: dict[str, Builder] = {
    "trend": lambda actor, filters, year: figures.trend_table(actor, filters),
    "cells": lambda actor, filters, year: figures.cells_table(actor, filters),
    "by-category": lambda actor, filters, year: figures.breakdown_table(actor, filters, "category"),
    "by-channel": lambda actor, filters, year: figures.breakdown_table(actor, filters, "channel"),
    "by-method": lambda actor, filters, year: figures.breakdown_table(actor, filters, "method"),
    "by-district": lambda actor, filters, year: figures.breakdown_table(actor, filters, "district"),
    "growth-category": lambda actor, filters, year: figures.growth_table(actor, filters, "category", _baseline()),
    "growth-district": lambda actor, filters, year: figures.growth_table(actor, filters, "district", _baseline()),
    "operators": lambda actor, filters, year: figures.operator_table(actor, filters),
    "top-sellers": lambda actor, filters, year: figures.top_sellers_table(actor, filters, year),
    "activity": lambda actor, filters, year: activity.activity_monthly_table(actor, filters),
    "flagged-weekly": lambda actor, filters, year: activity.flagged_weekly_table(actor, filters),
    "sell-through": lambda actor, filters, year: activity.sell_through_table(actor, filters),
    "entities": lambda actor, filters, year: activity.entities_table(actor, filters, _baseline(), year),
    "green": _green,
}


def table_build(actor: Any, slug: str, filters: Filters, year: int | None = None) -> Table:
    """The table named by `slug` for the filters; NotFound for an unknown slug."""
    require_statistics(actor)
    builder = TABLES.get(slug)
    if builder is None:
        raise NotFound()
    return builder(actor, filters, year or timezone.localdate().year)
