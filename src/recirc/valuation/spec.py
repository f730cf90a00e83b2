"""Which columns a price model reads. Kept apart from learning.py so that reading a stored model's columns
(artifacts, features) does not load numpy and scikit-learn into every web worker: they are imported where a
model is trained, loaded or applied."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class FeatureSpec:
    """Which columns the model reads: numbers (some log-scaled) and categories (text)."""

    numeric: tuple[str, ...]
    categorical: tuple[str, ...]
    log_scaled: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        return self.numeric + self.categorical

    def matrix(self, records: Sequence[Mapping[str, Any]]) -> np.ndarray:
        """An object matrix: numbers as float (NaN when missing), categories as text ("" when missing)."""
        import numpy as np
        rows = [[_number(record.get(name)) for name in self.numeric]
                + [str(record.get(name) or "") for name in self.categorical] for record in records]
        return np.array(rows, dtype=object).reshape(len(rows), len(self.columns))

    def as_dict(self) -> dict[str, list[str]]:
        return {"numeric": list(self.numeric), "categorical": list(self.categorical),
                "log_scaled": list(self.log_scaled)}


def _number(value: Any) -> float:
    if value is None or value == "":
        return math.nan
    if isinstance(value, bool):
        return float(value)
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan
