"""Ninja schemas of the inspection API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema


class InspectionOut(Schema):
    id: int
    item_id: int
    item_code: str
    item_title: str
    status: str
    outcome: str
    queued_at: dt.datetime
    completed_at: dt.datetime | None
    report_code: str | None
    grade: str | None

    @staticmethod
    def resolve_item_code(inspection: Any) -> str:
        return str(inspection.item.code)

    @staticmethod
    def resolve_item_title(inspection: Any) -> str:
        return str(inspection.item.title)

    @staticmethod
    def resolve_report_code(inspection: Any) -> str | None:
        report = getattr(inspection, "report", None) if inspection.status == "completed" else None
        return report.code if report else None

    @staticmethod
    def resolve_grade(inspection: Any) -> str | None:
        report = getattr(inspection, "report", None) if inspection.status == "completed" else None
        return next((grade.grade for grade in report.grades.all() if grade.is_internal), None) if report else None


class InspectionDetailOut(InspectionOut):
    answers: dict[str, Any]
    identification: dict[str, Any]
    checklist_id: int | None


class InspectionFilter(Schema):
    status: str = "waiting"
    q: str = ""
    category: str = ""
    outcome: str = ""
    grade: str = ""


class AnswersIn(Schema):
    answers: dict[str, str | int] = Field(..., description="Checklist item key -> answer: pass/fail, an option "
                                                           "value, or a whole number.")


class OptionOut(Schema):
    value: str
    label: str
    label_en: str


class ChecklistItemOut(Schema):
    key: str
    kind: str
    section: str
    label: str
    label_en: str
    required: bool
    initial: str | int | None
    options: list[OptionOut]
    minimum: int | None
    maximum: int | None
    unit: str


class ChecklistOut(Schema):
    id: int
    code: str
    version: int
    name: str
    name_en: str
    scale: str
    items: list[ChecklistItemOut]


class FindingOut(Schema):
    item: str
    reason: str
    reason_en: str
    cap: str
    functional: int | None
    refuse: bool
    counterfeit: bool


class ScaleGradeOut(Schema):
    scale_code: str
    scale_version: int
    grade: str
    is_internal: bool


class PreviewOut(Schema):
    outcome: str
    grade: str
    functional_level: int
    findings: list[FindingOut]
    grades: list[ScaleGradeOut]


class ReportOut(Schema):
    code: str
    sha256: str
    computed_sha256: str
    intact: bool
    issued_at: dt.datetime | None = None
    document: dict[str, Any]


class ReferralOut(Schema):
    id: int
    item_id: int
    item_code: str
    inspection_id: int
    report_code: str
    operator_id: int | None
    status: str
    indicators: list[dict[str, Any]]
    opened_at: dt.datetime
    acknowledged_at: dt.datetime | None
    closed_at: dt.datetime | None
    outcome: str
    case_number: str

    @staticmethod
    def resolve_item_code(referral: Any) -> str:
        return str(referral.item.code)

    @staticmethod
    def resolve_report_code(referral: Any) -> str:
        return str(referral.inspection.report.code)


class ReferralFilter(Schema):
    status: str = ""
    q: str = ""


class ReferralCloseIn(Schema):
    outcome: str
    case_number: str = ""
    note: str = ""
