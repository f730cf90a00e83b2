"""The cases' state machines by verb, and who may do what. Services and selectors call these; views never decide.

- Seeing: the buyer sees their records and cases; the seller side sees the cases on what it sold (the C2C seller,
  or staff of the selling operator, a chain head's staff also its branches'); platform moderators and
  administrators see everything; regulators see everything read-only; nobody else (404).
- Opening a return, a warranty claim or a dispute: the buyer.
- Answering a return (approve, refuse), receiving the goods back, refunding: the C2C seller, or the selling
  operator's clerks, managers and market managers.
- Accepting, refusing and completing a warranty repair: the same, and technicians (a refund as the outcome
  needs a role that may refund).
- Disputes: both parties state their side and add evidence; a platform moderator or administrator starts the
  review (when the seller does not answer in time) and decides.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from recirc.aftersales.models import (
    DISPUTE_TRANSITIONS,
    RETURN_TRANSITIONS,
    TICKET_TRANSITIONS,
    Dispute,
    DisputeState,
    Party,
    ReturnRequest,
    ReturnState,
    ServiceTicket,
    TicketState,
    Warranty,
)
from recirc.core.permissions import has_role, is_operator_staff, sees_whole_city
from recirc.core.roles import Role
from recirc.operators.facade import operator_scope

R, T, D = ReturnState, TicketState, DisputeState
VERBS: dict[str, dict[str, dict[str, str]]] = {
    "return": {
        "approve": {R.REQUESTED: R.APPROVED},
        "refuse": {R.REQUESTED: R.REFUSED},
        "receive": {R.APPROVED: R.GOODS_RETURNED},
        "refund": {R.GOODS_RETURNED: R.REFUNDED},
        "cancel": {R.REQUESTED: R.CANCELLED, R.APPROVED: R.CANCELLED},
    },
    "ticket": {
        "accept": {T.OPEN: T.IN_REPAIR},
        "refuse": {T.OPEN: T.REFUSED},
        "complete": {T.IN_REPAIR: T.COMPLETED},
        "cancel": {T.OPEN: T.CANCELLED},
    },
    "dispute": {
        "review": {D.OPEN: D.UNDER_REVIEW},
        "decide": {D.UNDER_REVIEW: D.DECIDED},
        "withdraw": {D.OPEN: D.WITHDRAWN, D.UNDER_REVIEW: D.WITHDRAWN},
    },
}
TABLES: dict[str, dict[str, frozenset[str]]] = {"return": RETURN_TRANSITIONS, "ticket": TICKET_TRANSITIONS,
                                                 "dispute": DISPUTE_TRANSITIONS}
REFUND_ROLES = frozenset({Role.CLERK, Role.OPERATOR_MANAGER, Role.MARKET_MANAGER})
REPAIR_ROLES = REFUND_ROLES | {Role.TECHNICIAN}
PLATFORM_ROLES = frozenset({Role.MODERATOR, Role.PLATFORM_ADMIN})
# verb -> who: "buyer", "seller" (REFUND_ROLES staff or the C2C seller), "repairer" (REPAIR_ROLES or the C2C
# seller), "platform", "party" (buyer or seller side, any staff role).
WHO: dict[str, dict[str, str]] = {
    "return": {"approve": "seller", "refuse": "seller", "receive": "seller", "refund": "seller",
               "cancel": "buyer", "ship_back": "buyer", "evidence": "party"},
    "ticket": {"accept": "repairer", "refuse": "repairer", "complete": "repairer", "cancel": "buyer",
               "evidence": "party"},
    "dispute": {"review": "platform", "decide": "platform", "withdraw": "buyer", "statement": "party_or_platform",
                "evidence": "party_or_platform"},
}
OPEN_STATES = {"return": frozenset({R.REQUESTED, R.APPROVED, R.GOODS_RETURNED}),
               "ticket": frozenset({T.OPEN, T.IN_REPAIR}), "dispute": frozenset({D.OPEN, D.UNDER_REVIEW})}
Case = ReturnRequest | ServiceTicket | Dispute


def kind_of(case: Any) -> str:
    return {ReturnRequest: "return", ServiceTicket: "ticket", Dispute: "dispute"}[type(case)]


def is_signed_in(actor: Any) -> bool:
    return actor is not None and bool(getattr(actor, "is_authenticated", False))


def can_transition(kind: str, from_state: str, to_state: str) -> bool:
    return to_state in TABLES[kind].get(from_state, frozenset())


def target_of(kind: str, verb: str, from_state: str) -> str | None:
    return VERBS[kind].get(verb, {}).get(from_state)


def is_platform(actor: Any) -> bool:
    return is_signed_in(actor) and has_role(actor, *PLATFORM_ROLES)


def is_buyer(actor: Any, record: Any) -> bool:
    return is_signed_in(actor) and has_role(actor, Role.CONSUMER) and record.buyer_id == actor.pk


def _staff_covers(actor: Any, operator_id: int | None, roles: frozenset[str] | None) -> bool:
    if operator_id is None or not is_operator_staff(actor):
        return False
    if roles is not None and not has_role(actor, *roles):
        return False
    scope = operator_scope(actor)
    return not scope.city_wide and operator_id in scope.operator_ids


def is_seller_side(actor: Any, record: Any, roles: frozenset[str] | None = None) -> bool:
    """The C2C seller, or staff (of `roles`, any staff role when None) of the selling operator."""
    if not is_signed_in(actor):
        return False
    if record.seller_user_id is not None:
        return bool(record.seller_user_id == actor.pk)
    return _staff_covers(actor, record.seller_operator_id, roles)


def visible_filter(actor: Any) -> Q | None:
    """Records and cases the actor may see (same field names on Warranty and the cases); None: all of them."""
    if not is_signed_in(actor):
        return Q(pk__in=[])
    if sees_whole_city(actor):
        return None
    condition = Q(buyer_id=actor.pk) | Q(seller_user_id=actor.pk)
    if is_operator_staff(actor):
        scope = operator_scope(actor)
        condition |= Q(seller_operator_id__in=sorted(scope.operator_ids))
    return condition


def may_see(actor: Any, record: Any) -> bool:
    return is_platform(actor) or sees_whole_city(actor) or is_buyer(actor, record) or is_seller_side(actor, record)


def may_act(actor: Any, case: Any, verb: str) -> bool:
    """The role rule for a verb on a case; the state is checked separately."""
    who = WHO[kind_of(case)][verb]
    if who == "buyer":
        return is_buyer(actor, case)
    if who == "seller":
        return is_seller_side(actor, case, REFUND_ROLES)
    if who == "repairer":
        return is_seller_side(actor, case, REPAIR_ROLES)
    if who == "platform":
        return is_platform(actor)
    party = is_buyer(actor, case) or is_seller_side(actor, case)
    return party or (who == "party_or_platform" and is_platform(actor))


def party_of(actor: Any, case: Any) -> str:
    if is_buyer(actor, case):
        return Party.BUYER
    if is_seller_side(actor, case):
        return Party.SELLER
    return Party.PLATFORM


def may_open(actor: Any, warranty: Warranty) -> bool:
    return is_buyer(actor, warranty)


def state_allows(case: Any, verb: str) -> bool:
    kind = kind_of(case)
    if kind == "return" and verb == "cancel" and case.shipped_back_at is not None:
        return False  # the goods are on their way back: the seller receives and refunds
    if verb in VERBS[kind]:
        return target_of(kind, verb, case.state) is not None
    if verb == "ship_back":
        return case.state == R.APPROVED and case.shipped_back_at is None
    return case.state in OPEN_STATES[kind]  # statement, evidence


def actions_for(actor: Any, case: Any) -> list[str]:
    """What this actor may do to this case now (for buttons and the API's `actions`)."""
    return [verb for verb in WHO[kind_of(case)] if state_allows(case, verb) and may_act(actor, case, verb)]
