"""Who may do what to an order, and the state table's rules. Services call these; views never decide.

- Buyers (consumers) see and act on their own orders: pay, cancel before payment, confirm receipt.
- The selling side sees and acts on its orders: staff of the selling operator (scope), or the C2C seller.
  It ships, marks ready for pickup, hands over against the pickup code, and refunds.
- Platform inspection (验货): the platform administrator, or inspectors of an online-platform operator.
- The platform administrator sees every order and the ledger; regulators see orders read-only.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from recirc.core.permissions import has_role, is_operator_staff, sees_whole_city
from recirc.core.roles import Role
from recirc.operators.facade import membership_of, operator_refs, operator_scope
from recirc.trade.errors import TransitionNotAllowed
from recirc.trade.models import ORDER_TRANSITIONS, Order, OrderState

SELLER_ROLES = frozenset({Role.CLERK, Role.OPERATOR_MANAGER, Role.MARKET_MANAGER})
POS_ROLES = frozenset({Role.CLERK, Role.OPERATOR_MANAGER, Role.MARKET_MANAGER})
REFUND_STAFF_ROLES = frozenset({Role.CLERK, Role.OPERATOR_MANAGER, Role.MARKET_MANAGER})


def can_transition(from_state: str, to_state: str) -> bool:
    return to_state in ORDER_TRANSITIONS.get(from_state, frozenset())


def require_transition(order: Order, to_state: str) -> None:
    if not can_transition(order.state, to_state):
        raise TransitionNotAllowed(params={"from_state": OrderState(order.state).label,
                                           "to_state": OrderState(to_state).label})


def visible_filter(actor: Any) -> Q | None:
    """None: every order (city-wide roles). Otherwise the orders the actor bought or sells."""
    if sees_whole_city(actor):
        return None
    if actor is None or not getattr(actor, "is_authenticated", False):
        return Q(pk__in=[])
    condition = Q(buyer_id=actor.pk) | Q(seller_user_id=actor.pk)
    if is_operator_staff(actor):
        condition |= Q(seller_operator_id__in=sorted(operator_scope(actor).operator_ids))
    return condition


def may_see(actor: Any, order: Order) -> bool:
    condition = visible_filter(actor)
    return condition is None or Order.objects.filter(condition, pk=order.pk).exists()


def is_buyer(actor: Any, order: Order) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False) and order.buyer_id == actor.pk


def is_seller_side(actor: Any, order: Order) -> bool:
    """The C2C seller, or staff of the selling operator in a selling role."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    if order.seller_user_id is not None:
        return bool(order.seller_user_id == actor.pk)
    return (getattr(actor, "role", None) in SELLER_ROLES
            and order.seller_operator_id in operator_scope(actor).operator_ids)


def may_refund(actor: Any, order: Order) -> bool:
    """The system (after-sales acting on its own authority), the platform administrator, the C2C seller, or
    counter and management staff of the selling operator."""
    if actor is None:
        return True
    if has_role(actor, Role.PLATFORM_ADMIN):
        return True
    if order.seller_user_id is not None:
        return bool(order.seller_user_id == actor.pk)
    return (getattr(actor, "role", None) in REFUND_STAFF_ROLES
            and order.seller_operator_id in operator_scope(actor).operator_ids)


def may_inspect(actor: Any) -> bool:
    """Platform inspection (验货) is the platform's: its administrator or an online platform's inspectors."""
    if has_role(actor, Role.PLATFORM_ADMIN):
        return True
    if not has_role(actor, Role.INSPECTOR):
        return False
    membership = membership_of(actor)
    if membership is None:
        return False
    operator = operator_refs([membership.operator_id]).get(membership.operator_id)
    return operator is not None and operator.kind == "online_platform"


def may_use_pos(actor: Any) -> bool:
    return getattr(actor, "role", None) in POS_ROLES and membership_of(actor) is not None


def may_see_ledger(actor: Any) -> bool:
    return has_role(actor, Role.PLATFORM_ADMIN)
