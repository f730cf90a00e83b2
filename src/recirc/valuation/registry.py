"""The registry page's rows: per category, its observations in the training window, its active model and
its other versions (newest first)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.utils import timezone

from recirc.catalog.facade import CategoryRef
from recirc.valuation import policy
from recirc.valuation.models import PriceObservation, ValuationModel


@dataclass
class CategoryRow:
    category: CategoryRef
    observations: int
    active: ValuationModel | None = None
    others: list[ValuationModel] = field(default_factory=list)

    @property
    def trainable(self) -> bool:
        return self.observations >= policy.policy_int("VALUATION_MIN_TRAINING_ROWS")


def observation_counts(today: dt.date | None = None) -> dict[int, int]:
    """Observations per category within the training window."""
    since = (today or timezone.localdate()) - dt.timedelta(days=policy.policy_int("VALUATION_TRAINING_WINDOW_DAYS"))
    rows = (PriceObservation.objects.filter(observed_on__gte=since).order_by().values("category_id")
            .annotate(total=Count("id")))
    return {row["category_id"]: row["total"] for row in rows}


def category_rows(categories: Sequence[CategoryRef], models: Sequence[ValuationModel],
                  counts: dict[int, int]) -> list[CategoryRow]:
    """Categories with data or a model, in catalogue order."""
    rows = []
    for category in categories:
        own: list[Any] = [model for model in models if model.category_id == category.id]
        if not own and not counts.get(category.id):
            continue
        active = next((model for model in own if model.is_active), None)
        rows.append(CategoryRow(category=category, observations=counts.get(category.id, 0), active=active,
                                others=[model for model in own if model is not active]))
    return rows
