"""The only module other contexts import from valuation. Everything returned is a contract."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from recirc.catalog.facade import CategoryRef
from recirc.valuation import estimates, selectors, services
from recirc.valuation.contracts import Comparable, Estimate, ModelSummary

__all__ = ["Comparable", "Estimate", "ModelSummary", "active_model_summary", "estimate", "estimate_value",
           "model_train", "observation_record", "observations_record_many"]


def estimate(*, category_id: int, brand: str, model_name: str, attributes: Mapping[str, Any], grade: str = "",
             on_date: dt.date | None = None, grading_scheme: str = "") -> Estimate | None:
    """The price of an article like this on `on_date` (today by default): the category's active model with
    its interval and the k most similar past sales; where there is no model or it knows the brand too little,
    the median and interquartile range of comparable past sales (same brand and model, then brand, then
    category); None when nothing is known. Unscoped: callers authorise their actors."""
    return estimates.estimate(category_id=category_id, brand=brand, model_name=model_name, attributes=attributes,
                              grade=grade, grading_scheme=grading_scheme, on_date=on_date)


def estimate_value(*, category: CategoryRef, brand: str, model_name: str, attributes: Mapping[str, Any],
                   on_date: dt.date | None = None) -> Decimal | None:
    """estimate(...).value at a lower cost (no interval, no comparables listed): for a screening rule that
    needs only the figure. `category` comes from catalog.facade.category_get."""
    return estimates.estimate_value(category=category, brand=brand, model_name=model_name, attributes=attributes,
                                    on_date=on_date)


def observation_record(*, actor: Any, category_id: int, price: Decimal, observed_on: dt.date, source: str,
                       source_ref: str, brand: str = "", model_name: str = "",
                       attributes: Mapping[str, Any] | None = None, grade: str = "", grading_scheme: str = "",
                       operator_id: int | None = None) -> int:
    """Feed one past price in (a sale from trade or auctions, an appraisal from inspection), inside the
    caller's transaction. The caller has authorised its actor. Idempotent per (source, source_ref): a retried
    sale returns the id recorded the first time. ObservationInvalid (422) lists every bad field."""
    row = services.observation_record(actor=actor, trusted=True, data={
        "category": category_id, "price": price, "observed_on": observed_on, "source": source,
        "source_ref": source_ref, "brand": brand, "model_name": model_name, "attributes": dict(attributes or {}),
        "grade": grade, "grading_scheme": grading_scheme, "operator": operator_id})
    return int(row.pk)


def observations_record_many(*, actor: Any, rows: Sequence[Mapping[str, Any]], label: str) -> int:
    """Feed many past prices in at once (a day's sales, a batch from an outside operator), inside the caller's
    transaction: every row valid or nothing recorded (ObservationInvalid names the first bad row's fields).
    Each row has the keys of `observation_record` (category_id, price, observed_on, source, source_ref, brand,
    model_name, attributes, grade, grading_scheme, operator_id). Rows already recorded are skipped. Returns
    how many were recorded."""
    data = [{**row, "category": row["category_id"], "operator": row.get("operator_id")} for row in rows]
    return len(services.observations_record_many(actor=actor, rows=data, label=label))


def active_model_summary(category_id: int) -> ModelSummary | None:
    """The category's model in service, or None."""
    return selectors.active_summary(category_id)


def model_train(*, actor: Any, category: int | str, quick: bool = False, notes: str = "") -> ModelSummary:
    """Train a new version of a category's model (platform administrator or operator manager); it becomes
    active when it beats the active one on its hold-out part. TrainingDataThin when data is too thin."""
    from recirc.valuation import training  # numpy and scikit-learn, only where a model is trained

    return selectors.summary_of(training.model_train(actor=actor, category=category, quick=quick, notes=notes))
