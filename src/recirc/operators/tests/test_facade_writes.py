"""Other contexts (the demo city, portals) write through the facade and get frozen contracts back."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from recirc.core.roles import Role
from recirc.operators import facade
from recirc.operators.contracts import MembershipRef, OperatorRef, OutletRef, StallRef, TenancyRef
from recirc.operators.tests.factories import UserFactory, valid_credit_code

pytestmark = pytest.mark.django_db


def test_a_market_is_built_through_the_facade(platform_admin: Any) -> None:
    market = facade.operator_register(actor=platform_admin, kind="transaction_market", name="萧山旧货市场",
                                      credit_code=valid_credit_code(90), district_code="330109")
    vendor = facade.operator_register(actor=platform_admin, kind="individual_operator", name="王记旧货",
                                      credit_code=valid_credit_code(91), district_code="330109")
    hall = facade.outlet_create(actor=platform_admin, operator_id=market.id, name="一号馆", kind="market",
                                district_code="330109", address="萧山区市心路1号")
    manager = UserFactory(role=Role.MARKET_MANAGER)
    membership = facade.membership_add(actor=platform_admin, operator_id=market.id, user_id=manager.pk,
                                       role=Role.MARKET_MANAGER, outlet_id=hall.id)
    stall = facade.stall_create(actor=manager, market_id=market.id, outlet_id=hall.id, code="A-01", area_m2=8,
                                monthly_rent=600)
    tenancy = facade.stall_tenancy_start(actor=manager, stall_id=stall.id, vendor_id=vendor.id,
                                         starts_on=dt.date(2031, 1, 1))
    assert market == OperatorRef(id=market.id, name="萧山旧货市场", kind="transaction_market", status="active",
                                 credit_code=valid_credit_code(90), district_code="330109", parent_id=None)
    assert hall == OutletRef(id=hall.id, name="一号馆", operator_id=market.id, operator_name="萧山旧货市场",
                             district_code="330109", district_name="萧山区", kind="market", is_active=True)
    assert membership == MembershipRef(user_id=manager.pk, operator_id=market.id, operator_name="萧山旧货市场",
                                       outlet_id=hall.id, role="market_manager",
                                       membership_id=membership.membership_id)
    assert stall == StallRef(id=stall.id, market_id=market.id, outlet_id=hall.id, code="A-01",
                             monthly_rent=Decimal("600.00"))
    assert tenancy == TenancyRef(id=tenancy.id, stall_id=stall.id, vendor_id=vendor.id,
                                 starts_on=dt.date(2031, 1, 1), ends_on=None)
    assert all(dataclasses.is_dataclass(ref) for ref in (market, hall, membership, stall, tenancy))
    ended = facade.stall_tenancy_end(actor=manager, tenancy_id=tenancy.id, ends_on=dt.date(2031, 3, 31))
    assert ended.ends_on == dt.date(2031, 3, 31)
    suspended = facade.operator_change_status(actor=platform_admin, operator_id=vendor.id, status="suspended")
    assert suspended.status == "suspended"
