from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from recirc.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from recirc.core.models import AuditEvent
from recirc.core.roles import Role
from recirc.operators.models import Membership, OperatorStatus, Outlet
from recirc.operators.services import (
    membership_add,
    membership_end,
    outlet_create,
    outlet_deactivate,
    outlet_update,
)
from recirc.operators.tests.factories import (
    MarketFactory,
    MembershipFactory,
    OperatorFactory,
    OutletFactory,
    UserFactory,
    staff_of,
)

pytestmark = pytest.mark.django_db


def make_actor(kind: str, operator: Any, anonymous: Any) -> Any:
    """The permission matrix's actors, relative to `operator`."""
    if kind == "anonymous":
        return anonymous
    if kind == "other_operators_manager":
        return staff_of(OperatorFactory(), role=Role.OPERATOR_MANAGER)
    if kind == "wrong_role":
        return staff_of(operator, role=Role.CLERK)
    if kind == "regulator":
        return UserFactory(role=Role.COMMERCE_REGULATOR)
    if kind == "right_role":
        return staff_of(operator, role=Role.OPERATOR_MANAGER)
    return UserFactory(role=Role.PLATFORM_ADMIN)


def create_outlet(actor: Any, operator: Any, **overrides: Any) -> Outlet:
    values = {"name": "文三路店", "district_code": "330106", "address": "杭州市西湖区文三路100号"}
    return outlet_create(actor=actor, operator_id=operator.pk, **(values | overrides))


class TestOutletCreate:
    @pytest.mark.parametrize("actor_kind", ["anonymous", "other_operators_manager", "wrong_role", "regulator"])
    def test_denied_actors_change_nothing(self, actor_kind: str, anonymous: Any, unchanged: Any) -> None:
        operator = OperatorFactory()
        actor = make_actor(actor_kind, operator, anonymous)
        before = unchanged()
        with pytest.raises(PermissionDenied):
            create_outlet(actor, operator)
        assert unchanged() == before

    @pytest.mark.parametrize("actor_kind", ["right_role", "platform_admin"])
    def test_own_manager_and_platform_admin_create_with_audit(self, actor_kind: str, anonymous: Any) -> None:
        operator = OperatorFactory()
        actor = make_actor(actor_kind, operator, anonymous)
        outlet = create_outlet(actor, operator, floor_area_m2=120)
        assert (outlet.operator, outlet.district.code, outlet.floor_area_m2, outlet.is_active) == (
            operator, "330106", 120, True)
        event = AuditEvent.objects.get(action="outlet.created")
        assert (event.actor, event.operator_id, event.target_id) == (actor, operator.pk, str(outlet.pk))

    def test_unknown_district_changes_nothing(self, platform_admin: Any, unchanged: Any) -> None:
        operator = OperatorFactory()
        before = unchanged()
        with pytest.raises(ValidationFailed) as caught:
            create_outlet(platform_admin, operator, district_code="999999")
        assert (caught.value.code, list(caught.value.errors)) == ("operators.district_unknown", ["district_code"])
        assert unchanged() == before

    def test_suspended_operator_cannot_open_outlets(self, platform_admin: Any) -> None:
        operator = OperatorFactory(status=OperatorStatus.SUSPENDED)
        with pytest.raises(Conflict) as caught:
            create_outlet(platform_admin, operator)
        assert caught.value.code == "operators.operator_not_active"


class TestOutletChanges:
    def test_manager_updates_and_deactivates_own_outlet(self) -> None:
        outlet = OutletFactory()
        manager = staff_of(outlet.operator, role=Role.OPERATOR_MANAGER)
        outlet_update(actor=manager, outlet_id=outlet.pk, opening_hours="09:00-21:00", district_code="330105")
        outlet_deactivate(actor=manager, outlet_id=outlet.pk)
        outlet.refresh_from_db()
        assert (outlet.opening_hours, outlet.district.code, outlet.is_active) == ("09:00-21:00", "330105", False)
        assert list(AuditEvent.objects.order_by("id").values_list("action", "operator_id")) == [
            ("outlet.updated", outlet.operator_id), ("outlet.deactivated", outlet.operator_id)]
        with pytest.raises(Conflict):
            outlet_deactivate(actor=manager, outlet_id=outlet.pk)

    def test_other_operators_manager_gets_not_found(self, unchanged: Any) -> None:
        outlet = OutletFactory()
        stranger = staff_of(OperatorFactory(), role=Role.OPERATOR_MANAGER)
        before = unchanged()
        with pytest.raises(NotFound):
            outlet_deactivate(actor=stranger, outlet_id=outlet.pk)
        assert unchanged() == before

    def test_clerk_of_the_operator_is_forbidden(self, unchanged: Any) -> None:
        outlet = OutletFactory()
        clerk = staff_of(outlet.operator, role=Role.CLERK)
        before = unchanged()
        with pytest.raises(PermissionDenied):
            outlet_update(actor=clerk, outlet_id=outlet.pk, name="Renamed")
        assert unchanged() == before


