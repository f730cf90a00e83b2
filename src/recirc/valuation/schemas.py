"""Ninja schemas of the valuation API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema


class EstimateIn(Schema):
    category: str = Field(..., description="category code (mobile-phones) or id")
    brand: str = Field("", max_length=60)
    model_name: str = Field("", max_length=80)
    attributes: dict[str, Any] = Field(default_factory=dict, description="attribute key -> value, as on passports")
    grade: str = Field("", max_length=16)
    grading_scheme: str = Field("", max_length=40, description="the grade's scale code, e.g. market-condition")
    on_date: dt.date | None = None


class ComparableOut(Schema):
    observation_id: int
    title: str
    details: str
    grade: str
    grading_scheme: str
    price: Decimal
    observed_on: dt.date
    source: str
    similarity: float


class EstimateOut(Schema):
    value: Decimal
    low: Decimal
    high: Decimal
    currency: str
    coverage: Decimal
    method: str = Field(..., description="model or comparables")
    model_version: str
    level: str = Field(..., description="for comparables: model, brand or category")
    sample_size: int
    comparables: list[ComparableOut]


class EstimateResultOut(Schema):
    known: bool
    estimate: EstimateOut | None


class ModelOut(Schema):
    id: int
    category_id: int
    version: int
    algorithm: str
    hyperparameters: dict[str, Any]
    features: dict[str, Any]
    data_from: dt.date
    data_to: dt.date
    rows_train: int
    rows_test: int
    metrics: dict[str, Any]
    artifact_sha256: str
    trained_at: dt.datetime
    trained_by: str
    is_active: bool
    activated_at: dt.datetime | None
    notes: str

    @staticmethod
    def resolve_trained_by(model: Any) -> str:
        return str(model.trained_by.username) if model.trained_by_id else "system"


class ModelFilter(Schema):
    category: int | None = None


class ObservationIn(Schema):
    category: str = Field(..., description="category code or id")
    brand: str = Field("", max_length=60)
    model_name: str = Field("", max_length=80)
    attributes: dict[str, Any] = Field(default_factory=dict)
    grade: str = Field("", max_length=16)
    grading_scheme: str = Field("", max_length=40)
    price: Decimal
    observed_on: dt.date
    source: str = Field("sale", description="sale, appraisal or import")
    source_ref: str = Field("", max_length=120, description="unique per source when given (e.g. POS-2026-000123)")
    operator: int | None = Field(None, description="platform administrator only; managers record their own")


class ObservationOut(Schema):
    id: int
    category_id: int
    brand: str
    model_name: str
    attributes: dict[str, Any]
    grade: str
    grading_scheme: str
    price: Decimal
    observed_on: dt.date
    source: str
    source_ref: str
    recorded_at: dt.datetime


class ObservationFilter(Schema):
    q: str = ""
    category: int | None = None
    source: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


class ImportOut(Schema):
    count: int
