"""Exports: the inspection list and the referral queue as CSV or XLSX, and a referral's evidence package as
JSON or CSV for market supervision. Cells that look like formulas are neutralised."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.core.tables import table_response
from recirc.inspection.models import CounterfeitReferral, Inspection, InspectionReport
from recirc.inspection.reports import verify
from recirc.items.facade import item_ref
from recirc.operators.facade import operator_refs

EXPORT_LIMIT = 50_000
EVIDENCE_FORMAT = "recirc.counterfeit-evidence/1"


def _local(moment: Any) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _report(inspection: Inspection) -> InspectionReport | None:
    return getattr(inspection, "report", None) if inspection.status == "completed" else None


def _internal_grade(report: InspectionReport | None) -> str:
    return next((grade.grade for grade in report.grades.all() if grade.is_internal), "") if report else ""


def inspections_export(inspections: Any, export_format: str) -> HttpResponse:
    headers = [_("Passport code"), _("Item"), _("Brand"), _("Model"), _("Status"), _("Queued"), _("Completed"),
               _("Outcome"), _("Internal grade"), _("Report code"), _("SHA-256")]
    rows = []
    for inspection in inspections[:EXPORT_LIMIT]:
        report = _report(inspection)
        rows.append([inspection.item.code, inspection.item.title, inspection.item.brand, inspection.item.model_name,
                     inspection.get_status_display(), _local(inspection.queued_at), _local(inspection.completed_at),
                     inspection.get_outcome_display(), _internal_grade(report), report.code if report else "",
                     report.sha256 if report else ""])
    return table_response(headers, rows, export_format, "inspections")


def referrals_export(referrals: Any, export_format: str) -> HttpResponse:
    headers = [_("Referral"), _("Opened"), _("Status"), _("Passport code"), _("Item"), _("Brand"), _("Operator"),
               _("Indicators"), _("Report code"), _("Outcome"), _("Case number"), _("Closed")]
    referrals = list(referrals[:EXPORT_LIMIT])
    names = {pk: ref.name for pk, ref in operator_refs({r.operator_id for r in referrals if r.operator_id}).items()}
    rows = [[referral.pk, _local(referral.opened_at), referral.get_status_display(), referral.item.code,
             referral.item.title, referral.item.brand, names.get(referral.operator_id or 0, ""),
             "; ".join(entry.get("reason_en", "") for entry in referral.indicators),
             referral.inspection.report.code, referral.get_outcome_display(), referral.case_number,
             _local(referral.closed_at)] for referral in referrals]
    return table_response(headers, rows, export_format, "referrals")


def evidence_package(referral: CounterfeitReferral) -> dict[str, Any]:
    """Everything market supervision needs to take the case further: the referral, the item with its full
    identifiers, the operator's registry facts, the inspection's answers and identification checks, and the
    sealed report with a fresh verification of its hash. No personal data."""
    inspection, report = referral.inspection, referral.inspection.report
    item = item_ref(referral.item_id)
    operator = operator_refs([referral.operator_id]).get(referral.operator_id) if referral.operator_id else None
    return {
        "format": EVIDENCE_FORMAT, "generated_at": timezone.now().isoformat(timespec="seconds"),
        "referral": {"id": referral.pk, "status": referral.status, "opened_at": referral.opened_at.isoformat(),
                     "acknowledged_at": referral.acknowledged_at.isoformat() if referral.acknowledged_at else None,
                     "closed_at": referral.closed_at.isoformat() if referral.closed_at else None,
                     "outcome": referral.outcome, "case_number": referral.case_number,
                     "indicators": referral.indicators},
        "item": {"passport_code": item.code, "category_code": item.category_code, "title": item.title,
                 "brand": item.brand, "model_name": item.model_name, "state": item.state,
                 "identifiers": [{"kind": ref.kind, "value": ref.value} for ref in item.identifiers]},
        "operator": ({"name": operator.name, "credit_code": operator.credit_code,
                      "district_code": operator.district_code} if operator else None),
        "inspection": {"id": inspection.pk, "completed_at": inspection.completed_at.isoformat()
                       if inspection.completed_at else None, "outcome": inspection.outcome,
                       "answers": inspection.answers, "identification": inspection.identification},
        "report": {"code": report.code, "sha256": report.sha256,
                   "hash_verified": verify(report.code, report.payload, report.sha256).intact,
                   "document": report.payload},
    }


def _flatten(prefix: str, value: Any, rows: list[list[Any]]) -> None:
    if isinstance(value, dict):
        for key in sorted(value):
            _flatten(f"{prefix}.{key}" if prefix else str(key), value[key], rows)
    elif isinstance(value, list):
        for index, entry in enumerate(value):
            _flatten(f"{prefix}[{index}]", entry, rows)
    else:
        rows.append([prefix, "" if value is None else value])


def evidence_response(package: dict[str, Any], export_format: str, referral_id: int) -> HttpResponse:
    name = f"referral-{referral_id}-evidence"
    if export_format == "json":
        response = HttpResponse(json.dumps(package, ensure_ascii=False, indent=2, sort_keys=True),
                                content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    rows: list[list[Any]] = []
    _flatten("", package, rows)
    return table_response([_("Field"), _("Value")], rows, "csv", name)
