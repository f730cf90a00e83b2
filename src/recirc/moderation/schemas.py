"""Ninja schemas of the moderation API: the transaction rules, in both languages, and the consultation; the
prohibited-goods taxonomy and the screening test bench."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema


class RulesOut(Schema):
    version: int
    state: str
    title_zh: str
    title_en: str
    summary_zh: str
    summary_en: str
    consultation_ends_at: dt.datetime | None
    published_at: dt.datetime | None
    effective_from: dt.datetime | None


class RulesDetailOut(RulesOut):
    body_zh: str
    body_en: str


class DiffLineOut(Schema):
    kind: str
    text: str


class RulesChangeOut(Schema):
    """The announced version and what it changes against the version in force (line diffs, both languages)."""

    upcoming: RulesDetailOut
    current_version: int | None
    diff_zh: list[DiffLineOut]
    diff_en: list[DiffLineOut]


class CommentOut(Schema):
    id: int
    version: int
    author: str
    body: str
    created_at: dt.datetime


class TaxonomyCategoryOut(Schema):
    code: str
    name_zh: str
    name_en: str
    legal_basis: str
    action: str
    opens_case: bool


class TaxonomyOut(Schema):
    """The taxonomy in force; `number` is null while the default data file is used (none published yet)."""

    number: int | None
    label: str
    title_zh: str
    title_en: str
    published_at: dt.datetime | None
    categories: list[TaxonomyCategoryOut]


class ScreenIn(Schema):
    title: str = Field(..., max_length=200)
    description: str = Field("", max_length=10_000)
    category_code: str = Field("", max_length=60)
    brand: str = Field("", max_length=80)
    price: Decimal | None = None
    attributes: dict[str, Any] = Field(default_factory=dict)
    semantic: bool = True


class ReasonOut(Schema):
    category: str
    category_name: str
    action: str
    signal: str
    term: str
    span: str
    variant: str
    field: str
    score: float
    text: str


class ScreenOut(Schema):
    outcome: str
    opens_case: bool
    taxonomy: str
    reasons: list[ReasonOut]
