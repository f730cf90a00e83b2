"""Ninja schemas of the erasure API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Schema

from recirc.erasure.contracts import CompletionInput, ConsentInput


class ConsentIn(Schema):
    item_id: int
    subject_reference: str
    scope: str
    erasure_kind: str
    channel: str
    effect_explained: bool
    given_at: dt.datetime | None = None
    text_version: str = ""

    def to_input(self) -> ConsentInput:
        return ConsentInput(subject_reference=self.subject_reference, scope=self.scope,
                            erasure_kind=self.erasure_kind, channel=self.channel,
                            effect_explained=self.effect_explained, given_at=self.given_at,
                            text_version=self.text_version)


class ConsentOut(Schema):
    id: int
    code: str
    item_id: int
    operator_id: int
    subject_reference: str
    text_version: str
    scope: str
    erasure_kind: str
    effect_explained: bool
    channel: str
    given_at: dt.datetime
    recorded_by_id: int
    recorded_at: dt.datetime


class JobIn(Schema):
    item_id: int
    consent_id: int
    media_type: str
    storage_serial: str = ""


class StartIn(Schema):
    started_at: dt.datetime | None = None


class CompleteIn(Schema):
    method: str
    level: str
    tool: str
    tool_version: str
    destination: str
    ended_at: dt.datetime | None = None
    note: str = ""

    def to_input(self) -> CompletionInput:
        return CompletionInput(method=self.method, level=self.level, tool=self.tool, tool_version=self.tool_version,
                               destination=self.destination, ended_at=self.ended_at, note=self.note)


class FailIn(Schema):
    reason: str


class VerifyIn(Schema):
    method: str
    result: str
    note: str = ""


class ReplanIn(Schema):
    consent_id: int | None = None
    media_type: str = ""


class IdentifierOut(Schema):
    kind: str
    value: str


class JobOut(Schema):
    id: int
    item_id: int
    item_code: str
    operator_id: int
    state: str
    attempt: int
    title: str
    make: str
    model_name: str
    category_code: str
    identifiers: list[IdentifierOut]
    media_type: str
    storage_serial: str
    consent_code: str
    planned_at: dt.datetime
    erased_by_id: int | None
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    method: str
    level: str
    tool: str
    tool_version: str
    destination: str
    verified_by_id: int | None
    verified_at: dt.datetime | None
    verification_method: str
    verification_result: str
    failure_reason: str
    certificate_code: str | None

    @staticmethod
    def resolve_consent_code(job: Any) -> str:
        return str(job.consent.code)

    @staticmethod
    def resolve_certificate_code(job: Any) -> str | None:
        valid = [certificate for certificate in job.certificates.all() if certificate.revoked_at is None]
        return valid[0].code if valid else None


class JobFilter(Schema):
    state: str = ""
    q: str = ""
    period: str = ""


class QueueOut(Schema):
    item_id: int
    item_code: str
    waiting_since: dt.datetime


class CertificateOut(Schema):
    code: str
    item_id: int
    operator_id: int
    job_id: int
    issued_at: dt.datetime
    revoked_at: dt.datetime | None
    revoked_reason: str
    sha256: str
    content: dict[str, Any]


class CertificateFilter(Schema):
    q: str = ""
    status: str = ""
    period: str = ""


class FactOut(Schema):
    label: str
    value: str


class PublicCertificateOut(Schema):
    code: str
    status: str
    issued_at: dt.datetime
    revoked_at: dt.datetime | None
    operator_name: str
    facts: list[FactOut]
    sha256: str


class SampleIn(Schema):
    operator_id: int
    period: str
    seed: int | None = None


class CheckOut(Schema):
    id: int
    job_id: int
    certificate_code: str
    state: str
    original_operator_id: int
    original_verifier_id: int
    reverified_by_id: int | None
    method: str
    checked_at: dt.datetime | None
    note: str

    @staticmethod
    def resolve_certificate_code(check: Any) -> str:
        return str(check.certificate.code)


class SampleOut(Schema):
    id: int
    operator_id: int
    period: str
    share: Decimal
    seed: int
    population: int
    size: int
    drawn_at: dt.datetime
    drawn_by_id: int | None
    checks: list[CheckOut]

    @staticmethod
    def resolve_checks(sample: Any) -> list[Any]:
        return list(sample.checks.select_related("certificate").order_by("id"))


class CheckIn(Schema):
    method: str
    result: str
    note: str = ""
