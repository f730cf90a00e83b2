"""Cases: opened by market supervision or the police (or imported from another context's referral), worked by
the authority that holds them, referred between the two, closed with an outcome, reopened. Each change is one
service that checks the state machine (CASE_TRANSITIONS) and the holder, appends a CaseEvent and an audit event
in the same transaction, and changes nothing when it refuses.

Who sees a case: the authority holding it and every authority that held or referred it (its timeline says so),
and the platform administrator. Anyone else gets NotFound, as for a missing case.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.core.audit import audit_record
from recirc.core.errors import NotFound
from recirc.core.permissions import has_role
from recirc.core.roles import Role
from recirc.items.facade import passport_get
from recirc.operators.facade import operator_refs
from recirc.supervision.errors import CaseInvalid, CaseNotFound, CaseNotHeld, CaseTransitionNotAllowed
from recirc.supervision.models import (
    CASE_TRANSITIONS,
    Authority,
    Case,
    CaseEvent,
    CaseEventKind,
    CaseKind,
    CaseOutcome,
    CaseStatus,
)
from recirc.supervision.policy import authority_of, require_cases

TEXT_LIMIT = 4000


def case_list(actor: Any, *, status: str = "", kind: str = "", query: str = "") -> QuerySet[Case]:
    """The cases the actor may see, newest first; empty for anyone who does not work cases."""
    if has_role(actor, Role.PLATFORM_ADMIN):
        cases = Case.objects.all()
    elif (authority := authority_of(actor)) is not None:
        seen = Case.objects.filter(Q(events__from_authority=authority) | Q(events__to_authority=authority))
        cases = Case.objects.filter(Q(authority=authority) | Q(opened_by_authority=authority)
                                    | Q(pk__in=seen.values("pk")))
    else:
        return Case.objects.none()
    if status:
        cases = cases.filter(status=status)
    if kind:
        cases = cases.filter(kind=kind)
    text = " ".join((query or "").split())
    if text:
        cases = cases.filter(Q(reference__icontains=text) | Q(title__icontains=text) | Q(summary__icontains=text))
    return cases.order_by("-opened_at", "-id")


def case_get(actor: Any, case_id: int) -> Case:
    case = case_list(actor).filter(pk=case_id).first()
    if case is None:
        raise CaseNotFound()
    return case


def _text(value: Any, field: str, *, required: bool, limit: int = TEXT_LIMIT) -> str:
    text = str(value or "").strip().replace("\r\n", "\n")
    if required and not text:
        raise CaseInvalid(errors={field: [_("This field is required.")]})
    if len(text) > limit:
        raise CaseInvalid(errors={field: [_("At most %(limit)s characters.") % {"limit": limit}]})
    return text


def _event(case: Case, actor: Any, kind: str, *, text: str = "", before: tuple[str, str] | None = None) -> CaseEvent:
    from_status, from_authority = before or ("", "")
    event = CaseEvent.objects.create(case=case, kind=kind, actor=actor if getattr(actor, "is_authenticated", False)
                                     else None, from_status=from_status, to_status=case.status,
                                     from_authority=from_authority, to_authority=case.authority, text=text)
    audit_record(actor=actor, action=f"supervision.case_{kind}", target=case, operator_id=case.operator_id,
                 payload={"reference": case.reference, "status": case.status, "authority": case.authority,
                          "from_status": from_status, "from_authority": from_authority})
    return event


def _references(operator_id: Any, item_code: str) -> tuple[int | None, str]:
    """The operator and the item (by its public passport code) a case concerns, checked to exist."""
    errors: dict[str, list[Any]] = {}
    operator = int(operator_id) if str(operator_id or "").isdigit() else None
    if operator_id not in (None, "") and (operator is None or operator not in operator_refs([operator])):
        errors["operator_id"] = [_("No such operator.")]
    code = str(item_code or "").strip().upper()
    if code:
        try:
            code = passport_get(code).code
        except NotFound:
            errors["item_code"] = [_("No item has this passport code.")]
    if errors:
        raise CaseInvalid(errors=errors)
    return operator, code


@transaction.atomic
def case_open(*, actor: Any, kind: str, title: str, summary: str = "", operator_id: Any = None, item_code: str = "",
              source_ref: str = "", authority: str = "", imported: bool = False) -> Case:
    """Open a case held by the actor's authority (the administrator names it)."""
    require_cases(actor)
    holder = authority_of(actor) or authority
    errors: dict[str, list[Any]] = {}
    if holder not in Authority.values:
        errors["authority"] = [_("Choose market supervision or public security.")]
    if kind not in CaseKind.values:
        errors["kind"] = [_("Choose the kind of case.")]
    if errors:
        raise CaseInvalid(errors=errors)
    operator, item = _references(operator_id, item_code)
    case = Case.objects.create(
        reference=f"new-{uuid.uuid4().hex[:16]}", kind=kind, authority=holder, opened_by_authority=holder,
        title=_text(title, "title", required=True, limit=160), summary=_text(summary, "summary", required=False),
        operator_id=operator, item_code=item, source_ref=_text(source_ref, "source_ref", required=False, limit=80),
        opened_by=actor)
    case.reference = f"SV{timezone.localdate():%Y}{case.pk:06d}"
    case.save(update_fields=["reference"])
    _event(case, actor, CaseEventKind.IMPORTED if imported else CaseEventKind.OPENED, text=case.summary)
    return case


