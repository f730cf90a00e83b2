"""Complaint writes of the complainant and the seller: filing, the seller's answer, accepting or rejecting it,
withdrawing, and the periodic escalation of complaints nobody answered in time. Each runs in one transaction,
checks the role first (403), then the state (409), moves the state by the transition table and records an
audit event. Market supervision's steps are in complaint_casework."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recirc.core.audit import audit_record
from recirc.moderation import complaint_policy as policy
from recirc.moderation.complaint_contracts import ComplaintFile
from recirc.moderation.complaint_errors import (
    ComplaintActionNotAllowed,
    ComplaintDuplicate,
    ComplaintFileForbidden,
    ComplaintForbidden,
    ComplaintInvalid,
    ComplaintNotFound,
    ComplaintTransitionNotAllowed,
)
from recirc.moderation.complaint_evidence import evidence_check, evidence_store
from recirc.moderation.complaint_subjects import subject_resolve
from recirc.moderation.models import COMPLAINT_FINAL, Complaint, ComplaintCategory, ComplaintState, EscalationReason

NUMBER_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
DEFAULT_ANSWER_DAYS = 7


def answer_days() -> int:
    return int(getattr(settings, "RECIRC_POLICY", {}).get("COMPLAINT_ANSWER_DAYS", DEFAULT_ANSWER_DAYS))


def new_number() -> str:
    """A public number such as CP261201-7K3QF."""
    while True:
        number = f"CP{timezone.localdate():%y%m%d}-{''.join(secrets.choice(NUMBER_ALPHABET) for _ in range(5))}"
        if not Complaint.objects.filter(number=number).exists():
            return number


def text_of(errors: dict[str, list[Any]], field: str, value: Any, *, limit: int) -> str:
    """The trimmed text; a required-field or length message added to `errors`."""
    text = str(value or "").replace("\r\n", "\n").strip()
    if not text:
        errors.setdefault(field, []).append(_("This field is required."))
    elif len(text) > limit:
        errors.setdefault(field, []).append(_("At most %(limit)s characters.") % {"limit": limit})
    return text


def locked(actor: Any, complaint_id: int) -> Complaint:
    """The complaint's row, locked, when the actor may see it; ComplaintNotFound otherwise."""
    complaint = Complaint.objects.select_for_update().filter(pk=complaint_id).first()
    if complaint is None or not policy.may_see(actor, complaint):
        raise ComplaintNotFound()
    return complaint


def require(actor: Any, complaint: Complaint, verb: str) -> None:
    if not policy.may_act(actor, complaint, verb):
        raise ComplaintForbidden()
    if not policy.state_allows(complaint, verb):
        raise ComplaintActionNotAllowed(params={"state": complaint.get_state_display()})


def move(complaint: Complaint, verb: str) -> str:
    """Apply the verb's transition (not saved); ComplaintTransitionNotAllowed outside the table."""
    target = policy.target_of(verb, complaint.state)
    if target is None or not policy.can_transition(complaint.state, target):
        labels = dict(ComplaintState.choices)
        wanted = target or next(iter(policy.VERBS[verb].values()))
        raise ComplaintTransitionNotAllowed(params={"from_state": labels[complaint.state], "to_state": labels[wanted]})
    from_state, complaint.state = complaint.state, target
    return from_state


def record(actor: Any, complaint: Complaint, action: str, from_state: str, **payload: Any) -> None:
    audit_record(actor=actor, action=f"moderation.complaint_{action}", target=complaint,
                 operator_id=complaint.seller_operator_id,
                 payload={"number": complaint.number, "from_state": from_state, "to_state": complaint.state,
                          **payload})


def _check_intake(actor: Any, category: str, statement: str, subject_kind: str, reference: str) -> tuple[Any, str]:
    errors: dict[str, list[Any]] = {}
    if category not in ComplaintCategory.values:
        errors["category"] = [_("Choose a category.")]
    text = text_of(errors, "statement", statement, limit=4000)
    try:
        subject = subject_resolve(actor=actor, kind=subject_kind, reference=reference)
    except ComplaintInvalid as error:
        subject = None
        for field, messages in error.errors.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ComplaintInvalid(errors=errors)
    return subject, text


def _refuse_duplicate(actor: Any, key: str) -> None:
    open_one = Complaint.objects.filter(complainant=actor, subject_key=key).exclude(
        state__in=sorted(COMPLAINT_FINAL)).first()
    if open_one is not None:
        raise ComplaintDuplicate(params={"number": open_one.number})


