"""Frozen dataclasses that cross the erasure context's boundary: what a consent is made of, and what other
contexts (listings, supervision, the portal) read about certificates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ConsentInput:
    """The owner's consent as collected (form, API). `subject_reference`: pseudonymous, never PII."""

    subject_reference: str
    scope: str
    erasure_kind: str
    channel: str
    effect_explained: bool
    given_at: dt.datetime | None = None
    text_version: str = ""


@dataclass(frozen=True)
class CompletionInput:
    """How the device was erased, as the technician records it when the tool has finished."""

    method: str
    level: str
    tool: str
    tool_version: str
    destination: str
    ended_at: dt.datetime | None = None
    note: str = ""


@dataclass(frozen=True)
class CertificateRef:
    """An erasure certificate as other contexts see it (a listing's disclosure links to `code`)."""

    code: str
    item_id: int
    item_code: str
    operator_id: int
    method: str
    level: str
    destination: str
    issued_at: dt.datetime
    sha256: str
    is_valid: bool


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class PublicCertificate:
    """What anyone who scans a certificate's QR code sees: no staff names, identifiers masked.
    `status`: "valid", "revoked" or "altered" (the stored facts no longer match their SHA-256)."""

    code: str
    status: str
    issued_at: dt.datetime
    revoked_at: dt.datetime | None
    operator_name: str
    facts: tuple[Fact, ...]
    sha256: str


@dataclass(frozen=True)
class JobRef:
    id: int
    item_id: int
    item_code: str
    operator_id: int
    state: str
    attempt: int
    certificate_code: str | None


@dataclass(frozen=True)
class SampleRef:
    id: int
    operator_id: int
    period: str
    population: int
    size: int
    check_ids: tuple[int, ...]
