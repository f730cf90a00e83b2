"""Estimating a price: the category's active model when it knows the brand well enough, else the median of
comparable past sales, else nothing (None: "not known", never a guess).

The model's interval is its prediction plus the hold-out residual quantiles recorded at training (an 80 %
band by default: `VALUATION_INTERVAL_COVERAGE`), taken back from log prices to yuan. The comparables'
interval is their interquartile range. A model whose stored bytes fail their checksum is not used (logged as
an error) and the comparables answer instead.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import threading
from collections import OrderedDict
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils import timezone

from recirc.catalog.facade import CategoryRef, canonical_brand, category_get
from recirc.valuation import artifacts, policy
from recirc.valuation.comparables import LEVELS, POOL_LIMIT, Query, level_pool, most_similar, pools, quantile, spread
from recirc.valuation.contracts import Estimate
from recirc.valuation.errors import ArtifactTampered
from recirc.valuation.features import record_of
from recirc.valuation.models import ValuationModel

logger = logging.getLogger(__name__)
INTERQUARTILE = Decimal("0.5")
# Predictions remembered per process, by model row, digest and features: a prediction is a function of the
# three alone, one pass through the scikit-learn pipeline costs some 45 ms of CPU for a single row, and the
# register values the same few hundred kinds of phone (brand, model, storage, colour) over and over.
PREDICTIONS_KEPT = 4096
_PREDICTIONS: OrderedDict[tuple[int, str, str], float] = OrderedDict()
_PREDICTIONS_LOCK = threading.Lock()


def yuan(value: float) -> Decimal:
    """Estimates are whole yuan: cents would pretend to a precision no model has."""
    return Decimal(round(value)).quantize(Decimal("0.01"))


def active_model(category_id: int) -> tuple[ValuationModel, artifacts.LoadedModel] | None:
    """The category's active model, loaded (its bytes are read from the database only the first time)."""
    row = ValuationModel.objects.filter(category_id=category_id, is_active=True).defer("artifact").first()
    if row is None:
        return None
    found = artifacts.cached(row.pk, row.artifact_sha256)
    if found is not None:
        return row, found
    try:
        return row, artifacts.load(model_id=row.pk, version=row.version, data=row.artifact,
                                   sha256=row.artifact_sha256)
    except ArtifactTampered:
        logger.error("valuation: model %s (category %s, v%s) failed its checksum; not used", row.pk,
                     category_id, row.version)
        return None


def _model_estimate(query: Query, row: ValuationModel, loaded: artifacts.LoadedModel, found: dict) -> Estimate:
    scheme = query.grading_scheme or (loaded.grade_schemes.get(query.grade, "") if query.grade else "")
    record = record_of(brand=query.brand, model_name=query.model_name, attributes=query.attributes,
                       grade=query.grade, grading_scheme=scheme, observed_on=query.on_date)
    predicted = _predicted(row, loaded, record)
    low, high = loaded.band
    coverage = Decimal(str(row.metrics.get("interval", {}).get("coverage", "0.8")))
    return Estimate(value=yuan(math.exp(predicted)), low=yuan(math.exp(predicted + low)),
                    high=yuan(math.exp(predicted + high)), method="model",
                    model_version=f"{query.category.code}-v{row.version}", comparables=most_similar(query, found),
                    coverage=coverage, sample_size=row.rows_train)


def _predicted(row: ValuationModel, loaded: artifacts.LoadedModel, record: Mapping[str, Any]) -> float:
    """The model's log price for one record, computed once per (model row, digest, record) in this process."""
    key = (row.pk, row.artifact_sha256, repr(sorted(record.items())))  # types kept: 128 != "128"
    with _PREDICTIONS_LOCK:
        if key in _PREDICTIONS:
            _PREDICTIONS.move_to_end(key)
            return _PREDICTIONS[key]
    from recirc.valuation import learning  # numpy and scikit-learn, only where a model is applied

    predicted = float(learning.predict(loaded.estimator, loaded.spec, [record])[0])
    with _PREDICTIONS_LOCK:
        _PREDICTIONS[key] = predicted
        while len(_PREDICTIONS) > PREDICTIONS_KEPT:
            _PREDICTIONS.popitem(last=False)
    return predicted


def predictions_forget() -> None:
    """Forget the remembered predictions (tests: a rolled-back model row's key may come back)."""
    with _PREDICTIONS_LOCK:
        _PREDICTIONS.clear()


def _query(category: CategoryRef, brand: str, model_name: str, attributes: Mapping[str, Any], grade: str = "",
           grading_scheme: str = "", on_date: dt.date | None = None) -> Query:
    return Query(category=category, brand=canonical_brand(brand) if brand.strip() else "",
                 model_name=" ".join(model_name.split()), attributes=dict(attributes or {}),
                 grade=grade.strip(), grading_scheme=grading_scheme.strip(),
                 on_date=on_date or timezone.localdate())


def _model_applies(query: Query) -> tuple[ValuationModel, artifacts.LoadedModel] | None:
    active = active_model(query.category.id)
    if active is not None and active[1].brand_rows.get(query.brand, 0) >= policy.policy_int("VALUATION_MIN_BRAND_ROWS"):
        return active
    return None


def estimate_value(*, category: CategoryRef, brand: str, model_name: str, attributes: Mapping[str, Any],
                   on_date: dt.date | None = None) -> Decimal | None:
    """estimate(...).value, without the interval's comparables: the model's prediction, else the median of the
    first comparables level with enough prices, read level by level until one answers (one to four queries,
    for the intake's price rule)."""
    query = _query(category, brand, model_name, attributes, on_date=on_date)
    applies = _model_applies(query)
    if applies is not None:
        return _model_estimate(query, *applies, {}).value
    minimum = max(1, policy.policy_int("VALUATION_MIN_COMPARABLES"))
    for level in LEVELS:
        rows = level_pool(query, level)
        prices = list(rows.values_list("price", flat=True)[:POOL_LIMIT]) if rows is not None else []
        if len(prices) >= minimum:
            return quantile(prices, Decimal("0.5"))
    return None


def estimate(*, category_id: int, brand: str, model_name: str, attributes: Mapping[str, Any], grade: str = "",
             grading_scheme: str = "", on_date: dt.date | None = None) -> Estimate | None:
    query = _query(category_get(category_id), brand, model_name, attributes, grade, grading_scheme, on_date)
    found = pools(query)
    applies = _model_applies(query)
    if applies is not None:
        return _model_estimate(query, *applies, found)
    fallback = spread(found)
    if fallback is None:
        return None
    return Estimate(value=fallback.median, low=fallback.low, high=fallback.high, method="comparables",
                    model_version="", comparables=most_similar(query, found, fallback.level),
                    coverage=INTERQUARTILE, level=fallback.level, sample_size=fallback.count)
