"""Staff memberships: which user works for which operator (and outlet) in which role."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from recirc.core.audit import audit_record
from recirc.core.errors import NotFound, PermissionDenied
from recirc.core.permissions import has_role
from recirc.core.roles import Role
from recirc.operators import rules
from recirc.operators.errors import (
    AlreadyMember,
    CannotEndOwnMembership,
    MarketRoleOutsideMarket,
    MembershipDatesInvalid,
    MembershipEnded,
    MembershipRoleMismatch,
    NotAStaffRole,
    OutletInactive,
    OutletNotOfOperator,
    UserUnknown,
)
from recirc.operators.models import STAFF_MEMBERSHIP_ROLES, Membership, Operator, Outlet
from recirc.operators.services._common import deny, locked_operator, require_active

STAFF_ROLE_VALUES = frozenset(value for value, _label in STAFF_MEMBERSHIP_ROLES)


def outlet_of(operator: Operator, outlet_id: int | None) -> Outlet | None:
    return None if outlet_id is None else required_outlet_of(operator, outlet_id)


def required_outlet_of(operator: Operator, outlet_id: int) -> Outlet:
    outlet = Outlet.objects.filter(pk=outlet_id, operator=operator).first()
    if outlet is None:
        raise OutletNotOfOperator(field="outlet_id")
    if not outlet.is_active:
        raise OutletInactive(field="outlet_id")
    return outlet


def _checked_user(user_id: int, role: str, operator: Operator) -> Any:
    if role not in STAFF_ROLE_VALUES:
        raise NotAStaffRole(field="role")
    user = get_user_model().objects.select_for_update().filter(pk=user_id, is_active=True).first()
    if user is None:
        raise UserUnknown(field="user_id")
    if user.role != role:
        raise MembershipRoleMismatch(field="role", params={"user_role": Role(user.role).label})
    if role == Role.MARKET_MANAGER and not rules.is_market(operator):
        raise MarketRoleOutsideMarket(field="role")
    if Membership.objects.filter(user=user, ended_on__isnull=True).exists():
        raise AlreadyMember(field="user_id")
    return user


@transaction.atomic
def membership_add(*, actor: Any, operator_id: int, user_id: int, role: str, outlet_id: int | None = None,
                   started_on: dt.date | None = None) -> Membership:
    """Add a staff member. The user's account role must equal the membership role."""
    if not rules.can_manage_staff(actor, operator_id):
        raise PermissionDenied()
    operator = locked_operator(operator_id)
    require_active(operator)
    user = _checked_user(user_id, role, operator)
    outlet = outlet_of(operator, outlet_id)
    membership = Membership(user=user, operator=operator, outlet=outlet, role=role,
                            started_on=started_on or timezone.localdate())
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as error:  # a concurrent add for the same user
        raise AlreadyMember(field="user_id") from error
    audit_record(actor=actor, action="membership.added", target=membership, operator_id=operator.pk,
                 payload={"user_id": user.pk, "role": role, "outlet_id": membership.outlet_id})
    return membership


@transaction.atomic
def membership_end(*, actor: Any, membership_id: int, ended_on: dt.date | None = None) -> Membership:
    membership = Membership.objects.select_for_update().filter(pk=membership_id).first()
    if membership is None:
        raise NotFound()
    if not rules.can_manage_staff(actor, membership.operator_id):
        deny(actor, membership.operator_id)
    if membership.ended_on is not None:
        raise MembershipEnded()
    if membership.user_id == actor.pk and not has_role(actor, Role.PLATFORM_ADMIN):
        raise CannotEndOwnMembership()
    ended_on = ended_on or timezone.localdate()
    if ended_on < membership.started_on:
        raise MembershipDatesInvalid(field="ended_on")
    membership.ended_on = ended_on
    membership.save(update_fields=["ended_on"])
    audit_record(actor=actor, action="membership.ended", target=membership, operator_id=membership.operator_id,
                 payload={"user_id": membership.user_id, "ended_on": ended_on.isoformat()})
    return membership
