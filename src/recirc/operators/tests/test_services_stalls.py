from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from recirc.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from recirc.core.models import AuditEvent
from recirc.core.roles import Role
from recirc.operators.models import OperatorKind, OperatorStatus, StallTenancy
from recirc.operators.services import stall_create, stall_tenancy_end, stall_tenancy_start
from recirc.operators.tests.factories import (
    MarketFactory,
    OperatorFactory,
    OutletFactory,
    StallFactory,
    StallTenancyFactory,
    UserFactory,
    staff_of,
)

pytestmark = pytest.mark.django_db

JAN_1, JUN_30, JUL_1, DEC_31 = dt.date(2031, 1, 1), dt.date(2031, 6, 30), dt.date(2031, 7, 1), dt.date(2031, 12, 31)


@pytest.fixture
def stall() -> Any:
    return StallFactory()


@pytest.fixture
def vendor() -> Any:
    return OperatorFactory(kind=OperatorKind.INDIVIDUAL_OPERATOR)


def actor_for(kind: str, market: Any, anonymous: Any) -> Any:
    return {
        "anonymous": lambda: anonymous,
        "other_markets_manager": lambda: staff_of(MarketFactory(), role=Role.MARKET_MANAGER),
        "wrong_role": lambda: staff_of(market, role=Role.CLERK),
        "right_role": lambda: staff_of(market, role=Role.MARKET_MANAGER),
    }[kind]()


class TestTenancyPermissions:
    @pytest.mark.parametrize("actor_kind, error", [("anonymous", NotFound), ("other_markets_manager", NotFound),
                                                   ("wrong_role", PermissionDenied)])
    def test_denied_actors_change_nothing(self, actor_kind: str, error: type[Exception], stall: Any, vendor: Any,
                                          anonymous: Any, unchanged: Any) -> None:
        actor = actor_for(actor_kind, stall.market, anonymous)
        before = unchanged()
        with pytest.raises(error):
            stall_tenancy_start(actor=actor, stall_id=stall.pk, vendor_id=vendor.pk, starts_on=JAN_1)
        assert unchanged() == before

    def test_market_manager_lets_a_stall_with_audit(self, stall: Any, vendor: Any, anonymous: Any) -> None:
        manager = actor_for("right_role", stall.market, anonymous)
        tenancy = stall_tenancy_start(actor=manager, stall_id=stall.pk, vendor_id=vendor.pk, starts_on=JAN_1,
                                      ends_on=JUN_30)
        assert (tenancy.stall, tenancy.vendor, tenancy.starts_on, tenancy.ends_on) == (stall, vendor, JAN_1, JUN_30)
        event = AuditEvent.objects.get(action="stall_tenancy.started")
        assert event.operator_id == stall.market_id
        assert event.payload == {"stall_id": stall.pk, "vendor_id": vendor.pk, "starts_on": "2031-01-01",
                                 "ends_on": "2031-06-30"}

    @pytest.mark.parametrize("actor_kind", ["anonymous", "other_markets_manager", "wrong_role"])
    def test_ending_is_denied_too(self, actor_kind: str, anonymous: Any, unchanged: Any) -> None:
        tenancy = StallTenancyFactory(starts_on=JAN_1)
        actor = actor_for(actor_kind, tenancy.stall.market, anonymous)
        before = unchanged()
        with pytest.raises((NotFound, PermissionDenied)):
            stall_tenancy_end(actor=actor, tenancy_id=tenancy.pk, ends_on=JUN_30)
        assert unchanged() == before


