"""Who may do what, and which status changes the state machine allows: predicates only, no writes."""

from __future__ import annotations

from typing import Any

from recirc.core.permissions import has_role, role_of
from recirc.core.roles import Role
from recirc.operators.models import OPERATOR_TRANSITIONS, Membership, Operator, OperatorKind, OperatorStatus

REGISTRARS = (Role.PLATFORM_ADMIN, Role.COMMERCE_REGULATOR)
MARKET_KINDS = frozenset({OperatorKind.TRANSACTION_MARKET, OperatorKind.RURAL_TRADE_CENTRE})
# What an operator's own manager may correct; identity and licence facts are the registrars' job.
MANAGER_EDITABLE_FIELDS = frozenset({"name_en", "registered_address"})


def _holds_open_membership(user: Any, operator_id: int, role: Role) -> bool:
    if role_of(user) != role:
        return False
    return Membership.objects.filter(user=user, operator_id=operator_id, role=role, ended_on__isnull=True).exists()


def can_register_operator(user: Any) -> bool:
    return has_role(user, *REGISTRARS)


def can_change_operator_status(user: Any) -> bool:
    return has_role(user, *REGISTRARS)


def manages_operator(user: Any, operator_id: int) -> bool:
    """An operator manager with an open membership at exactly this operator."""
    return _holds_open_membership(user, operator_id, Role.OPERATOR_MANAGER)


def manages_market(user: Any, market_id: int) -> bool:
    return _holds_open_membership(user, market_id, Role.MARKET_MANAGER)


def can_manage_outlets(user: Any, operator_id: int) -> bool:
    return has_role(user, Role.PLATFORM_ADMIN) or manages_operator(user, operator_id)


def can_manage_staff(user: Any, operator_id: int) -> bool:
    return has_role(user, Role.PLATFORM_ADMIN) or manages_operator(user, operator_id)


def can_manage_stalls(user: Any, market_id: int) -> bool:
    return has_role(user, Role.PLATFORM_ADMIN) or manages_market(user, market_id)


def editable_fields_for(user: Any, operator_id: int) -> frozenset[str] | None:
    """None means every updatable field; an empty set means none."""
    if can_register_operator(user):
        return None
    if manages_operator(user, operator_id):
        return MANAGER_EDITABLE_FIELDS
    return frozenset()


def can_transition(operator: Operator, target: str) -> bool:
    return target in OPERATOR_TRANSITIONS[operator.status]


def can_suspend(operator: Operator) -> bool:
    return can_transition(operator, OperatorStatus.SUSPENDED)


def can_reactivate(operator: Operator) -> bool:
    return can_transition(operator, OperatorStatus.ACTIVE)


def can_close(operator: Operator) -> bool:
    return can_transition(operator, OperatorStatus.CLOSED)


def is_market(operator: Operator) -> bool:
    return operator.kind in MARKET_KINDS