def case_held(actor: Any, case_id: int) -> Case:
    """The case, locked, if the actor's authority holds it (the administrator may act on any)."""
    require_cases(actor)
    case_get(actor, case_id)
    case = Case.objects.select_for_update().get(pk=case_id)
    if not has_role(actor, Role.PLATFORM_ADMIN) and authority_of(actor) != case.authority:
        raise CaseNotHeld()
    return case


def _move(case: Case, to_status: str, *, only_from: str | None = None) -> tuple[str, str]:
    """Apply a transition of the table (from `only_from` when given); the state before it."""
    if to_status not in CASE_TRANSITIONS[case.status] or (only_from is not None and case.status != only_from):
        labels = dict(CaseStatus.choices)
        raise CaseTransitionNotAllowed(params={"from_status": labels[case.status], "to_status": labels[to_status]})
    before = (case.status, case.authority)
    case.status = to_status
    return before


@transaction.atomic
def case_take_up(*, actor: Any, case_id: int) -> Case:
    """Start investigating an open case."""
    case = case_held(actor, case_id)
    before = _move(case, CaseStatus.INVESTIGATING, only_from=CaseStatus.OPEN)
    case.save(update_fields=["status", "updated_at"])
    _event(case, actor, CaseEventKind.TAKEN_UP, before=before)
    return case


@transaction.atomic
def case_refer(*, actor: Any, case_id: int, to_authority: str, reason: str) -> Case:
    """Hand the case to the other authority; it is theirs once they accept it."""
    case = case_held(actor, case_id)
    reason = _text(reason, "reason", required=True)
    if to_authority not in Authority.values or to_authority == case.authority:
        raise CaseInvalid(errors={"to_authority": [_("Choose the other authority.")]})
    before = _move(case, CaseStatus.REFERRED)
    case.referred_by, case.authority = case.authority, to_authority
    case.save(update_fields=["status", "authority", "referred_by", "updated_at"])
    _event(case, actor, CaseEventKind.REFERRED, text=reason, before=before)
    return case


@transaction.atomic
def case_answer_referral(*, actor: Any, case_id: int, accept: bool, reason: str = "") -> Case:
    """The receiving authority accepts the referral, or returns the case to the sender with a reason."""
    case = case_held(actor, case_id)
    reason = _text(reason, "reason", required=not accept)
    before = _move(case, CaseStatus.INVESTIGATING, only_from=CaseStatus.REFERRED)
    if not accept:
        case.authority = case.referred_by
    case.referred_by = ""
    case.save(update_fields=["status", "authority", "referred_by", "updated_at"])
    _event(case, actor, CaseEventKind.ACCEPTED if accept else CaseEventKind.RETURNED, text=reason, before=before)
    return case


@transaction.atomic
def case_close(*, actor: Any, case_id: int, outcome: str, note: str) -> Case:
    case = case_held(actor, case_id)
    if outcome not in CaseOutcome.values:
        raise CaseInvalid(errors={"outcome": [_("Choose the outcome.")]})
    note = _text(note, "note", required=True)
    before = _move(case, CaseStatus.CLOSED)
    case.outcome, case.closed_at = outcome, timezone.now()
    case.save(update_fields=["status", "outcome", "closed_at", "updated_at"])
    _event(case, actor, CaseEventKind.CLOSED, text=note, before=before)
    return case


@transaction.atomic
def case_reopen(*, actor: Any, case_id: int, reason: str) -> Case:
    case = case_held(actor, case_id)
    reason = _text(reason, "reason", required=True)
    before = _move(case, CaseStatus.INVESTIGATING, only_from=CaseStatus.CLOSED)
    case.outcome, case.closed_at = "", None
    case.save(update_fields=["status", "outcome", "closed_at", "updated_at"])
    _event(case, actor, CaseEventKind.REOPENED, text=reason, before=before)
    return case


@transaction.atomic
def case_note_add(*, actor: Any, case_id: int, text: str) -> CaseEvent:
    """A note on the timeline; any authority that sees the case may add one."""
    require_cases(actor)
    case = case_get(actor, case_id)
    return _event(case, actor, CaseEventKind.NOTE, text=_text(text, "text", required=True),
                  before=(case.status, case.authority))
