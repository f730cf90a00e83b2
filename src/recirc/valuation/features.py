"""From the platform's observations to the shared learner's records (learning.py), and which columns a
category's model reads.

A record has: `brand` (canonical), `model` (brand + model: the model name alone is ambiguous across brands),
`grade` ("scheme:code"), `observed_year` (a decimal year: prices drift), and the category's attributes:
numbers and yes/no as numbers, choices with numeric values (storage, memory) as log-scaled numbers, other
choices and short texts as categories. Non-public attributes (serial and frame numbers) and brand/model
attributes (already columns) are never features; a text attribute with nearly one value per row (a licence
number) is left out, and so is any column with a single value in the training data.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from recirc.catalog.facade import CategoryRef
from recirc.valuation.spec import FeatureSpec

NOT_FEATURES = frozenset({"brand", "model", "title"})
BASE_CATEGORICAL = ("brand", "model", "grade")


def grade_key(grade: str, grading_scheme: str) -> str:
    return f"{grading_scheme}:{grade}" if grade else ""


def decimal_year(day: dt.date) -> float:
    start = dt.date(day.year, 1, 1)
    length = (dt.date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


def record_of(*, brand: str, model_name: str, attributes: Mapping[str, Any], grade: str, grading_scheme: str,
              observed_on: dt.date) -> dict[str, Any]:
    record: dict[str, Any] = {f"attr:{key}": value for key, value in attributes.items() if key not in NOT_FEATURES}
    record.update({"brand": brand, "model": f"{brand} {model_name}".strip(),
                   "grade": grade_key(grade, grading_scheme), "observed_year": decimal_year(observed_on)})
    return record


def _is_number(value: Any) -> bool:
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def _column_kinds(category: CategoryRef) -> tuple[list[str], list[str], list[str]]:
    numeric, categorical, logged = [], [], []
    for spec in category.schema:
        if spec.key in NOT_FEATURES or not spec.public:
            continue
        column = f"attr:{spec.key}"
        if spec.type in ("integer", "decimal", "boolean"):
            numeric.append(column)
        elif spec.type == "choice" and spec.choices and all(_is_number(choice.value) for choice in spec.choices):
            numeric.append(column)
            logged.append(column)
        else:
            categorical.append(column)
    return numeric, categorical, logged


def _distinct(records: Iterable[Mapping[str, Any]], column: str) -> set[Any]:
    return {record.get(column) for record in records if record.get(column) not in (None, "")}


def spec_for(category: CategoryRef, records: Sequence[Mapping[str, Any]]) -> FeatureSpec:
    """The columns worth reading in these (training) records."""
    numeric, categorical, logged = _column_kinds(category)
    numeric = ["observed_year", *numeric]
    keep_numeric = [column for column in numeric if len(_distinct(records, column)) >= 2]
    most_values = max(30, len(records) // 5)
    keep_categorical = [column for column in [*BASE_CATEGORICAL, *categorical]
                        if 2 <= len(_distinct(records, column)) <= (len(records) if column in BASE_CATEGORICAL
                                                                     else most_values)]
    return FeatureSpec(numeric=tuple(keep_numeric), categorical=tuple(keep_categorical),
                       log_scaled=tuple(column for column in logged if column in keep_numeric))
