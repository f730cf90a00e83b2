"""Counterfeit referrals: opened by an inspection that found counterfeit indicators (one open referral per
item), acknowledged and closed with an outcome by market supervision. The state machine is
REFERRAL_TRANSITIONS (open -> acknowledged -> closed, open -> closed); every change is audited and noted on
the item's (non-public) history."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from recirc.core.audit import audit_record
from recirc.inspection.errors import ReferralCloseInvalid, ReferralNotFound, ReferralTransitionNotAllowed
from recirc.inspection.models import (
    REFERRAL_TRANSITIONS,
    CounterfeitReferral,
    Inspection,
    ReferralOutcome,
    ReferralStatus,
)
from recirc.inspection.policy import require_referrals
from recirc.items.facade import counterfeit_hold_place, counterfeit_hold_release, item_record_event


def can_change_status(from_status: str, to_status: str) -> bool:
    return to_status in REFERRAL_TRANSITIONS.get(from_status, frozenset())


def referral_open(*, actor: Any, inspection: Inspection, indicators: list[dict[str, str]]) -> CounterfeitReferral:
    """Open a referral for the inspection's item, or return the one already open (it keeps its indicators:
    the later inspection's report names its own). Runs inside inspection_complete's transaction."""
    existing = CounterfeitReferral.objects.select_for_update().filter(
        item_id=inspection.item_id).exclude(status=ReferralStatus.CLOSED).first()
    if existing is not None:
        return existing
    referral = CounterfeitReferral.objects.create(item_id=inspection.item_id, inspection=inspection,
                                                  operator_id=inspection.operator_id, indicators=indicators)
    item_record_event(actor=actor, item_id=inspection.item_id, kind="counterfeit_referred", is_public=False,
                      data={"referral_id": referral.pk, "indicators": [entry["code"] for entry in indicators]})
    counterfeit_hold_place(actor=actor, item_id=inspection.item_id, referral_ref=_reference(referral))
    audit_record(actor=actor, action="inspection.referral_opened", target=referral,
                 operator_id=inspection.operator_id,
                 payload={"inspection_id": inspection.pk, "indicators": [entry["code"] for entry in indicators]})
    return referral


def _reference(referral: CounterfeitReferral) -> str:
    return f"inspection.referral:{referral.pk}"


def _locked(referral_id: int) -> CounterfeitReferral:
    referral = CounterfeitReferral.objects.select_for_update().filter(pk=referral_id).first()
    if referral is None:
        raise ReferralNotFound()
    return referral


def _move(referral: CounterfeitReferral, to_status: str) -> None:
    if not can_change_status(referral.status, to_status):
        raise ReferralTransitionNotAllowed(params={"from_status": ReferralStatus(referral.status).label,
                                                   "to_status": ReferralStatus(to_status).label})
    referral.status = to_status


@transaction.atomic
def referral_acknowledge(*, actor: Any, referral_id: int) -> CounterfeitReferral:
    """Market supervision has taken the case."""
    require_referrals(actor)
    referral = _locked(referral_id)
    _move(referral, ReferralStatus.ACKNOWLEDGED)
    referral.acknowledged_at, referral.acknowledged_by = timezone.now(), actor
    referral.save(update_fields=["status", "acknowledged_at", "acknowledged_by"])
    audit_record(actor=actor, action="inspection.referral_acknowledged", target=referral,
                 operator_id=referral.operator_id)
    return referral


def _close_fields(outcome: str, case_number: str, note: str) -> tuple[str, str, str]:
    case_number, note = " ".join((case_number or "").split()), (note or "").strip()
    if outcome not in ReferralOutcome.values or len(case_number) > 64 or len(note) > 1000:
        errors: dict[str, list[Any]] = {}
        if outcome not in ReferralOutcome.values:
            errors["outcome"] = [ReferralCloseInvalid.default_message]
        if len(case_number) > 64:
            errors["case_number"] = [ReferralCloseInvalid.default_message]
        if len(note) > 1000:
            errors["note"] = [ReferralCloseInvalid.default_message]
        raise ReferralCloseInvalid(errors=errors)
    return outcome, case_number, note


@transaction.atomic
def referral_close(*, actor: Any, referral_id: int, outcome: str, case_number: str = "",
                   note: str = "") -> CounterfeitReferral:
    """Close an open or acknowledged referral with its outcome (confirmed, cleared, transferred)."""
    require_referrals(actor)
    outcome, case_number, note = _close_fields(outcome, case_number, note)
    referral = _locked(referral_id)
    _move(referral, ReferralStatus.CLOSED)
    referral.closed_at, referral.closed_by, referral.outcome = timezone.now(), actor, outcome
    referral.case_number, referral.closing_note = case_number, note
    referral.save(update_fields=["status", "closed_at", "closed_by", "outcome", "case_number", "closing_note"])
    item_record_event(actor=actor, item_id=referral.item_id, kind="counterfeit_referral_closed", is_public=False,
                      data={"referral_id": referral.pk, "outcome": outcome})
    if outcome == ReferralOutcome.CLEARED:  # confirmed or transferred: the goods stay out of circulation
        counterfeit_hold_release(actor=actor, item_id=referral.item_id, referral_ref=_reference(referral))
    audit_record(actor=actor, action="inspection.referral_closed", target=referral, operator_id=referral.operator_id,
                 payload={"outcome": outcome, "case_number": case_number})
    return referral
