"""The price model: ONE builder of features and estimators, shared by the platform's training pipeline
(`services.model_train`, on the platform's own past sales) and the benchmark on the public used-device data
(`bench/b_valuation.py`), so the benchmark measures the code that runs in production.

Plain scikit-learn and numpy, no Django: records are mappings of column -> value, the target is a log price.
The estimator stacks two learners whose out-of-fold predictions a non-negative linear regression combines:

- a ridge regression on cubic-spline expansions of the (standardised, log-scaled where sizes are skewed)
  numeric columns, optionally with their pairwise interactions, and one-hot categories;
- gradient-boosted trees (depth-limited, subsampled) on the same columns.

Hyper-parameters are chosen by K-fold cross-validation on the training part only (`tune`); the hold-out
part is touched once, to measure. Every random choice takes the seed, so a run is reproducible.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import GradientBoostingRegressor, StackingRegressor
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LinearRegression, RidgeCV
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import (
    FunctionTransformer,
    OneHotEncoder,
    PolynomialFeatures,
    SplineTransformer,
    StandardScaler,
)

from recirc.valuation.spec import FeatureSpec

ALGORITHM = "stacking(spline ridge + gradient boosting) -> non-negative linear"
RIDGE_ALPHAS = tuple(float(alpha) for alpha in np.logspace(-3, 3, 25))
Progress = Callable[[str], None]


def as_float(values: Any) -> np.ndarray:
    """Numeric columns arrive in an object matrix (beside text categories)."""
    return np.asarray(values, dtype=float)


def log1p_float(values: Any) -> np.ndarray:
    """Sizes and capacities (storage, memory, battery, weight) act multiplicatively on price."""
    return np.log1p(np.clip(np.asarray(values, dtype=float), 0, None))


@dataclass(frozen=True)
class SearchGrid:
    """The hyper-parameters cross-validation chooses among (on the training part only)."""

    knots: tuple[int, ...] = (4, 6, 8)
    interactions: tuple[bool, ...] = (False, True)
    depths: tuple[int, ...] = (2, 3, 4)
    learning_rate: float = 0.05
    max_trees: int = 800
    folds: int = 5

    @classmethod
    def quick(cls) -> SearchGrid:
        """For small data and demos: seconds instead of minutes."""
        return cls(knots=(4, 6), interactions=(True,), depths=(3,), learning_rate=0.1, max_trees=150, folds=3)


def _numeric_block(spec: FeatureSpec) -> Pipeline:
    logged = [index for index, name in enumerate(spec.numeric) if name in spec.log_scaled]
    plain = [index for index, name in enumerate(spec.numeric) if name not in spec.log_scaled]
    scale = ColumnTransformer([("log", FunctionTransformer(log1p_float), logged),
                               ("plain", FunctionTransformer(as_float), plain)])
    return Pipeline([("scale", scale), ("impute", SimpleImputer(strategy="median", keep_empty_features=True))])


def _indices(spec: FeatureSpec) -> tuple[list[int], list[int]]:
    numeric = list(range(len(spec.numeric)))
    return numeric, list(range(len(spec.numeric), len(spec.columns)))


def linear_model(spec: FeatureSpec, *, knots: int, interactions: bool) -> Pipeline:
    """Ridge on spline bases of the numbers (+ their pairwise products) and one-hot categories."""
    numeric, categorical = _indices(spec)
    splines = Pipeline([("numbers", _numeric_block(spec)), ("standard", StandardScaler()),
                        ("spline", SplineTransformer(n_knots=knots, degree=3))])
    blocks: list[tuple[str, Any, list[int]]] = [
        ("splines", splines, numeric),
        ("categories", OneHotEncoder(handle_unknown="ignore"), categorical)]
    if interactions and len(numeric) > 1:
        products = Pipeline([("numbers", _numeric_block(spec)), ("standard", StandardScaler()),
                             ("products", PolynomialFeatures(2, interaction_only=True, include_bias=False))])
        blocks.append(("interactions", products, numeric))
    return Pipeline([("features", ColumnTransformer(blocks)), ("ridge", RidgeCV(alphas=RIDGE_ALPHAS))])


def boosting_model(spec: FeatureSpec, *, depth: int, trees: int, learning_rate: float, seed: int) -> Pipeline:
    """Gradient-boosted trees on the numbers and one-hot categories (rare ones pooled)."""
    numeric, categorical = _indices(spec)
    features = ColumnTransformer([
        ("numbers", _numeric_block(spec), numeric),
        ("categories", OneHotEncoder(handle_unknown="infrequent_if_exist", min_frequency=5, sparse_output=False),
         categorical)])
    trees_model = GradientBoostingRegressor(n_estimators=trees, learning_rate=learning_rate, max_depth=depth,
                                            subsample=0.8, min_samples_leaf=5, random_state=seed)
    return Pipeline([("features", features), ("trees", trees_model)])


def build_estimator(spec: FeatureSpec, params: Mapping[str, Any], *, seed: int) -> StackingRegressor:
    """The stacked estimator for chosen hyper-parameters (see `tune`)."""
    learners = [
        ("linear", linear_model(spec, knots=int(params["knots"]), interactions=bool(params["interactions"]))),
        ("boosting", boosting_model(spec, depth=int(params["depth"]), trees=int(params["trees"]),
                                    learning_rate=float(params["learning_rate"]), seed=seed))]
    return StackingRegressor(learners, final_estimator=LinearRegression(positive=True),
                             cv=KFold(int(params["folds"]), shuffle=True, random_state=seed))


def _folds(grid: SearchGrid, rows: int, seed: int) -> KFold:
    return KFold(max(2, min(grid.folds, rows // 4)), shuffle=True, random_state=seed)


def _tune_linear(spec: FeatureSpec, x: np.ndarray, y: np.ndarray, grid: SearchGrid, cv: KFold) -> tuple[dict, float]:
    scores = {}
    for knots, interactions in itertools.product(grid.knots, grid.interactions):
        model = linear_model(spec, knots=knots, interactions=interactions)
        scores[(knots, interactions)] = -cross_val_score(model, x, y, cv=cv,
                                                         scoring="neg_root_mean_squared_error").mean()
    (knots, interactions), rmse = min(scores.items(), key=lambda pair: pair[1])
    return {"knots": knots, "interactions": interactions}, float(rmse)


def _tune_boosting(spec: FeatureSpec, x: np.ndarray, y: np.ndarray, grid: SearchGrid, cv: KFold,
                   seed: int) -> tuple[dict, float]:
    """Depth by grid; the number of trees from the staged predictions of each fold (one fit per fold)."""
    best: tuple[float, int, int] = (math.inf, 0, 0)
    for depth in grid.depths:
        errors = np.zeros(grid.max_trees)
        for train, valid in cv.split(x):
            model = boosting_model(spec, depth=depth, trees=grid.max_trees, learning_rate=grid.learning_rate,
                                   seed=seed).fit(x[train], y[train])
            features = model.named_steps["features"].transform(x[valid])
            for stage, predicted in enumerate(model.named_steps["trees"].staged_predict(features)):
                errors[stage] += float(np.sum((y[valid] - predicted) ** 2))
        stage = int(np.argmin(errors))
        rmse = math.sqrt(errors[stage] / len(y))
        if rmse < best[0]:
            best = (rmse, depth, stage + 1)
    return {"depth": best[1], "trees": best[2]}, best[0]


def tune(spec: FeatureSpec, x: np.ndarray, y: np.ndarray, *, grid: SearchGrid, seed: int,
         progress: Progress | None = None) -> dict[str, Any]:
    """Choose hyper-parameters by cross-validation on (x, y), which must be the training part only."""
    cv = _folds(grid, len(y), seed)
    linear, linear_rmse = _tune_linear(spec, x, y, grid, cv)
    if progress:
        progress("tune-linear")
    boosting, boosting_rmse = _tune_boosting(spec, x, y, grid, cv, seed)
    if progress:
        progress("tune-boosting")
    return {**linear, **boosting, "learning_rate": grid.learning_rate, "folds": cv.get_n_splits(), "seed": seed,
            "cv_rows": len(y), "cv_rmse": {"linear": round(linear_rmse, 5), "boosting": round(boosting_rmse, 5)}}


def regression_metrics(y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, float]:
    """R^2, RMSE, MAE and MAPE (%) of predictions, in the target's own units."""
    residual = np.asarray(y_true, dtype=float) - np.asarray(y_pred, dtype=float)
    total = float(np.sum((y_true - np.mean(y_true)) ** 2))
    nonzero = np.abs(y_true) > 1e-12
    return {"r2": round(1 - float(np.sum(residual ** 2)) / total, 6) if total else 0.0,
            "rmse": round(math.sqrt(float(np.mean(residual ** 2))), 6),
            "mae": round(float(np.mean(np.abs(residual))), 6),
            "mape": round(100 * float(np.mean(np.abs(residual[nonzero] / y_true[nonzero]))), 4)
            if nonzero.any() else 0.0}


