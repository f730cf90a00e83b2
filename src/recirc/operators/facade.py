"""The only module other contexts import from operators."""

from __future__ import annotations

from typing import Any

from recirc.core.errors import NotFound
from recirc.core.permissions import sees_whole_city
from recirc.operators.contracts import MembershipRef, OperatorScope, OutletRef
from recirc.operators.models import Membership, Operator, Outlet

NO_SCOPE = OperatorScope(city_wide=False, operator_ids=frozenset())


def operator_scope(user: Any) -> OperatorScope:
    """City-wide roles see every operator; staff see their operator and, at a chain head, its branches."""
    if user is None or not user.is_authenticated:
        return NO_SCOPE
    if sees_whole_city(user):
        return OperatorScope(city_wide=True, operator_ids=frozenset())
    membership = Membership.objects.filter(user=user, ended_on__isnull=True).only("operator_id").first()
    if membership is None:
        return NO_SCOPE
    branch_ids = Operator.objects.filter(parent_id=membership.operator_id).values_list("id", flat=True)
    return OperatorScope(city_wide=False, operator_ids=frozenset({membership.operator_id, *branch_ids}))


def membership_of(user: Any) -> MembershipRef | None:
    if user is None or not user.is_authenticated:
        return None
    membership = (Membership.objects.select_related("operator")
                  .filter(user=user, ended_on__isnull=True).first())
    if membership is None:
        return None
    return MembershipRef(user_id=user.pk, operator_id=membership.operator_id, operator_name=membership.operator.name,
                         outlet_id=membership.outlet_id, role=membership.role)


def outlet_ref(outlet_id: int, *, scope: OperatorScope) -> OutletRef:
    """The outlet as a contract, or NotFound when it is missing or outside the scope."""
    outlet = Outlet.objects.select_related("operator", "district").filter(pk=outlet_id).first()
    if outlet is None or not scope.allows(outlet.operator_id):
        raise NotFound()
    return OutletRef(id=outlet.pk, name=outlet.name, operator_id=outlet.operator_id,
                     operator_name=outlet.operator.name, district_code=outlet.district.code,
                     district_name=outlet.district.name)
