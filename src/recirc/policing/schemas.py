"""Ninja schemas of the policing API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from recirc.policing.reasons import reason_text


class AlertOut(Schema):
    id: int
    kind: str
    status: str
    score: Decimal
    reason: str
    item_id: int
    item_code: str
    operator_id: int | None
    watchlist_entry_id: int | None
    source_ref: str
    hold_id: int | None
    created_at: dt.datetime
    acknowledged_at: dt.datetime | None
    closed_at: dt.datetime | None
    resolution: str

    @staticmethod
    def resolve_reason(alert: Any) -> str:
        return reason_text(alert.reason_code, alert.reason_params)

    @staticmethod
    def resolve_item_code(alert: Any) -> str:
        return str(alert.item.code)


class CaseNoteOut(Schema):
    id: int
    text: str
    author: str
    created_at: dt.datetime

    @staticmethod
    def resolve_author(note: Any) -> str:
        return str(note.author.username)


class AlertDetailOut(AlertOut):
    notes: list[CaseNoteOut]

    @staticmethod
    def resolve_notes(alert: Any) -> list[Any]:
        return list(alert.notes.select_related("author").order_by("created_at", "id"))


class AlertFilter(Schema):
    status: str = ""
    kind: str = ""
    operator: int | None = None
    item: int | None = None


class AlertCloseIn(Schema):
    resolution: str = Field(..., description="confirmed, false_positive or no_action")
    note: str = Field("", max_length=2000)


class CaseNoteIn(Schema):
    text: str = Field(..., max_length=2000)


class HoldPlaceIn(Schema):
    order_number: str = Field(..., max_length=80)
    ends_at: dt.datetime | None = None
    reason: str = Field(..., max_length=500)


class HoldExtendIn(Schema):
    ends_at: dt.datetime
    reason: str = Field(..., max_length=500)


class HoldReleaseIn(Schema):
    reason: str = Field(..., max_length=500)


class HoldOut(Schema):
    id: int
    item_id: int
    item_code: str
    kind: str
    reason: str
    order_number: str
    placed_at: dt.datetime
    ends_at: dt.datetime | None
    released_at: dt.datetime | None
    is_active: bool
    source_ref: str


class IdentifierSchema(Schema):
    kind: str = Field(..., description="imei, meid, serial or mac (IMEISV and any MAC notation accepted)")
    value: str


class WatchlistEntryIn(Schema):
    case_number: str = Field(..., max_length=64)
    reporting_unit: str = Field(..., max_length=120)
    kind: str = Field("stolen", description="stolen, lost, wanted or seized")
    description: str = Field("", max_length=2000)
    category_code: str = ""
    brand: str = ""
    model_name: str = ""
    colour: str = ""
    identifiers: list[IdentifierSchema] = Field(default_factory=list)


class WatchlistEntryOut(Schema):
    id: int
    case_number: str
    reporting_unit: str
    kind: str
    description: str
    category_code: str
    brand: str
    model_name: str
    colour: str
    status: str
    source: str
    identifiers: list[IdentifierSchema]
    created_at: dt.datetime
    rescreened_at: dt.datetime | None
    withdrawn_at: dt.datetime | None
    withdrawal_reason: str

    @staticmethod
    def resolve_identifiers(entry: Any) -> list[dict[str, str]]:
        return [{"kind": identifier.kind, "value": identifier.value} for identifier in entry.identifiers.all()]


class WatchlistFilter(Schema):
    q: str = ""
    status: str = "active"
    kind: str = ""


class WithdrawIn(Schema):
    reason: str = Field(..., max_length=500)


class ImportOut(Schema):
    count: int
