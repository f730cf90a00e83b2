"""Model rows to the frozen contracts that leave the context (see facade)."""

from __future__ import annotations

from recirc.operators.contracts import MembershipRef, OperatorRef, OutletRef, StallRef, TenancyRef
from recirc.operators.models import Membership, Operator, Outlet, Stall, StallTenancy


def operator_to_ref(operator: Operator) -> OperatorRef:
    return OperatorRef(id=operator.pk, name=operator.name, kind=operator.kind, status=operator.status,
                       credit_code=operator.credit_code, district_code=operator.district.code,
                       parent_id=operator.parent_id)


def outlet_to_ref(outlet: Outlet) -> OutletRef:
    return OutletRef(id=outlet.pk, name=outlet.name, operator_id=outlet.operator_id,
                     operator_name=outlet.operator.name, district_code=outlet.district.code,
                     district_name=outlet.district.name, kind=outlet.kind, is_active=outlet.is_active)


def membership_to_ref(membership: Membership) -> MembershipRef:
    return MembershipRef(user_id=membership.user_id, operator_id=membership.operator_id,
                         operator_name=membership.operator.name, outlet_id=membership.outlet_id,
                         role=membership.role, membership_id=membership.pk)


def stall_to_ref(stall: Stall) -> StallRef:
    return StallRef(id=stall.pk, market_id=stall.market_id, outlet_id=stall.outlet_id, code=stall.code,
                    monthly_rent=stall.monthly_rent)


def tenancy_to_ref(tenancy: StallTenancy) -> TenancyRef:
    return TenancyRef(id=tenancy.pk, stall_id=tenancy.stall_id, vendor_id=tenancy.vendor_id,
                      starts_on=tenancy.starts_on, ends_on=tenancy.ends_on)
