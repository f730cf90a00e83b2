"""Ninja schemas of the catalogue API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema


class ChoiceOut(Schema):
    value: str
    label: str
    label_en: str


class AttributeOut(Schema):
    key: str
    type: str
    required: bool
    label: str
    label_en: str
    choices: list[ChoiceOut]
    min: Decimal | None
    max: Decimal | None
    unit: str
    public: bool


class CategoryOut(Schema):
    id: int
    code: str
    name: str
    name_en: str
    parent_id: int | None
    is_leaf: bool
    has_storage: bool
    requires_hardware_identifier: bool
    high_risk: bool
    attribute_schema: list[AttributeOut]


class GradeOut(Schema):
    code: str
    label: str
    label_en: str
    description: str = Field(..., description="English")
    description_zh: str = Field(..., description="Simplified Chinese")


class GradingScaleOut(Schema):
    code: str
    version: int
    name: str
    name_en: str
    standard: str = Field(..., description="English")
    standard_zh: str = Field(..., description="Simplified Chinese; empty when it reads the same")
    description: str = Field(..., description="English")
    description_zh: str = Field(..., description="Simplified Chinese")
    category_id: int | None
    effective_from: dt.date
    grades: list[GradeOut]
