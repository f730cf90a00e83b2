"""Ninja schemas of the supervision API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema


class ColumnOut(Schema):
    key: str
    label: str
    kind: str


class TableOut(Schema):
    slug: str
    title: str
    columns: list[ColumnOut]
    rows: list[dict[str, Any]]
    notes: list[str]


class StatisticsFilter(Schema):
    from_: str = Field("", alias="from", description="first month, YYYY-MM (default: January of the baseline year)")
    to: str = Field("", description="last month, YYYY-MM (default: this month)")
    region: str | None = Field(None, description="GB/T 2260 code; a city covers its districts")
    category: str = ""
    channel: str = ""
    method: str = ""
    year: int | None = Field(None, description="for top-sellers and entities (default: this year)")

    def params(self) -> dict[str, Any]:
        values = {"from": self.from_, "to": self.to, "category": self.category, "channel": self.channel,
                  "method": self.method}
        if self.region is not None:
            values["region"] = self.region
        return values


class SubmissionIn(Schema):
    operator_id: int | None = Field(None, description="only for the platform administrator")
    rows: list[dict[str, Any]]


class SubmissionOut(Schema):
    id: int
    operator_id: int
    kind: str
    channel: str
    file_name: str
    submitted_at: dt.datetime
    rows_total: int
    rows_created: int
    rows_updated: int
    rows_unchanged: int


class GoalIn(Schema):
    title: str
    region_code: str
    category_code: str = ""
    measure: str = Field(..., description="transaction_value, transaction_count or operating_entities")
    baseline_year: int = 2024
    target_year: int = 2027
    target_growth_percent: Decimal | None = None
    target_level: Decimal | None = None
    notes: str = ""


class ProgressOut(Schema):
    baseline: Decimal | None
    current: Decimal | None
    achieved_growth: Decimal | None
    progress: Decimal | None
    expected: Decimal | None
    on_track: bool | None
    period: str


class GoalOut(Schema):
    id: int
    title: str
    region_code: str
    category_code: str
    measure: str
    baseline_year: int
    target_year: int
    target_growth_percent: Decimal | None
    target_level: Decimal | None
    notes: str
    progress: ProgressOut


class ReportIn(Schema):
    title: str
    region_code: str
    baseline_year: int = 2024
    target_year: int = 2027


class ReportTextIn(Schema):
    title: str | None = None
    basic_situation: str | None = None
    main_goals: str | None = None
    pilot_areas: str | None = None
    work_content: str | None = None
    support_measures: str | None = None


class ReportOut(Schema):
    id: int
    title: str
    region_code: str
    baseline_year: int
    target_year: int
    status: str
    basic_situation: str
    main_goals: str
    pilot_areas: str
    work_content: str
    support_measures: str
    figures: dict[str, Any]
    figures_as_of: dt.datetime | None
    updated_at: dt.datetime


class CaseIn(Schema):
    kind: str = Field(..., description="counterfeit, disclosure_violation, stolen_goods, smuggling or other")
    title: str
    summary: str = ""
    operator_id: int | None = None
    item_code: str = ""
    source_ref: str = ""
    authority: str = Field("", description="only for the platform administrator: market_supervision or police")


class CaseOut(Schema):
    id: int
    reference: str
    kind: str
    status: str
    authority: str
    opened_by_authority: str
    referred_by: str
    title: str
    summary: str
    operator_id: int | None
    item_code: str
    source_ref: str
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    outcome: str


class CaseEventOut(Schema):
    kind: str
    occurred_at: dt.datetime
    actor: str
    from_status: str
    to_status: str
    from_authority: str
    to_authority: str
    text: str

    @staticmethod
    def resolve_actor(event: Any) -> str:
        return str(event.actor.username) if event.actor else "system"


class EvidenceOut(Schema):
    id: int
    description: str
    file_name: str
    sha256: str
    size: int
    record_ref: str
    added_at: dt.datetime


class CaseDetailOut(CaseOut):
    events: list[CaseEventOut]
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_events(case: Any) -> list[Any]:
        return list(case.events.select_related("actor").order_by("occurred_at", "id"))

    @staticmethod
    def resolve_evidence(case: Any) -> list[Any]:
        return list(case.evidence.order_by("added_at", "id"))


class CaseFilter(Schema):
    status: str = ""
    kind: str = ""
    q: str = ""


class ReasonIn(Schema):
    reason: str = Field("", max_length=4000)


class ReferIn(Schema):
    to_authority: str
    reason: str = Field(..., max_length=4000)


class CloseIn(Schema):
    outcome: str = Field(..., description="substantiated, unsubstantiated or no_jurisdiction")
    note: str = Field(..., max_length=4000)


class NoteIn(Schema):
    text: str = Field(..., max_length=4000)


class RecordEvidenceIn(Schema):
    description: str
    record_ref: str
