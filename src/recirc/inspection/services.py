"""Inspection writes. `inspection_complete` is the one way to inspect: it checks the actor and the item,
cleans the answers (an incomplete checklist writes nothing), grades them, runs the identification checks,
issues the sealed report with its grades, opens a counterfeit referral when indicators were found, records
the public "inspected" event on the item passport, and audits, all in one transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from recirc.catalog.facade import GradingChecklistRef, category_get, grading_checklist_for, grading_scales_for
from recirc.core.audit import audit_record
from recirc.inspection import pricing
from recirc.inspection.errors import GradeWithoutReport, ItemNotInspectable, NoChecklist
from recirc.inspection.grading import GradingResult, ScaleGrade, answers_clean, grade
from recirc.inspection.identification import Identification, identification_public, identification_record, identify
from recirc.inspection.models import GradeRecord, Inspection, InspectionReport, InspectionStatus
from recirc.inspection.policy import INSPECTABLE_STATES, require_inspect
from recirc.inspection.referrals import referral_open
from recirc.inspection.reports import ReportFacts, report_code_new, report_document, report_hash
from recirc.items.facade import ItemRef, ItemState, item_get_for, item_record_event
from recirc.operators.facade import membership_of, operator_refs


def inspectable_item(actor: Any, item_id: int) -> ItemRef:
    """The item, when the actor may inspect it now: 403 for other roles, 404 outside the operator's scope,
    409 when the item is sold, rented out, on hold or gone."""
    require_inspect(actor)
    item = item_get_for(actor, item_id)
    if item.state not in INSPECTABLE_STATES:
        raise ItemNotInspectable(params={"state": ItemState(item.state).label})
    return item


def checklist_for(item: ItemRef) -> GradingChecklistRef:
    checklist = grading_checklist_for(item.category_id)
    if checklist is None:
        raise NoChecklist()
    return checklist


def grade_records(*, report: InspectionReport | None, entries: Iterable[ScaleGrade]) -> list[GradeRecord]:
    """Grades exist only on an issued report (the database requires the report, too)."""
    if report is None or report.pk is None:
        raise GradeWithoutReport()
    return GradeRecord.objects.bulk_create([
        GradeRecord(report=report, scale_code=entry.scale_code, scale_version=entry.scale_version, grade=entry.grade,
                    is_internal=entry.is_internal) for entry in entries])


def _inspection_row(item_id: int) -> Inspection:
    """The item's waiting inspection (locked), or a new one when the item was not queued."""
    waiting = Inspection.objects.select_for_update().filter(item_id=item_id, status=InspectionStatus.WAITING).first()
    return waiting or Inspection(item_id=item_id)


def _indicators(found: Identification, result: GradingResult) -> list[dict[str, str]]:
    return found.indicators() + [{"code": f"checklist.{finding.item}", "item": finding.item, "reason": finding.reason,
                                  "reason_en": finding.reason_en} for finding in result.counterfeit_findings]


def _issue(inspection: Inspection, facts: ReportFacts) -> InspectionReport:
    document = report_document(facts)
    report = InspectionReport.objects.create(inspection=inspection, code=facts.code, payload=document,
                                             sha256=report_hash(document), issued_at=facts.issued_at)
    grade_records(report=report, entries=facts.result.grades)
    return report


def _passport_event(actor: Any, item: ItemRef, report: InspectionReport, result: GradingResult,
                    checklist: GradingChecklistRef) -> None:
    data: dict[str, Any] = {"report_code": report.code, "report_sha256": report.sha256, "outcome": result.outcome}
    if result.grade:
        data.update({"grade": result.grade, "grade_scale": checklist.scale.code,
                     "grade_scale_version": checklist.scale.version})
    item_record_event(actor=actor, item_id=item.id, kind="inspected", data=data, is_public=True)


def inspection_preview(*, actor: Any, item_id: int, answers: Mapping[str, Any]) -> GradingResult:
    """What completing the checklist would give now, for the form's live preview; writes nothing. Raises what
    inspection_complete would raise (ChecklistIncomplete naming the missing items...)."""
    item = inspectable_item(actor, item_id)
    checklist = checklist_for(item)
    scales = {scale.code: scale for scale in grading_scales_for(item.category_id, on_date=timezone.localdate())}
    return grade(checklist, answers_clean(checklist, answers), scales)


@transaction.atomic
def inspection_complete(*, actor: Any, item_id: int, answers: Mapping[str, Any]) -> Inspection:
    item = inspectable_item(actor, item_id)
    checklist = checklist_for(item)
    cleaned = answers_clean(checklist, answers)
    now = timezone.now()
    scales = {scale.code: scale for scale in grading_scales_for(item.category_id, on_date=timezone.localdate(now))}
    scales.setdefault(checklist.scale.code, checklist.scale)
    result = grade(checklist, cleaned, scales)
    found = identify(item)
    membership = membership_of(actor)
    operator_id = membership.operator_id if membership else item.owner_operator_id
    inspection = _inspection_row(item.id)
    inspection.status, inspection.checklist_id, inspection.operator_id = InspectionStatus.COMPLETED, checklist.id, \
        operator_id
    inspection.inspector, inspection.answers, inspection.outcome = actor, cleaned, result.outcome
    inspection.identification, inspection.completed_at = identification_record(found), now
    inspection.save()
    indicators = _indicators(found, result)
    report = _issue(inspection, ReportFacts(
        code=report_code_new(), issued_at=now, item=item, category=category_get(item.category_id),
        operator=operator_refs([operator_id]).get(operator_id) if operator_id else None, checklist=checklist,
        answers=cleaned, result=result, scales=scales, identification=identification_public(found),
        indicators=indicators, price_estimate=pricing.estimate_for(item, result)))
    _passport_event(actor, item, report, result, checklist)
    if indicators:
        referral_open(actor=actor, inspection=inspection, indicators=indicators)
    audit_record(actor=actor, action="inspection.completed", target=inspection, operator_id=operator_id,
                 payload={"item_code": item.code, "report_code": report.code, "outcome": result.outcome,
                          "grade": result.grade, "checklist": f"{checklist.code}@{checklist.version}",
                          "indicators": [indicator["code"] for indicator in indicators]})
    return inspection
