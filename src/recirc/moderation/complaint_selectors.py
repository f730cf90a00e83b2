"""Complaint reads, scoped to the actor by construction (complaint_policy.visible_filter): a missing complaint and
a forbidden one answer the same ComplaintNotFound."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from recirc.core.models import AuditEvent
from recirc.core.permissions import is_operator_staff
from recirc.moderation import complaint_policy as policy
from recirc.moderation.complaint_contracts import ComplaintCounts
from recirc.moderation.complaint_errors import ComplaintForbidden, ComplaintNotFound
from recirc.moderation.models import Complaint, ComplaintEvidence, ComplaintNote, ComplaintState, EscalationReason
from recirc.moderation.models.complaints import SUPERVISION_STATES

C = ComplaintState
TARGET_TYPE = "moderation.complaint"
EVIDENCE_TYPE = "moderation.complaintevidence"


def complaints_visible(actor: Any) -> QuerySet[Complaint]:
    complaints = Complaint.objects.select_related("complainant", "seller_operator", "seller_user")
    condition = policy.visible_filter(actor)
    return complaints if condition is None else complaints.filter(condition)


def complaint_get(actor: Any, complaint_id: int) -> Complaint:
    complaint = complaints_visible(actor).filter(pk=complaint_id).first()
    if complaint is None:
        raise ComplaintNotFound()
    return complaint


def filtered(complaints: QuerySet[Complaint], *, state: str = "", category: str = "", q: str = "",
              overdue: bool = False) -> QuerySet[Complaint]:
    if state:
        complaints = complaints.filter(state=state)
    if category:
        complaints = complaints.filter(category=category)
    if overdue:
        complaints = complaints.filter(escalation_reason=EscalationReason.OVERDUE)
    words = " ".join(str(q or "").split())[:100]
    if words:
        complaints = complaints.filter(Q(number__icontains=words) | Q(subject_title__icontains=words)
                                       | Q(listing_code__iexact=words) | Q(order_number__iexact=words)
                                       | Q(seller_operator__name__icontains=words))
    return complaints


def complaints_filed_by(actor: Any) -> QuerySet[Complaint]:
    return complaints_visible(actor).filter(complainant_id=getattr(actor, "pk", None))


def complaints_against(actor: Any, **filters: Any) -> QuerySet[Complaint]:
    """The complaints about the actor's operator (staff) or about the actor's own sales (a C2C seller)."""
    if is_operator_staff(actor):
        mine = complaints_visible(actor)
    else:
        mine = complaints_visible(actor).filter(seller_user_id=getattr(actor, "pk", None))
    return filtered(mine, **filters).order_by("-created_at", "-pk")


def supervision_queue(actor: Any, **filters: Any) -> QuerySet[Complaint]:
    """Escalated complaints and cases, oldest escalation first (moderators and administrators read it too)."""
    if not policy.reads_all(actor):
        raise ComplaintForbidden()
    escalated = complaints_visible(actor).filter(state__in=sorted(SUPERVISION_STATES))
    return filtered(escalated, **filters).order_by("escalated_at", "pk")


def police_cases(actor: Any) -> QuerySet[Complaint]:
    if not policy.is_police(actor):
        raise ComplaintForbidden()
    return complaints_visible(actor).order_by("-referred_at", "-pk")


def evidence_get(actor: Any, evidence_id: int) -> ComplaintEvidence:
    row = ComplaintEvidence.objects.select_related("complaint").filter(pk=evidence_id).first()
    if row is None or not policy.may_see(actor, row.complaint):
        raise ComplaintNotFound()
    return row


def notes_of(complaint: Complaint) -> list[ComplaintNote]:
    return list(complaint.notes.select_related("author"))


def timeline_of(complaint: Complaint) -> list[AuditEvent]:
    """Every audit event on the complaint and its evidence files, oldest first (state changes, files, notes)."""
    files = [str(pk) for pk in complaint.evidence.values_list("pk", flat=True)]
    mine = Q(target_type=TARGET_TYPE, target_id=str(complaint.pk)) | Q(target_type=EVIDENCE_TYPE, target_id__in=files)
    return list(AuditEvent.objects.select_related("actor").filter(mine).order_by("occurred_at", "id"))


def counts_for_staff(actor: Any) -> ComplaintCounts:
    """The operator's complaints awaiting its answer, those past the deadline, and those escalated unanswered."""
    if not is_operator_staff(actor):
        return ComplaintCounts(awaiting_answer=0, overdue=0, escalated_unanswered=0)
    mine = complaints_visible(actor)
    waiting = mine.filter(state=C.SUBMITTED)
    return ComplaintCounts(awaiting_answer=waiting.count(),
                           overdue=waiting.filter(answer_due_at__lt=timezone.now()).count(),
                           escalated_unanswered=mine.filter(escalation_reason=EscalationReason.OVERDUE)
                           .exclude(state=C.CLOSED).count())
