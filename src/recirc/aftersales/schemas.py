"""Ninja schemas of the after-sales API. Amounts are decimal yuan (CNY); people appear by username only; evidence
travels as base64 in JSON (the same checks as uploads)."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Schema

from recirc.aftersales.contracts import EvidenceFile
from recirc.aftersales.errors import EvidenceInvalid

MAX_BASE64 = 8 * 1024 * 1024


def username(user: Any) -> str | None:
    return str(user.username) if user is not None else None


class EvidenceIn(Schema):
    name: str = Field(..., max_length=120)
    content_base64: str = Field(..., description="The file's bytes, base64; JPEG, PNG, WebP or PDF.")
    description: str = Field("", max_length=300)


def evidence_files(rows: list[EvidenceIn]) -> list[EvidenceFile]:
    files = []
    for row in rows:
        try:
            if len(row.content_base64) > MAX_BASE64:
                raise ValueError
            content = base64.b64decode(row.content_base64, validate=True)
        except (binascii.Error, ValueError) as error:
            raise EvidenceInvalid(errors={"evidence": [_("“%(name)s” is not valid base64 within the size limit.")
                                                      % {"name": row.name[:80]}]}) from error
        files.append(EvidenceFile(name=row.name, content=content, description=row.description))
    return files


class ReceiptIn(Schema):
    receipt_code: str = Field(..., max_length=32)


class ReturnIn(Schema):
    kind: str = Field(..., description="no_reason, defective or not_as_described")
    reason: str = Field("", max_length=2000)
    amount: Decimal | None = Field(None, description="Defaults to the price paid for the item.")
    evidence: list[EvidenceIn] = Field(default_factory=list)


class TicketIn(Schema):
    fault: str = Field(..., max_length=2000)
    evidence: list[EvidenceIn] = Field(default_factory=list)


class DisputeIn(Schema):
    claim: str = Field(..., max_length=4000)
    amount_claimed: Decimal | None = None
    return_id: int | None = None
    ticket_id: int | None = None
    evidence: list[EvidenceIn] = Field(default_factory=list)


class ReasonIn(Schema):
    reason: str = Field(..., max_length=1000)


class ShipBackIn(Schema):
    carrier: str = Field("", max_length=60)
    tracking_number: str = Field("", max_length=60)


class AcceptIn(Schema):
    work_order_number: str = Field("", max_length=20)


class CompleteIn(Schema):
    outcome: str = Field(..., description="repaired, replaced or refunded")
    resolution: str = Field(..., max_length=2000)
    refund_amount: Decimal | None = None


class StatementIn(Schema):
    text: str = Field(..., max_length=4000)
    evidence: list[EvidenceIn] = Field(default_factory=list)


class DecideIn(Schema):
    outcome: str = Field(..., description="refund or no_refund")
    reasons: str = Field(..., max_length=4000)
    refund_amount: Decimal | None = None


class CaseFilter(Schema):
    state: str = ""
    overdue: bool = False
    open: bool = False
    q: str = Field("", max_length=60)


class WarrantyOut(Schema):
    id: int
    order_number: str
    channel: str
    item_id: int
    item_code: str
    title: str
    price: Decimal
    seller_kind: str
    seller_operator_id: int | None
    warranty_days: int
    return_window_days: int
    starts_on: dt.date
    ends_on: dt.date
    delivered_at: dt.datetime
    state: str
    terms_text: str
    under_warranty: bool

    @staticmethod
    def resolve_under_warranty(obj: Any) -> bool:
        return bool(obj.covers())


class EvidenceOut(Schema):
    id: int
    party: str
    description: str
    content_type: str
    size: int
    sha256: str
    added_at: dt.datetime


class CaseOut(Schema):
    id: int
    number: str
    warranty_id: int
    state: str
    due_at: dt.datetime | None
    due_party: str
    overdue_at: dt.datetime | None
    created_at: dt.datetime
    closed_at: dt.datetime | None


class ReturnOut(CaseOut):
    kind: str
    reason: str
    amount: Decimal
    refusal_reason: str
    refund_number: str
    refunded_amount: Decimal | None


class TicketOut(CaseOut):
    fault: str
    refusal_reason: str
    work_order_number: str
    outcome: str
    resolution: str
    refund_number: str
    refunded_amount: Decimal | None


class DisputeOut(CaseOut):
    claim: str
    amount_claimed: Decimal
    return_request_id: int | None
    ticket_id: int | None
    outcome: str
    refund_amount: Decimal | None
    decision_reasons: str
    refund_number: str


class StatementOut(Schema):
    id: int
    party: str
    author: str | None
    text: str
    created_at: dt.datetime

    @staticmethod
    def resolve_author(obj: Any) -> str | None:
        return username(obj.author)


class SyncOut(Schema):
    records_made: int
