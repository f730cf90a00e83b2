"""The only module other contexts import from inspection. Everything returned is a contract."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from recirc.inspection import queue, referrals, selectors, services
from recirc.inspection.contracts import GradeRef, QueueEntryRef, ReferralRef, ReportRef, VerificationRef
from recirc.inspection.models import CounterfeitReferral, InspectionReport, ReferralStatus
from recirc.inspection.policy import may_read
from recirc.inspection.reports import verify

__all__ = ["GradeRef", "QueueEntryRef", "ReferralRef", "ReportRef", "VerificationRef", "counterfeit_referral_open",
           "inspection_complete", "latest_report_for_item", "queue_for", "queue_sync", "referral_acknowledge",
           "referral_close", "referrals_list", "report_verify", "waiting_count"]


def _report_ref(report: InspectionReport) -> ReportRef:
    return ReportRef(code=report.code, sha256=report.sha256, item_id=report.inspection.item_id,
                     outcome=report.inspection.outcome, issued_at=report.issued_at,
                     grades=tuple(GradeRef(scale_code=grade.scale_code, scale_version=grade.scale_version,
                                           grade=grade.grade, is_internal=grade.is_internal)
                                  for grade in report.grades.all()),
                     counterfeit_indicators=len(report.payload.get("counterfeit_indicators") or []))


def latest_report_for_item(item_id: int) -> ReportRef | None:
    """The item's newest report, whoever owns the item now (reports are public and travel with the item)."""
    report = (InspectionReport.objects.select_related("inspection").prefetch_related("grades")
              .filter(inspection__item_id=item_id).order_by("-issued_at", "-id").first())
    return _report_ref(report) if report is not None else None


def _referral_ref(referral: CounterfeitReferral) -> ReferralRef:
    return ReferralRef(id=referral.pk, item_id=referral.item_id, status=referral.status, outcome=referral.outcome,
                       opened_at=referral.opened_at, closed_at=referral.closed_at)


def counterfeit_referral_open(item_id: int) -> ReferralRef | None:
    """The item's referral to market supervision that is not closed yet: the item should not circulate."""
    referral = (CounterfeitReferral.objects.filter(item_id=item_id).exclude(status=ReferralStatus.CLOSED)
                .order_by("-opened_at").first())
    return _referral_ref(referral) if referral is not None else None


def report_verify(code: str) -> VerificationRef:
    """Recompute a report's hash from its stored document; ReportNotFound for an unknown code."""
    report = selectors.report_public(code)
    result = verify(report.code, report.payload, report.sha256)
    return VerificationRef(code=report.code, stored_sha256=result.stored, computed_sha256=result.computed,
                           intact=result.intact)


def waiting_count(actor: Any) -> int:
    """Items waiting for inspection in the actor's scope (0 for roles without access), for home pages."""
    return selectors.inspection_list(actor).count() if may_read(actor) else 0


def queue_sync() -> int:
    """Queue the passports registered since the last read (the queue page does this too)."""
    return queue.queue_sync()


def queue_for(actor: Any, *, limit: int = 100) -> list[QueueEntryRef]:
    """The items waiting for inspection in the actor's scope, oldest first."""
    return [QueueEntryRef(inspection_id=row.pk, item_id=row.item_id, item_code=row.item.code,
                          category_id=row.item.category_id, queued_at=row.queued_at)
            for row in selectors.inspection_list(actor)[:limit]]


def inspection_complete(*, actor: Any, item_id: int, answers: Mapping[str, Any]) -> ReportRef:
    """Complete the item's checklist (see services.inspection_complete) and return its report."""
    inspection = services.inspection_complete(actor=actor, item_id=item_id, answers=answers)
    return _report_ref(InspectionReport.objects.select_related("inspection").get(inspection=inspection))


def referrals_list(actor: Any, *, status: str = "") -> list[ReferralRef]:
    """Market supervision only (ReferralForbidden otherwise), newest first."""
    return [_referral_ref(referral) for referral in selectors.referral_list(actor, status=status)]


def referral_acknowledge(*, actor: Any, referral_id: int) -> ReferralRef:
    return _referral_ref(referrals.referral_acknowledge(actor=actor, referral_id=referral_id))


def referral_close(*, actor: Any, referral_id: int, outcome: str, case_number: str = "", note: str = "") -> ReferralRef:
    return _referral_ref(referrals.referral_close(actor=actor, referral_id=referral_id, outcome=outcome,
                                                  case_number=case_number, note=note))