class TestMembershipAdd:
    @pytest.mark.parametrize("actor_kind", ["anonymous", "other_operators_manager", "wrong_role", "regulator"])
    def test_denied_actors_change_nothing(self, actor_kind: str, anonymous: Any, unchanged: Any) -> None:
        operator = OperatorFactory()
        actor = make_actor(actor_kind, operator, anonymous)
        newcomer = UserFactory(role=Role.CLERK)
        before = unchanged()
        with pytest.raises(PermissionDenied):
            membership_add(actor=actor, operator_id=operator.pk, user_id=newcomer.pk, role=Role.CLERK)
        assert unchanged() == before

    @pytest.mark.parametrize("actor_kind", ["right_role", "platform_admin"])
    def test_manager_and_platform_admin_add_staff(self, actor_kind: str, anonymous: Any) -> None:
        outlet = OutletFactory()
        actor = make_actor(actor_kind, outlet.operator, anonymous)
        newcomer = UserFactory(role=Role.INSPECTOR)
        membership = membership_add(actor=actor, operator_id=outlet.operator_id, user_id=newcomer.pk,
                                    role=Role.INSPECTOR, outlet_id=outlet.pk)
        assert (membership.user, membership.role, membership.outlet, membership.started_on) == (
            newcomer, "inspector", outlet, timezone.localdate())
        event = AuditEvent.objects.get(action="membership.added")
        assert event.operator_id == outlet.operator_id
        assert event.payload == {"user_id": newcomer.pk, "role": "inspector", "outlet_id": outlet.pk}

    @pytest.mark.parametrize("user_role, membership_role, code, field", [
        (Role.CONSUMER, Role.CLERK, "operators.membership_role_mismatch", "role"),
        (Role.INSPECTOR, Role.CLERK, "operators.membership_role_mismatch", "role"),
        (Role.POLICE, Role.POLICE, "operators.not_a_staff_role", "role"),
        (Role.MARKET_MANAGER, Role.MARKET_MANAGER, "operators.market_role_outside_market", "role"),
    ])
    def test_role_rules(self, platform_admin: Any, unchanged: Any, user_role: Role, membership_role: Role,
                        code: str, field: str) -> None:
        operator = OperatorFactory()
        user = UserFactory(role=user_role)
        before = unchanged()
        with pytest.raises(ValidationFailed) as caught:
            membership_add(actor=platform_admin, operator_id=operator.pk, user_id=user.pk, role=membership_role)
        assert (caught.value.code, list(caught.value.errors)) == (code, [field])
        assert unchanged() == before

    def test_market_manager_joins_a_market(self, platform_admin: Any) -> None:
        market = MarketFactory()
        user = UserFactory(role=Role.MARKET_MANAGER)
        membership = membership_add(actor=platform_admin, operator_id=market.pk, user_id=user.pk,
                                    role=Role.MARKET_MANAGER)
        assert membership.operator == market

    def test_user_with_an_open_membership_cannot_join_another(self, platform_admin: Any, unchanged: Any) -> None:
        clerk = staff_of(OperatorFactory(), role=Role.CLERK)
        other = OperatorFactory()
        before = unchanged()
        with pytest.raises(Conflict) as caught:
            membership_add(actor=platform_admin, operator_id=other.pk, user_id=clerk.pk, role=Role.CLERK)
        assert (caught.value.code, caught.value.field) == ("operators.already_member", "user_id")
        assert unchanged() == before

    def test_outlet_of_another_operator_is_refused(self, platform_admin: Any) -> None:
        operator = OperatorFactory()
        foreign_outlet = OutletFactory()
        user = UserFactory(role=Role.CLERK)
        with pytest.raises(ValidationFailed) as caught:
            membership_add(actor=platform_admin, operator_id=operator.pk, user_id=user.pk, role=Role.CLERK,
                           outlet_id=foreign_outlet.pk)
        assert (caught.value.code, list(caught.value.errors)) == ("operators.outlet_not_of_operator", ["outlet_id"])


class TestMembershipEnd:
    def test_ended_staff_can_be_hired_elsewhere(self, platform_admin: Any) -> None:
        # given a clerk whose membership a manager ends
        first = OperatorFactory()
        manager = staff_of(first, role=Role.OPERATOR_MANAGER)
        membership = MembershipFactory(operator=first, role=Role.CLERK, started_on=dt.date(2024, 1, 1))
        membership_end(actor=manager, membership_id=membership.pk)
        # when another operator hires them
        second = OperatorFactory()
        membership_add(actor=platform_admin, operator_id=second.pk, user_id=membership.user_id, role=Role.CLERK)
        # then the history keeps both and only the new one is open
        assert list(Membership.objects.filter(user=membership.user).order_by("id")
                    .values_list("operator_id", "ended_on")) == [(first.pk, timezone.localdate()), (second.pk, None)]
        assert AuditEvent.objects.filter(action="membership.ended", operator_id=first.pk).count() == 1

    def test_manager_cannot_end_own_membership(self, unchanged: Any) -> None:
        membership = MembershipFactory(role=Role.OPERATOR_MANAGER)
        before = unchanged()
        with pytest.raises(Conflict) as caught:
            membership_end(actor=membership.user, membership_id=membership.pk)
        assert caught.value.code == "operators.cannot_end_own_membership"
        assert unchanged() == before

    def test_other_operators_manager_gets_not_found(self, unchanged: Any) -> None:
        membership = MembershipFactory()
        stranger = staff_of(OperatorFactory(), role=Role.OPERATOR_MANAGER)
        before = unchanged()
        with pytest.raises(NotFound):
            membership_end(actor=stranger, membership_id=membership.pk)
        assert unchanged() == before
