"""Ninja schemas of the review queue API: items, decisions, appeals, suspensions, and the seller's takedown."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, FilterSchema, Schema


class QueueFilter(FilterSchema):
    kind: str = ""
    category: str = ""
    q: str = Field("", max_length=40)


class ReviewItemOut(Schema):
    id: int
    kind: str
    state: str
    listing_id: int
    listing_code: str
    categories: list[str]
    reasons: list[dict[str, object]]
    opened_at: dt.datetime
    decided_at: dt.datetime | None

    @staticmethod
    def resolve_listing_id(item: object) -> int:
        return int(getattr(item, "subject_id", 0))

    @staticmethod
    def resolve_categories(item: object) -> list[str]:
        return [code for code in str(getattr(item, "categories", "")).strip("|").split("|") if code]

    @staticmethod
    def resolve_reasons(item: object) -> list[dict[str, object]]:
        return list(getattr(getattr(item, "verdict", None), "reasons", None) or [])


class TakeDownIn(Schema):
    category: str = Field(..., max_length=60)
    reason: str = Field(..., max_length=1000)


class DecisionOut(Schema):
    reference: str
    kind: str
    listing_id: int
    listing_code: str
    seller_kind: str
    category: str
    reason: str
    decided_at: dt.datetime

    @staticmethod
    def resolve_listing_id(decision: object) -> int:
        return int(getattr(decision, "subject_id", 0))


class AppealIn(Schema):
    statement: str = Field(..., max_length=2000)


class AppealDecisionIn(Schema):
    decision: Literal["uphold", "grant"]
    answer: str = Field(..., max_length=1000)


class AppealOut(Schema):
    id: int
    decision: str
    listing_code: str
    state: str
    statement: str
    answer: str
    filed_at: dt.datetime
    decided_at: dt.datetime | None

    @staticmethod
    def resolve_decision(appeal: object) -> str:
        return str(getattr(getattr(appeal, "decision", None), "reference", ""))

    @staticmethod
    def resolve_listing_code(appeal: object) -> str:
        return str(getattr(getattr(appeal, "decision", None), "listing_code", ""))


class SuspensionOut(Schema):
    id: int
    seller_kind: str
    seller_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    strikes: int
    lifted_at: dt.datetime | None
    lift_reason: str


class LiftIn(Schema):
    reason: str = Field(..., max_length=1000)


class TakedownOut(Schema):
    """The seller's view of the takedown of their listing."""

    listing_id: int
    listing_code: str
    listing_status: str
    decision: DecisionOut
    category_name: str
    appeal: AppealOut | None
    strikes: int
    suspension: SuspensionOut | None
