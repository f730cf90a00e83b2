"""The training pipeline: a category's observations in the window -> the shared learner (learning.fit) ->
a new registry row, activated when it beats the active model on the new hold-out part (or when the platform
administrator forces it).

The expensive part (tuning and fitting) runs outside any transaction; only the registry write is atomic.
The hold-out part is a seeded random share of the window (`VALUATION_HOLDOUT_SHARE`). The active model is
scored on the same hold-out rows; some of them may have been in its own training data, which can only flatter
it, so a new model that wins has won against an optimistic incumbent.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone

from recirc.catalog.facade import CategoryRef, category_get
from recirc.core.audit import audit_record
from recirc.core.errors import DomainError
from recirc.valuation import artifacts, learning, policy
from recirc.valuation.errors import TrainingDataThin, TrainingFailed
from recirc.valuation.features import record_of, spec_for
from recirc.valuation.models import PriceObservation, ValuationModel
from recirc.valuation.services import activate

SEED = 1
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrainingData:
    records: list[dict[str, Any]]
    log_prices: np.ndarray
    data_from: dt.date
    data_to: dt.date


def training_data(category: CategoryRef, *, today: dt.date) -> TrainingData:
    """Every observation of the category within the window, oldest first (ties by id)."""
    since = today - dt.timedelta(days=policy.policy_int("VALUATION_TRAINING_WINDOW_DAYS"))
    rows = list(PriceObservation.objects.filter(category_id=category.id, observed_on__gte=since,
                                                observed_on__lte=today).order_by("observed_on", "pk")
                .values_list("brand", "model_name", "attributes", "grade", "grading_scheme", "observed_on", "price"))
    minimum = policy.policy_int("VALUATION_MIN_TRAINING_ROWS")
    if len(rows) < max(minimum, 20):
        raise TrainingDataThin(params={"count": len(rows), "minimum": max(minimum, 20),
                                       "category": category.display_name})
    records = [record_of(brand=brand, model_name=model, attributes=attributes or {}, grade=grade,
                         grading_scheme=scheme, observed_on=day)
               for brand, model, attributes, grade, scheme, day, _price in rows]
    return TrainingData(records=records, log_prices=np.log(np.array([float(row[-1]) for row in rows])),
                        data_from=rows[0][5], data_to=rows[-1][5])


def holdout_split(count: int) -> tuple[np.ndarray, np.ndarray]:
    share = float(policy.policy_decimal("VALUATION_HOLDOUT_SHARE"))
    order = np.random.default_rng(SEED).permutation(count)
    cut = max(1, round(count * share))
    return np.sort(order[cut:]), np.sort(order[:cut])


def _incumbent(category: CategoryRef, holdout: list[dict[str, Any]], y: np.ndarray) -> dict[str, Any] | None:
    """The active model's score on the new hold-out rows (None when there is none or it cannot be loaded)."""
    row = ValuationModel.objects.filter(category_id=category.id, is_active=True).first()
    if row is None:
        return None
    try:
        loaded = artifacts.load(model_id=row.pk, version=row.version, data=row.artifact, sha256=row.artifact_sha256)
        predicted = learning.predict(loaded.estimator, loaded.spec, holdout)
    except DomainError as error:
        logger.error("valuation: active model %s not usable for comparison: %s", row.pk, error)
        return {"version": row.version, "rmse_log": None, "error": error.code}
    return {"version": row.version, "rmse_log": learning.regression_metrics(y, predicted)["rmse"]}


def _metrics(fitted: learning.FittedModel, y: np.ndarray, coverage: float) -> dict[str, Any]:
    prices, predicted = np.exp(y), np.exp(fitted.holdout_predictions)
    return {"log_price": fitted.holdout_metrics, "cny": learning.regression_metrics(prices, predicted),
            "interval": {"coverage": coverage, "log_low": round(fitted.band[0], 5),
                         "log_high": round(fitted.band[1], 5), "method": "hold-out residual quantiles"},
            "seconds": round(fitted.seconds, 2)}


