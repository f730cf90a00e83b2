"""Market supervision's steps on an escalated complaint: open a case, refer it to the police, close it with a
decision and its reasons; and the notes market supervision and (on referred cases) the police add. The same
rules as complaint_services: role (403), state (409), the transition table, an audit event in the transaction."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recirc.core.audit import audit_record
from recirc.core.permissions import role_of
from recirc.moderation.complaint_errors import ComplaintInvalid
from recirc.moderation.complaint_services import locked, move, record, require, text_of
from recirc.moderation.models import Complaint, ComplaintDecision, ComplaintNote


@transaction.atomic
def complaint_case_open(*, actor: Any, complaint_id: int, findings: str = "") -> Complaint:
    """Market supervision takes the complaint up as a case (findings may follow later)."""
    complaint = locked(actor, complaint_id)
    require(actor, complaint, "open_case")
    text = str(findings or "").replace("\r\n", "\n").strip()
    if len(text) > 8000:
        raise ComplaintInvalid(errors={"findings": [_("At most %(limit)s characters.") % {"limit": 8000}]})
    from_state = move(complaint, "open_case")
    complaint.case_opened_by, complaint.case_opened_at, complaint.findings = actor, timezone.now(), text
    complaint.save()
    record(actor, complaint, "case_opened", from_state)
    return complaint


@transaction.atomic
def complaint_refer(*, actor: Any, complaint_id: int, reason: str) -> Complaint:
    """Refer the case to the police (stolen goods, smuggling, IMEI tampering...): they then see it read-only."""
    complaint = locked(actor, complaint_id)
    require(actor, complaint, "refer")
    errors: dict[str, list[Any]] = {}
    text = text_of(errors, "reason", reason, limit=2000)
    if errors:
        raise ComplaintInvalid(errors=errors)
    from_state = move(complaint, "refer")
    complaint.referral_reason, complaint.referred_by, complaint.referred_at = text, actor, timezone.now()
    complaint.save()
    record(actor, complaint, "referred", from_state)
    return complaint


@transaction.atomic
def complaint_close(*, actor: Any, complaint_id: int, decision: str, reasons: str, findings: str = "") -> Complaint:
    complaint = locked(actor, complaint_id)
    require(actor, complaint, "close")
    errors: dict[str, list[Any]] = {}
    if decision not in ComplaintDecision.values:
        errors["decision"] = [_("Choose a decision.")]
    text = text_of(errors, "reasons", reasons, limit=4000)
    extra = str(findings or "").replace("\r\n", "\n").strip()
    if len(extra) > 8000:
        errors["findings"] = [_("At most %(limit)s characters.") % {"limit": 8000}]
    if errors:
        raise ComplaintInvalid(errors=errors)
    from_state = move(complaint, "close")
    complaint.decision, complaint.decision_reasons, complaint.decided_by = decision, text, actor
    complaint.findings = extra or complaint.findings
    complaint.closed_at = timezone.now()
    complaint.save()
    record(actor, complaint, "closed", from_state, decision=decision)
    return complaint


@transaction.atomic
def complaint_note_add(*, actor: Any, complaint_id: int, text: str) -> ComplaintNote:
    complaint = locked(actor, complaint_id)
    require(actor, complaint, "note")
    errors: dict[str, list[Any]] = {}
    body = text_of(errors, "text", text, limit=4000)
    if errors:
        raise ComplaintInvalid(errors=errors)
    note = ComplaintNote.objects.create(complaint=complaint, author=actor, author_role=role_of(actor) or "",
                                        text=body)
    audit_record(actor=actor, action="moderation.complaint_note_added", target=complaint,
                 operator_id=complaint.seller_operator_id,
                 payload={"number": complaint.number, "note_id": note.pk, "role": note.author_role})
    return note