class TestOverlap:
    @pytest.mark.parametrize("existing, new", [
        ((JAN_1, None), (JUL_1, None)),          # open-ended tenancy covers everything after it starts
        ((JAN_1, JUN_30), (JUN_30, DEC_31)),     # ends and starts on the same day: both hold that day
        ((JUL_1, DEC_31), (JAN_1, None)),        # a new open-ended tenancy would run into a later one
        ((JUL_1, DEC_31), (JAN_1, JUL_1)),
    ])
    def test_overlapping_tenancies_are_refused(self, stall: Any, vendor: Any, platform_admin: Any, unchanged: Any,
                                               existing: tuple[Any, Any], new: tuple[Any, Any]) -> None:
        StallTenancyFactory(stall=stall, starts_on=existing[0], ends_on=existing[1])
        before = unchanged()
        with pytest.raises(Conflict) as caught:
            stall_tenancy_start(actor=platform_admin, stall_id=stall.pk, vendor_id=vendor.pk, starts_on=new[0],
                                ends_on=new[1])
        assert (caught.value.code, caught.value.field) == ("operators.tenancy_overlap", "starts_on")
        assert unchanged() == before

    def test_consecutive_tenancies_are_fine(self, stall: Any, vendor: Any, platform_admin: Any) -> None:
        StallTenancyFactory(stall=stall, starts_on=JAN_1, ends_on=JUN_30)
        stall_tenancy_start(actor=platform_admin, stall_id=stall.pk, vendor_id=vendor.pk, starts_on=JUL_1)
        assert StallTenancy.objects.filter(stall=stall).count() == 2

    def test_overlap_message_is_translated(self, stall: Any, vendor: Any, platform_admin: Any) -> None:
        from django.utils import translation

        StallTenancyFactory(stall=stall, starts_on=JAN_1)
        with translation.override("en"), pytest.raises(Conflict) as caught:
            stall_tenancy_start(actor=platform_admin, stall_id=stall.pk, vendor_id=vendor.pk, starts_on=JUL_1)
        with translation.override("en"):
            assert caught.value.text() == ("The stall is already let for part of this period; "
                                           "end the current tenancy first.")

    def test_ending_frees_the_stall(self, stall: Any, vendor: Any) -> None:
        manager = staff_of(stall.market, role=Role.MARKET_MANAGER)
        tenancy = StallTenancyFactory(stall=stall, starts_on=JAN_1)
        stall_tenancy_end(actor=manager, tenancy_id=tenancy.pk, ends_on=JUN_30)
        stall_tenancy_start(actor=manager, stall_id=stall.pk, vendor_id=vendor.pk, starts_on=JUL_1)
        assert list(StallTenancy.objects.filter(stall=stall).order_by("starts_on")
                    .values_list("starts_on", "ends_on")) == [(JAN_1, JUN_30), (JUL_1, None)]

    @pytest.mark.parametrize("starts_on, ends_on, vendor_status, code, field", [
        (JUL_1, JUN_30, OperatorStatus.ACTIVE, "operators.tenancy_dates_invalid", "ends_on"),
        (JAN_1, None, OperatorStatus.SUSPENDED, "operators.vendor_not_active", "vendor_id"),
    ])
    def test_bad_input(self, stall: Any, platform_admin: Any, unchanged: Any, starts_on: Any, ends_on: Any,
                       vendor_status: str, code: str, field: str) -> None:
        vendor = OperatorFactory(status=vendor_status)
        before = unchanged()
        with pytest.raises(ValidationFailed) as caught:
            stall_tenancy_start(actor=platform_admin, stall_id=stall.pk, vendor_id=vendor.pk, starts_on=starts_on,
                                ends_on=ends_on)
        assert (caught.value.code, list(caught.value.errors)) == (code, [field])
        assert unchanged() == before


class TestStallCreate:
    def test_market_manager_creates_a_stall(self) -> None:
        market = MarketFactory()
        hall = OutletFactory(operator=market)
        manager = staff_of(market, role=Role.MARKET_MANAGER)
        stall = stall_create(actor=manager, market_id=market.pk, outlet_id=hall.pk, code=" B-01 ",
                             area_m2=Decimal("4.50"), monthly_rent="600")
        assert (stall.code, stall.monthly_rent, stall.market) == ("B-01", Decimal("600.00"), market)
        assert AuditEvent.objects.get(action="stall.created").operator_id == market.pk

    @pytest.mark.parametrize("role", [Role.OPERATOR_MANAGER, Role.CLERK])
    def test_other_staff_roles_are_denied(self, role: Role, unchanged: Any) -> None:
        market = MarketFactory()
        hall = OutletFactory(operator=market)
        actor = staff_of(market, role=role)
        before = unchanged()
        with pytest.raises(PermissionDenied):
            stall_create(actor=actor, market_id=market.pk, outlet_id=hall.pk, code="B-02")
        assert unchanged() == before

    def test_only_markets_have_stalls(self, platform_admin: Any) -> None:
        shop = OperatorFactory()
        outlet = OutletFactory(operator=shop)
        with pytest.raises(ValidationFailed) as caught:
            stall_create(actor=platform_admin, market_id=shop.pk, outlet_id=outlet.pk, code="B-03")
        assert (caught.value.code, list(caught.value.errors)) == ("operators.not_a_market", ["market_id"])

    def test_duplicate_stall_number(self, stall: Any, platform_admin: Any, unchanged: Any) -> None:
        before = unchanged()
        with pytest.raises(ValidationFailed) as caught:
            stall_create(actor=platform_admin, market_id=stall.market_id, outlet_id=stall.outlet_id, code=stall.code)
        assert (caught.value.code, list(caught.value.errors)) == ("operators.stall_code_taken", ["code"])
        assert unchanged() == before

    def test_regulator_cannot_create_stalls(self) -> None:
        market = MarketFactory()
        hall = OutletFactory(operator=market)
        with pytest.raises(PermissionDenied):
            stall_create(actor=UserFactory(role=Role.COMMERCE_REGULATOR), market_id=market.pk, outlet_id=hall.pk,
                         code="C-1")
