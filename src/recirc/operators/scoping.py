"""Who may see which operators' records (ADR 0004): computed once per request from the membership."""

from __future__ import annotations

from typing import Any

from recirc.core.permissions import sees_whole_city
from recirc.operators.contracts import MembershipRef, OperatorScope
from recirc.operators.models import Membership, Operator

NO_SCOPE = OperatorScope(city_wide=False, operator_ids=frozenset())
CITY_WIDE_SCOPE = OperatorScope(city_wide=True, operator_ids=frozenset())


def open_membership(user: Any) -> Membership | None:
    """The user's one open membership, with its operator, or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.select_related("operator").filter(user=user, ended_on__isnull=True).first()


def operator_scope(user: Any) -> OperatorScope:
    """City-wide roles see every operator; staff see their operator and, at a chain head, its branches."""
    if user is None or not getattr(user, "is_authenticated", False):
        return NO_SCOPE
    if sees_whole_city(user):
        return CITY_WIDE_SCOPE
    membership = Membership.objects.filter(user=user, ended_on__isnull=True).only("operator_id").first()
    if membership is None:
        return NO_SCOPE
    branch_ids = Operator.objects.filter(parent_id=membership.operator_id).values_list("id", flat=True)
    return OperatorScope(city_wide=False, operator_ids=frozenset({membership.operator_id, *branch_ids}))


def membership_of(user: Any) -> MembershipRef | None:
    membership = open_membership(user)
    if membership is None:
        return None
    return MembershipRef(user_id=user.pk, operator_id=membership.operator_id, operator_name=membership.operator.name,
                         outlet_id=membership.outlet_id, role=membership.role, membership_id=membership.pk)
