"""The complaint state machine by verb, and who may do what. Services and selectors call these; views never decide.

- Filing: a signed-in consumer (about a listing, one of their own orders, or a seller).
- Seeing: the complainant sees their complaints; the seller side sees the complaints about it (the C2C seller,
  or any staff of the operator complained about, a chain head's staff also its branches'); market supervision,
  platform moderators and administrators see every complaint; the police see the cases referred to them;
  nobody else (404, the same as a missing complaint).
- Answering: the C2C seller, or the operator's clerks, managers and market managers.
- Accepting or rejecting the answer, withdrawing: the complainant.
- Opening a case, referring it to the police, closing it with a decision: market supervision.
- Notes and the evidence package: market supervision on escalated cases, the police on referred ones.
- Statistics: market supervision, platform moderators and administrators.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from recirc.core.permissions import has_role, is_operator_staff
from recirc.core.roles import Role
from recirc.moderation.models import COMPLAINT_TRANSITIONS, Complaint, ComplaintState
from recirc.moderation.models.complaints import SUPERVISION_STATES
from recirc.operators.facade import operator_scope

C = ComplaintState
VERBS: dict[str, dict[str, str]] = {
    "answer": {C.SUBMITTED: C.ANSWERED},
    "accept": {C.ANSWERED: C.RESOLVED},
    "reject": {C.ANSWERED: C.ESCALATED},
    "withdraw": {C.SUBMITTED: C.WITHDRAWN, C.ANSWERED: C.WITHDRAWN},
    "escalate_overdue": {C.SUBMITTED: C.ESCALATED},
    "open_case": {C.ESCALATED: C.INVESTIGATING},
    "refer": {C.INVESTIGATING: C.REFERRED},
    "close": {C.ESCALATED: C.CLOSED, C.INVESTIGATING: C.CLOSED, C.REFERRED: C.CLOSED},
}
ANSWER_ROLES = frozenset({Role.CLERK, Role.OPERATOR_MANAGER, Role.MARKET_MANAGER})
READ_ALL_ROLES = frozenset({Role.MARKET_SUPERVISION, Role.MODERATOR, Role.PLATFORM_ADMIN})
STATISTICS_ROLES = READ_ALL_ROLES
# verb -> who may do it: the complainant, the seller side, market supervision, or an investigator (market
# supervision on an escalated case, the police on a referred one). "system" verbs are the periodic task's.
WHO: dict[str, str] = {"answer": "seller", "accept": "complainant", "reject": "complainant",
                       "withdraw": "complainant", "escalate_overdue": "system", "open_case": "supervision",
                       "refer": "supervision", "close": "supervision", "note": "investigator",
                       "export": "investigator"}
PAGE_VERBS = ("answer", "accept", "reject", "withdraw", "open_case", "refer", "close", "note")


def is_signed_in(actor: Any) -> bool:
    return actor is not None and bool(getattr(actor, "is_authenticated", False))


def can_transition(from_state: str, to_state: str) -> bool:
    return to_state in COMPLAINT_TRANSITIONS.get(from_state, frozenset())


def target_of(verb: str, from_state: str) -> str | None:
    return VERBS.get(verb, {}).get(from_state)


def may_file(actor: Any) -> bool:
    return is_signed_in(actor) and has_role(actor, Role.CONSUMER)


def is_complainant(actor: Any, complaint: Complaint) -> bool:
    return may_file(actor) and complaint.complainant_id == actor.pk


def is_seller_side(actor: Any, complaint: Complaint, roles: frozenset[str] | None = None) -> bool:
    """The C2C seller, or staff (of `roles`, any staff role when None) of the operator complained about."""
    if not is_signed_in(actor):
        return False
    if complaint.seller_user_id is not None:
        return bool(complaint.seller_user_id == actor.pk)
    if not is_operator_staff(actor) or (roles is not None and not has_role(actor, *roles)):
        return False
    scope = operator_scope(actor)
    return not scope.city_wide and complaint.seller_operator_id in scope.operator_ids


def is_supervision(actor: Any) -> bool:
    return is_signed_in(actor) and has_role(actor, Role.MARKET_SUPERVISION)


def is_police(actor: Any) -> bool:
    return is_signed_in(actor) and has_role(actor, Role.POLICE)


def reads_all(actor: Any) -> bool:
    return is_signed_in(actor) and has_role(actor, *READ_ALL_ROLES)


def may_see_statistics(actor: Any) -> bool:
    return is_signed_in(actor) and has_role(actor, *STATISTICS_ROLES)


def visible_filter(actor: Any) -> Q | None:
    """The complaints the actor may see; None: all of them."""
    if not is_signed_in(actor):
        return Q(pk__in=[])
    if reads_all(actor):
        return None
    if is_police(actor):
        return Q(referred_at__isnull=False)
    if has_role(actor, Role.CONSUMER):
        return Q(complainant_id=actor.pk) | Q(seller_user_id=actor.pk)
    if is_operator_staff(actor):
        scope = operator_scope(actor)
        return Q(pk__in=[]) if scope.city_wide else Q(seller_operator_id__in=sorted(scope.operator_ids))
    return Q(pk__in=[])


def may_see(actor: Any, complaint: Complaint) -> bool:
    return (reads_all(actor) or (is_police(actor) and complaint.referred_at is not None)
            or is_complainant(actor, complaint) or is_seller_side(actor, complaint))


def may_act(actor: Any, complaint: Complaint, verb: str) -> bool:
    """The role rule for a verb; the state is checked separately."""
    who = WHO[verb]
    if who == "complainant":
        return is_complainant(actor, complaint)
    if who == "seller":
        return is_seller_side(actor, complaint, ANSWER_ROLES)
    if who == "supervision":
        return is_supervision(actor)
    if who == "investigator":
        return is_supervision(actor) or (is_police(actor) and complaint.referred_at is not None)
    return False


def state_allows(complaint: Complaint, verb: str) -> bool:
    if verb in VERBS:
        return target_of(verb, complaint.state) is not None
    if verb == "note":
        return complaint.state in SUPERVISION_STATES - {C.CLOSED}
    return complaint.state in SUPERVISION_STATES  # export: the case file of an escalated complaint


def actions_for(actor: Any, complaint: Complaint) -> list[str]:
    """What this actor may do now (for the page's buttons and the API's `actions`)."""
    return [verb for verb in (*PAGE_VERBS, "export")
            if state_allows(complaint, verb) and may_act(actor, complaint, verb)]
