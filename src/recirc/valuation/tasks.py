"""Background work: training a category's model. Takes ids; every run makes a new registry version (that is
its purpose, so it is not retried automatically). Runs eagerly in the embedded default."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.contrib.auth import get_user_model


@shared_task(name="valuation.model_train")
def model_train_task(category_id: int, actor_id: int | None, activate_anyway: bool = False, quick: bool = False,
                     notes: str = "") -> dict[str, Any]:
    """Train and register; returns the new version, whether it is active and its hold-out metrics."""
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    from recirc.valuation import training  # numpy and scikit-learn, only in the worker that trains

    model = training.model_train(actor=actor, category=category_id, activate_anyway=activate_anyway, quick=quick,
                                 notes=notes)
    return {"model_id": model.pk, "version": model.version, "is_active": model.is_active,
            "r2_log": model.metrics["log_price"]["r2"], "rmse_log": model.metrics["log_price"]["rmse"]}
