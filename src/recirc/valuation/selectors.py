"""Valuation reads. The registry and the observations are a city-wide, anonymised price pool: every role that
may ask for estimates sees them (regulators read-only); for anyone else a list is empty and a single object
is NotFound. Which operator contributed an observation is shown only to city-wide roles and to that
operator's own staff (`operator_visible`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from recirc.operators.facade import operator_scope
from recirc.valuation import policy
from recirc.valuation.contracts import ModelSummary
from recirc.valuation.errors import ModelNotFound
from recirc.valuation.models import PriceObservation, ValuationModel


def model_list(actor: Any, *, category_id: int | None = None) -> QuerySet[ValuationModel]:
    """Newest version first per category; the fitted bytes are not read."""
    if not policy.may_estimate(actor):
        return ValuationModel.objects.none()
    models = ValuationModel.objects.defer("artifact").select_related("trained_by")
    if category_id:
        models = models.filter(category_id=category_id)
    return models.order_by("category_id", "-version")


def model_get(actor: Any, model_id: int) -> ValuationModel:
    model = model_list(actor).filter(pk=model_id).first()
    if model is None:
        raise ModelNotFound()
    return model


def observation_list(actor: Any, *, query: str = "", category_id: int | None = None, source: str = "",
                     date_from: dt.date | None = None, date_to: dt.date | None = None) -> QuerySet[PriceObservation]:
    """Newest first; search by brand, model or source reference; filters by category, source and dates."""
    if not policy.may_estimate(actor):
        return PriceObservation.objects.none()
    rows = PriceObservation.objects.all()
    if category_id:
        rows = rows.filter(category_id=category_id)
    if source:
        rows = rows.filter(source=source)
    if date_from:
        rows = rows.filter(observed_on__gte=date_from)
    if date_to:
        rows = rows.filter(observed_on__lte=date_to)
    for word in (query or "").split()[:5]:
        rows = rows.filter(Q(brand__icontains=word) | Q(model_name__icontains=word) | Q(source_ref__icontains=word))
    return rows.order_by("-observed_on", "-pk")


def operator_visible(actor: Any) -> Any:
    """A predicate: may the actor see which operator an observation came from?"""
    scope = operator_scope(actor)
    return lambda operator_id: operator_id is not None and scope.allows(operator_id)


def summary_of(row: ValuationModel) -> ModelSummary:
    log_price, cny = row.metrics.get("log_price", {}), row.metrics.get("cny", {})
    return ModelSummary(id=row.pk, category_id=row.category_id, version=f"v{row.version}", algorithm=row.algorithm,
                        data_from=row.data_from, data_to=row.data_to, rows_train=row.rows_train,
                        rows_test=row.rows_test, r2_log=float(log_price.get("r2", 0.0)),
                        rmse_log=float(log_price.get("rmse", 0.0)), mae_cny=float(cny.get("mae", 0.0)),
                        trained_at=row.trained_at, is_active=row.is_active)


def active_summary(category_id: int) -> ModelSummary | None:
    """The category's model in service (unscoped: for the facade)."""
    row = ValuationModel.objects.defer("artifact").filter(category_id=category_id, is_active=True).first()
    return summary_of(row) if row is not None else None
