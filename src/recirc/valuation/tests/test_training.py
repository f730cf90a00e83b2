"""The training pipeline: the registry row it writes, activation only when the new model beats the active
one, the sha256 check before loading, thin data refused with nothing written, and estimates from a model."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any

import pytest

from recirc.catalog.facade import category_get
from recirc.core.models import AuditEvent
from recirc.valuation import artifacts, estimates, facade, learning, training
from recirc.valuation.errors import ArtifactTampered, TrainingDataThin, ValuationForbidden
from recirc.valuation.models import ValuationModel
from recirc.valuation.tests.conftest import snapshot
from recirc.valuation.tests.factories import TODAY, category, phone_sales

FEATURES = {"numeric": ["observed_year", "attr:storage_gb"], "categorical": ["brand", "model", "grade"],
            "log_scaled": ["attr:storage_gb"]}


@pytest.fixture
def small_minimum(settings: Any) -> None:
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "VALUATION_MIN_TRAINING_ROWS": 100}


def train(actor: Any = None, **options: Any) -> ValuationModel:
    return training.model_train(actor=actor, category="mobile-phones", quick=True, today=TODAY, **options)


def test_thin_data_is_refused_and_nothing_is_written(world: dict[str, Any], small_minimum: None) -> None:
    phone_sales(99)
    before = snapshot()
    with pytest.raises(TrainingDataThin) as refused:
        train(world["admin"])
    assert refused.value.code == "valuation.training_data_thin"
    assert refused.value.params == {"count": 99, "minimum": 100, "category": "Mobile phones"}
    assert refused.value.text() == ("Only 99 price observations of Mobile phones in the training window; at least "
                                    "100 are needed to train a model. Nothing was trained.")
    assert snapshot() == before


def test_training_records_the_model_in_the_registry(world: dict[str, Any], small_minimum: None) -> None:
    sales = phone_sales(160)
    events_before = AuditEvent.objects.count()
    model = train(world["admin"], notes="first")
    days = sorted(sale.observed_on for sale in sales)
    assert (model.category_id, model.version, model.algorithm, model.rows_train, model.rows_test) == (
        category().pk, 1, learning.ALGORITHM, 120, 40)
    assert (model.data_from, model.data_to, model.features, model.notes) == (days[0], days[-1], FEATURES, "first")
    assert (model.is_active, model.trained_by, model.activated_at is not None) == (True, world["admin"], True)
    assert model.artifact_sha256 == hashlib.sha256(bytes(model.artifact)).hexdigest()
    assert set(model.hyperparameters) == {"knots", "interactions", "depth", "trees", "learning_rate", "folds", "seed",
                                          "cv_rows", "cv_rmse", "weights"}
    assert (model.hyperparameters["cv_rows"], model.hyperparameters["seed"]) == (120, 1)
    assert set(model.metrics) == {"log_price", "cny", "interval", "seconds", "incumbent"}
    assert set(model.metrics["log_price"]) == set(model.metrics["cny"]) == {"r2", "rmse", "mae", "mape"}
    assert model.metrics["incumbent"] is None and model.metrics["log_price"]["r2"] > 0.9
    assert model.metrics["interval"]["coverage"] == 0.8
    assert model.metrics["interval"]["log_low"] < 0 < model.metrics["interval"]["log_high"]
    assert AuditEvent.objects.count() == events_before + 2
    assert list(AuditEvent.objects.order_by("-pk").values_list("action", flat=True)[:2]) == [
        "valuation.model_activated", "valuation.model_trained"]


def test_a_new_version_is_activated_only_when_it_beats_the_active_one(world: dict[str, Any],
                                                                      small_minimum: None) -> None:
    phone_sales(160)
    first = train(world["admin"])
    second = train(world["manager_a"])  # the same data: the same model, no better
    assert (second.version, second.is_active, second.trained_by) == (2, False, world["manager_a"])
    assert second.metrics["incumbent"] == {"version": 1, "rmse_log": second.metrics["log_price"]["rmse"]}
    first.refresh_from_db()
    assert first.is_active
    with pytest.raises(ValuationForbidden):
        train(world["manager_a"], activate_anyway=True)
    forced = train(world["admin"], activate_anyway=True)
    first.refresh_from_db()
    assert (forced.version, forced.is_active, first.is_active) == (3, True, False)
    assert ValuationModel.objects.filter(is_active=True).count() == 1


def test_the_pipeline_uses_the_shared_builder(world: dict[str, Any], small_minimum: None, monkeypatch: Any) -> None:
    calls: list[int] = []
    original = learning.fit

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(len(args[1]))
        return original(*args, **kwargs)

    monkeypatch.setattr(learning, "fit", spy)
    phone_sales(100)
    train()
    assert calls == [75]


def test_a_tampered_artifact_is_refused_and_estimates_fall_back(world: dict[str, Any], small_minimum: None) -> None:
    phone_sales(160)
    model = train()
    by_model = facade.estimate(category_id=category().pk, brand="Apple", model_name="iPhone 13",
                               attributes={"storage_gb": "128"}, grade="95", on_date=TODAY)
    assert (by_model.method, by_model.model_version, by_model.sample_size) == ("model", "mobile-phones-v1", 120)
    assert by_model.low < by_model.value < by_model.high and len(by_model.comparables) == 5
    assert by_model.value == by_model.value.quantize(Decimal("1"))
    data = bytearray(model.artifact)
    data[100] ^= 0xFF
    ValuationModel.objects.filter(pk=model.pk).update(artifact=bytes(data))
    artifacts.forget()
    with pytest.raises(ArtifactTampered) as refused:
        artifacts.load(model_id=model.pk, version=1, data=bytes(data), sha256=model.artifact_sha256)
    assert refused.value.code == "valuation.artifact_tampered"
    assert estimates.active_model(category().pk) is None
    fallback = facade.estimate(category_id=category().pk, brand="Apple", model_name="iPhone 13",
                               attributes={"storage_gb": "128"}, on_date=TODAY)
    assert (fallback.method, fallback.level, fallback.model_version) == ("comparables", "model", "")


def test_a_brand_the_model_barely_knows_is_valued_by_comparables(world: dict[str, Any], small_minimum: None) -> None:
    phone_sales(160)
    train()
    assert facade.estimate(category_id=category().pk, brand="Nokia", model_name="3310", attributes={},
                           on_date=TODAY).level == "category"
    summary = facade.active_model_summary(category().pk)
    assert (summary.version, summary.rows_train, summary.rows_test, summary.is_active) == ("v1", 120, 40, True)
    assert facade.active_model_summary(category("clothing").pk) is None


def test_the_window_leaves_old_prices_out(world: dict[str, Any], small_minimum: None, settings: Any) -> None:
    phone_sales(160)
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "VALUATION_TRAINING_WINDOW_DAYS": 30}
    with pytest.raises(TrainingDataThin) as refused:
        train()
    assert refused.value.params["count"] < 20


def test_a_model_values_the_same_article_once_per_process(world: dict[str, Any], small_minimum: None,
                                                         monkeypatch: Any) -> None:
    # given an active model and a spy on its predictions
    phone_sales(160)
    train()
    calls: list[int] = []
    original = learning.predict

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(len(args[2]))
        return original(*args, **kwargs)

    monkeypatch.setattr(learning, "predict", spy)
    estimates.predictions_forget()
    phones = category_get(category().pk)

    def value(storage: str) -> Decimal | None:
        return facade.estimate_value(category=phones, brand="Apple", model_name="iPhone 13",
                                     attributes={"storage_gb": storage}, on_date=TODAY)

    # when the same article is valued twice, then another one
    first, again, other = value("128"), value("128"), value("256")

    # then the model ran once per distinct article, and the remembered value is the model's own
    assert calls == [1, 1]
    assert first == again == facade.estimate(category_id=category().pk, brand="Apple", model_name="iPhone 13",
                                             attributes={"storage_gb": "128"}, on_date=TODAY).value
    assert other is not None and other != first