def _fit(data: TrainingData, category: CategoryRef, *, quick: bool,
         progress: Callable[[str], None] | None) -> tuple[learning.FittedModel, np.ndarray, float]:
    train, holdout = holdout_split(len(data.records))
    train_records = [data.records[i] for i in train]
    spec = spec_for(category, train_records)
    coverage = float(policy.policy_decimal("VALUATION_INTERVAL_COVERAGE"))
    grid = learning.SearchGrid.quick() if quick else learning.SearchGrid()
    try:
        fitted = learning.fit(spec, train_records, data.log_prices[train], [data.records[i] for i in holdout],
                              data.log_prices[holdout], grid=grid, seed=SEED, coverage=coverage, progress=progress)
    except ValueError as error:
        raise TrainingFailed(params={"reason": str(error)[:200]}) from error
    fitted.extra["train_records"] = train_records
    return fitted, holdout, coverage


def model_train(*, actor: Any, category: int | str, activate_anyway: bool = False, quick: bool = False,
                notes: str = "", today: dt.date | None = None,
                progress: Callable[[str], None] | None = None) -> ValuationModel:
    """Train a new version of a category's model on its observations and record it in the registry."""
    policy.require(policy.may_train(actor))
    if activate_anyway:
        policy.require(policy.may_activate(actor))
    ref = category_get(category)
    data = training_data(ref, today=today or timezone.localdate())
    fitted, holdout, coverage = _fit(data, ref, quick=quick, progress=progress)
    holdout_records = [data.records[i] for i in holdout]
    metrics = _metrics(fitted, data.log_prices[holdout], coverage)
    metrics["incumbent"] = _incumbent(ref, holdout_records, data.log_prices[holdout])
    return _save(actor=actor, category=ref, data=data, fitted=fitted, metrics=metrics,
                 rows=(len(data.records) - len(holdout), len(holdout)), activate_anyway=activate_anyway,
                 notes=notes)


def _artifact(fitted: learning.FittedModel) -> tuple[bytes, str]:
    records = fitted.extra["train_records"]
    brands = Counter(str(record["brand"]) for record in records if record["brand"])
    schemes: dict[str, Counter[str]] = {}
    for record in records:
        if record["grade"]:
            scheme, _sep, code = record["grade"].partition(":")
            schemes.setdefault(code, Counter())[scheme] += 1
    return artifacts.dump(artifacts.LoadedModel(
        estimator=fitted.estimator, spec=fitted.spec, band=fitted.band, brand_rows=dict(brands),
        grade_schemes={code: counts.most_common(1)[0][0] for code, counts in schemes.items()}))


def _beats(metrics: dict[str, Any]) -> bool:
    incumbent = metrics["incumbent"]
    if incumbent is None or incumbent["rmse_log"] is None:
        return True
    return bool(metrics["log_price"]["rmse"] < incumbent["rmse_log"])


@transaction.atomic
def _save(*, actor: Any, category: CategoryRef, data: TrainingData, fitted: learning.FittedModel,
          metrics: dict[str, Any], rows: tuple[int, int], activate_anyway: bool, notes: str) -> ValuationModel:
    data_bytes, digest = _artifact(fitted)
    versions = list(ValuationModel.objects.select_for_update().filter(category_id=category.id)
                    .values_list("version", flat=True))
    latest = max(versions, default=0)
    model = ValuationModel.objects.create(
        category_id=category.id, version=latest + 1, algorithm=learning.ALGORITHM, hyperparameters=fitted.params,
        features=fitted.spec.as_dict(), data_from=data.data_from, data_to=data.data_to, rows_train=rows[0],
        rows_test=rows[1], metrics=metrics, artifact=data_bytes, artifact_sha256=digest,
        trained_by=actor if getattr(actor, "is_authenticated", False) else None, notes=(notes or "")[:2000])
    audit_record(actor=actor, action="valuation.model_trained", target=model,
                 payload={"category_id": category.id, "version": model.version, "rows_train": rows[0],
                          "rows_test": rows[1], "rmse_log": metrics["log_price"]["rmse"],
                          "r2_log": metrics["log_price"]["r2"], "sha256": digest})
    if activate_anyway or _beats(metrics):
        activate(actor=actor, model=model, reason="forced" if activate_anyway else "beats_incumbent")
    return model
