"""Ninja schemas of the accounts API. No schema carries a plain identity number back out."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class VerificationStatusOut(Schema):
    status: str = Field(description="verified, expired or none")
    id_masked: str | None = None
    name_masked: str | None = None
    document_type: str | None = None
    verified_at: dt.datetime | None = None
    expires_at: dt.datetime | None = None


class MeOut(Schema):
    id: int
    username: str
    role: str
    display_name: str
    verification: VerificationStatusOut


class ApiTokenIn(Schema):
    name: str = Field(min_length=1, max_length=80)
    expires_in_days: int | None = Field(default=None, description="1 to 3650; omit for a token that never expires")


class ApiTokenOut(Schema):
    id: int
    name: str
    prefix: str
    status: str = Field(description="active, expired or revoked")
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    expires_at: dt.datetime | None
    revoked_at: dt.datetime | None


class ApiTokenCreatedOut(ApiTokenOut):
    secret: str = Field(description="shown only in this response; store it safely")


class VerificationIn(Schema):
    document_type: str = Field(description="resident_id, passport, hk_macao_permit, taiwan_permit, foreigner_permit")
    id_number: str = Field(max_length=40)
    legal_name: str = Field(max_length=80)
    face_matched: bool = Field(description="result of the document and face match")
    birth_date: dt.date | None = Field(default=None, description="required for documents other than resident_id")
    consent: bool = Field(description="the person agrees to the processing of their identity document (PIPL)")
