"""Ninja schemas of the catalogue API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Schema


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
    description: str


class GradingScaleOut(Schema):
    code: str
    version: int
    name: str
    name_en: str
    standard: str
    description: str
    category_id: int | None
    effective_from: dt.date
    grades: list[GradeOut]
