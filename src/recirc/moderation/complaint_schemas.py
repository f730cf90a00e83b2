"""Ninja schemas of the complaints API. Files travel as base64 in JSON, like after-sales evidence."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema

from recirc.moderation.complaint_contracts import ComplaintFile
from recirc.moderation.complaint_errors import ComplaintEvidenceInvalid

MAX_BASE64 = 8 * 1024 * 1024


class EvidenceIn(Schema):
    name: str = Field(..., max_length=120)
    content_base64: str = Field(..., description="The file's bytes, base64; JPEG, PNG, WebP or PDF.")


def evidence_files(rows: list[EvidenceIn]) -> list[ComplaintFile]:
    files = []
    for row in rows:
        try:
            if len(row.content_base64) > MAX_BASE64:
                raise ValueError
            content = base64.b64decode(row.content_base64, validate=True)
        except (binascii.Error, ValueError) as error:
            raise ComplaintEvidenceInvalid(errors={"evidence": [
                _("“%(name)s” is not valid base64 within the size limit.") % {"name": row.name[:80]}]}) from error
        files.append(ComplaintFile(name=row.name, content=content))
    return files


class ComplaintIn(Schema):
    subject_kind: str = Field(..., description="listing, order or seller")
    reference: str = Field(..., max_length=40, description="Listing number, order number, or for a seller a "
                                                            "listing number or the operator's registry number.")
    category: str = Field(..., description="not_as_disclosed, counterfeit, prohibited, aftersales_refused, "
                                           "personal_information or other")
    statement: str = Field(..., max_length=4000)
    evidence: list[EvidenceIn] = Field(default_factory=list)


class AnswerIn(Schema):
    answer: str = Field(..., max_length=4000)


class ReasonIn(Schema):
    reason: str = Field(..., max_length=2000)


class FindingsIn(Schema):
    findings: str = Field("", max_length=8000)


class CloseIn(Schema):
    decision: str = Field(..., description="upheld, partly_upheld or not_upheld")
    reasons: str = Field(..., max_length=4000)
    findings: str = Field("", max_length=8000)


class NoteIn(Schema):
    text: str = Field(..., max_length=4000)


class ComplaintFilter(Schema):
    scope: str = Field("visible", description="visible (all you may see), mine, against (about you) or "
                                              "supervision (escalated)")
    state: str = ""
    category: str = ""
    q: str = ""


class EvidenceOut(Schema):
    id: int
    file_name: str
    content_type: str
    size: int
    sha256: str


class ComplaintOut(Schema):
    id: int
    number: str
    state: str
    category: str
    subject_kind: str
    subject_title: str
    listing_code: str
    order_number: str
    seller_operator_id: int | None
    seller_user_id: int | None
    statement: str
    answer: str
    created_at: dt.datetime
    answer_due_at: dt.datetime
    answered_at: dt.datetime | None
    escalation_reason: str
    escalated_at: dt.datetime | None
    referred_at: dt.datetime | None
    decision: str
    decision_reasons: str
    closed_at: dt.datetime | None
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_evidence(complaint: Any) -> list[Any]:
        return list(complaint.evidence.all())


class NoteOut(Schema):
    id: int
    author_role: str
    text: str
    created_at: dt.datetime