def residual_band(y_true: np.ndarray, y_pred: np.ndarray, *, coverage: float) -> tuple[float, float]:
    """The central `coverage` share of hold-out residuals (log units): the interval added to a prediction."""
    residual = np.asarray(y_true, dtype=float) - np.asarray(y_pred, dtype=float)
    tail = (1 - coverage) / 2
    return float(np.quantile(residual, tail)), float(np.quantile(residual, 1 - tail))


@dataclass
class FittedModel:
    """A fitted estimator with what the registry records about it."""

    estimator: Any
    spec: FeatureSpec
    params: dict[str, Any]
    holdout_metrics: dict[str, float]
    band: tuple[float, float]
    holdout_predictions: np.ndarray
    seconds: float
    extra: dict[str, Any] = field(default_factory=dict)


def fit(spec: FeatureSpec, train: Sequence[Mapping[str, Any]], y_train: np.ndarray,
        holdout: Sequence[Mapping[str, Any]], y_holdout: np.ndarray, *, grid: SearchGrid, seed: int,
        coverage: float = 0.8, progress: Progress | None = None) -> FittedModel:
    """Tune on the training part, fit, then measure once on the hold-out part."""
    began = time.perf_counter()
    x_train, x_holdout = spec.matrix(train), spec.matrix(holdout)
    y_train, y_holdout = np.asarray(y_train, dtype=float), np.asarray(y_holdout, dtype=float)
    params = tune(spec, x_train, y_train, grid=grid, seed=seed, progress=progress)
    estimator = build_estimator(spec, params, seed=seed).fit(x_train, y_train)
    if progress:
        progress("fit")
    predicted = estimator.predict(x_holdout)
    params["weights"] = [round(float(weight), 5) for weight in estimator.final_estimator_.coef_]
    return FittedModel(estimator=estimator, spec=spec, params=params,
                       holdout_metrics=regression_metrics(y_holdout, predicted),
                       band=residual_band(y_holdout, predicted, coverage=coverage),
                       holdout_predictions=predicted, seconds=time.perf_counter() - began)


def predict(estimator: Any, spec: FeatureSpec, records: Sequence[Mapping[str, Any]]) -> np.ndarray:
    return np.asarray(estimator.predict(spec.matrix(records)), dtype=float)
