"""Shared fixtures of the trade tests: operator A (an outlet, a clerk, a manager, a technician), operator B with a
clerk, two consumers (a buyer and a C2C seller), a platform administrator, an inspector of an online platform, a
commerce regulator; A's two listed jackets, a C2C bookcase with platform inspection offered. And a snapshot of
everything a refused request must leave unchanged."""

from __future__ import annotations

from typing import Any

import pytest

from recirc.core.models import AuditEvent
from recirc.core.roles import Role
from recirc.items.models import Item, ItemEvent
from recirc.items.tests.factories import OperatorFactory, OutletFactory, UserFactory, staff_member
from recirc.listings.models import Listing
from recirc.operators.models import OperatorKind
from recirc.trade.models import Account, LedgerEntry, Order, Payment, Refund
from recirc.trade.tests.factories import consumer_item, published, stock_item


def snapshot() -> tuple[Any, ...]:
    return (AuditEvent.objects.count(), ItemEvent.objects.count(), LedgerEntry.objects.count(),
            Refund.objects.count(),
            list(Order.objects.order_by("pk").values_list("pk", "state", "paid_total", "refunded_total", "carrier")),
            list(Payment.objects.order_by("pk").values_list("pk", "state")),
            list(Account.objects.order_by("pk").values_list("code", "balance")),
            list(Item.objects.order_by("pk").values_list("pk", "state", "owner_user_id", "owner_operator_id")),
            list(Listing.objects.order_by("pk").values_list("pk", "status", "order_ref")))


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    operator_a, operator_b = OperatorFactory(name="甲二手"), OperatorFactory(name="乙二手")
    platform = OperatorFactory(name="城市循环平台", kind=OperatorKind.ONLINE_PLATFORM)
    outlet_a = OutletFactory(operator=operator_a, name="甲二手文三路店")
    people = {
        "clerk_a": staff_member(operator_a, outlet=outlet_a, username="clerk.a"),
        "manager_a": staff_member(operator_a, role=Role.OPERATOR_MANAGER, username="boss.a"),
        "technician_a": staff_member(operator_a, role=Role.TECHNICIAN, username="tech.a"),
        "clerk_b": staff_member(operator_b, username="clerk.b"),
        "platform_inspector": staff_member(platform, role=Role.INSPECTOR, username="yanhuo"),
        "buyer": UserFactory(role=Role.CONSUMER, username="buyer.li", display_name="小李"),
        "seller": UserFactory(role=Role.CONSUMER, username="seller.wang", display_name="老王"),
        "admin": UserFactory(role=Role.PLATFORM_ADMIN, username="admin"),
        "regulator": UserFactory(role=Role.COMMERCE_REGULATOR, username="commerce"),
    }
    jacket = stock_item(operator_a, outlet_a)
    coat = stock_item(operator_a, outlet_a, title="Wool coat 羊毛大衣")
    bookcase = consumer_item(people["seller"])
    return {
        "operator_a": operator_a, "operator_b": operator_b, "outlet_a": outlet_a, **people,
        "jacket": published(jacket, price="199.00", creator=people["clerk_a"], outlet=outlet_a),
        "coat": published(coat, price="350.50", creator=people["clerk_a"], outlet=outlet_a),
        "bookcase": published(bookcase, price="120.00", creator=people["seller"], inspection=True),
    }