@transaction.atomic
def complaint_file(*, actor: Any, category: str, statement: str, subject_kind: str, reference: str,
                   evidence: Iterable[ComplaintFile] = ()) -> Complaint:
    """A consumer files a complaint; the seller concerned owes an answer within COMPLAINT_ANSWER_DAYS."""
    if not policy.may_file(actor):
        raise ComplaintFileForbidden()
    subject, text = _check_intake(actor, category, statement, subject_kind, reference)
    checked = evidence_check(evidence)
    _refuse_duplicate(actor, subject.key)
    complaint = Complaint(
        number=new_number(), complainant=actor, category=category, statement=text, subject_kind=subject.kind,
        subject_key=subject.key, subject_title=subject.title, listing_id=subject.listing_id,
        listing_code=subject.listing_code, order_id=subject.order_id, order_number=subject.order_number,
        seller_operator_id=subject.seller_operator_id, seller_user_id=subject.seller_user_id,
        answer_due_at=timezone.now() + dt.timedelta(days=answer_days()))
    try:
        with transaction.atomic():
            complaint.save()
    except IntegrityError as error:  # a concurrent twin won the unique constraint
        _refuse_duplicate(actor, subject.key)
        raise ComplaintDuplicate(params={"number": "—"}) from error
    record(actor, complaint, "filed", "", category=category, subject=subject.key,
           answer_due_at=complaint.answer_due_at, files=len(checked))
    evidence_store(actor=actor, complaint=complaint, files=checked)
    return complaint


@transaction.atomic
def complaint_answer(*, actor: Any, complaint_id: int, answer: str) -> Complaint:
    complaint = locked(actor, complaint_id)
    require(actor, complaint, "answer")
    errors: dict[str, list[Any]] = {}
    text = text_of(errors, "answer", answer, limit=4000)
    if errors:
        raise ComplaintInvalid(errors=errors)
    from_state = move(complaint, "answer")
    complaint.answer, complaint.answered_by, complaint.answered_at = text, actor, timezone.now()
    complaint.save()
    record(actor, complaint, "answered", from_state, in_time=complaint.answered_at <= complaint.answer_due_at)
    return complaint


@transaction.atomic
def complaint_accept(*, actor: Any, complaint_id: int) -> Complaint:
    complaint = locked(actor, complaint_id)
    require(actor, complaint, "accept")
    from_state = move(complaint, "accept")
    complaint.closed_at = timezone.now()
    complaint.save()
    record(actor, complaint, "resolved", from_state)
    return complaint


@transaction.atomic
def complaint_reject(*, actor: Any, complaint_id: int, reason: str) -> Complaint:
    """The complainant is not satisfied: the complaint goes to market supervision."""
    complaint = locked(actor, complaint_id)
    require(actor, complaint, "reject")
    errors: dict[str, list[Any]] = {}
    text = text_of(errors, "reason", reason, limit=2000)
    if errors:
        raise ComplaintInvalid(errors=errors)
    from_state = move(complaint, "reject")
    complaint.rejection_reason, complaint.escalation_reason = text, EscalationReason.REJECTED
    complaint.escalated_at = timezone.now()
    complaint.save()
    record(actor, complaint, "escalated", from_state, reason=EscalationReason.REJECTED)
    return complaint


@transaction.atomic
def complaint_withdraw(*, actor: Any, complaint_id: int) -> Complaint:
    complaint = locked(actor, complaint_id)
    require(actor, complaint, "withdraw")
    from_state = move(complaint, "withdraw")
    complaint.closed_at = timezone.now()
    complaint.save()
    record(actor, complaint, "withdrawn", from_state)
    return complaint


@transaction.atomic
def complaints_escalate_overdue(*, now: dt.datetime | None = None, limit: int = 1000) -> list[str]:
    """Complaints still unanswered after their deadline go to market supervision (by the system). Idempotent: an
    escalated complaint is no longer awaiting an answer, so a second run finds nothing."""
    now = now or timezone.now()
    due = list(Complaint.objects.select_for_update().filter(
        state=ComplaintState.SUBMITTED, answer_due_at__lt=now).order_by("answer_due_at", "pk")[:limit])
    for complaint in due:
        from_state = move(complaint, "escalate_overdue")
        complaint.overdue_at = complaint.escalated_at = now
        complaint.escalation_reason = EscalationReason.OVERDUE
        complaint.save()
        record(None, complaint, "escalated", from_state, reason=EscalationReason.OVERDUE,
               answer_due_at=complaint.answer_due_at)
    return [complaint.number for complaint in due]
