"""Frozen dataclasses that other contexts receive from inspection.facade."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class GradeRef:
    scale_code: str
    scale_version: int
    grade: str
    is_internal: bool


@dataclass(frozen=True)
class ReportRef:
    """An issued inspection report (public facts): what a listing discloses and links to."""

    code: str
    sha256: str
    item_id: int
    outcome: str
    issued_at: dt.datetime
    grades: tuple[GradeRef, ...]
    counterfeit_indicators: int

    @property
    def internal_grade(self) -> GradeRef | None:
        return next((grade for grade in self.grades if grade.is_internal), None)


@dataclass(frozen=True)
class ReferralRef:
    id: int
    item_id: int
    status: str
    outcome: str
    opened_at: dt.datetime
    closed_at: dt.datetime | None


@dataclass(frozen=True)
class VerificationRef:
    code: str
    stored_sha256: str
    computed_sha256: str
    intact: bool


@dataclass(frozen=True)
class QueueEntryRef:
    """An item waiting for inspection."""

    inspection_id: int
    item_id: int
    item_code: str
    category_id: int
    queued_at: dt.datetime
