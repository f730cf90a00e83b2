"""What crosses the valuation boundary: frozen dataclasses only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Comparable:
    """A past sale like the item being valued (no personal data). `details`: its attributes as people read
    them ("128 GB · 黑色"); `similarity`: the score it was ranked by (higher is closer)."""

    observation_id: int
    title: str
    grade: str
    price: Decimal
    observed_on: dt.date
    grading_scheme: str = ""
    details: str = ""
    source: str = ""
    similarity: float = 0.0


@dataclass(frozen=True)
class Estimate:
    """A price estimate in CNY with an interval. `method`: "model" (a trained model from the registry),
    "comparables" (median of similar past sales: the fallback where data is thin); `model_version` names the
    registry entry used ("" for comparables); `comparables` are the most similar past sales, best first.

    `coverage` is the share of prices the interval is meant to hold: for a model, the share of its hold-out
    prices inside (hold-out residual quantiles, 0.8 by default); for comparables the interquartile range (0.5).
    `level` says which comparables answered ("model": same brand and model, "brand", "category") and
    `sample_size` how many observations stand behind the figure (training rows for a model)."""

    value: Decimal
    low: Decimal
    high: Decimal
    method: str
    model_version: str
    comparables: tuple[Comparable, ...]
    currency: str = "CNY"
    coverage: Decimal = Decimal("0")
    level: str = ""
    sample_size: int = 0


@dataclass(frozen=True)
class ModelSummary:
    """A registry entry as other contexts and the home pages see it."""

    id: int
    category_id: int
    version: str
    algorithm: str
    data_from: dt.date
    data_to: dt.date
    rows_train: int
    rows_test: int
    r2_log: float
    rmse_log: float
    mae_cny: float
    trained_at: dt.datetime
    is_active: bool
