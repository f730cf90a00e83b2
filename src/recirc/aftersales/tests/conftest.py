"""Shared fixtures of the after-sales tests: operator A (an outlet, a clerk, a manager, a technician, an inspector)
and operator B with a clerk; a buyer, another consumer and a C2C seller; a moderator, a platform administrator and
a commerce regulator; A's jacket (90 days' warranty, 7 days' return) and coat, and a C2C bookcase. And a snapshot
of everything a refused request must leave unchanged."""

from __future__ import annotations

from typing import Any

import pytest

from recirc.aftersales.models import Dispute, DisputeStatement, Evidence, ReturnRequest, ServiceTicket, Warranty
from recirc.core.models import AuditEvent
from recirc.core.roles import Role
from recirc.items.models import Item
from recirc.items.tests.factories import OperatorFactory, OutletFactory, UserFactory, staff_member
from recirc.trade.models import LedgerEntry, Order, Refund
from recirc.trade.tests.factories import consumer_item, published, stock_item

CASE_FIELDS = ("pk", "state", "due_at", "overdue_at", "closed_at")


def snapshot() -> tuple[Any, ...]:
    return (AuditEvent.objects.count(), LedgerEntry.objects.count(), Refund.objects.count(),
            Evidence.objects.count(), DisputeStatement.objects.count(),
            list(Warranty.objects.order_by("pk").values_list("pk", "state", "buyer_id")),
            list(ReturnRequest.objects.order_by("pk").values_list(*CASE_FIELDS, "refund_number")),
            list(ServiceTicket.objects.order_by("pk").values_list(*CASE_FIELDS, "refund_number")),
            list(Dispute.objects.order_by("pk").values_list(*CASE_FIELDS, "refund_number")),
            list(Order.objects.order_by("pk").values_list("pk", "state", "refunded_total")),
            list(Item.objects.order_by("pk").values_list("pk", "state", "owner_user_id", "owner_operator_id")))


@pytest.fixture
def world(db: Any, settings: Any, tmp_path: Any) -> dict[str, Any]:
    settings.MEDIA_ROOT = str(tmp_path)
    operator_a, operator_b = OperatorFactory(name="甲二手"), OperatorFactory(name="乙二手")
    outlet_a = OutletFactory(operator=operator_a, name="甲二手文三路店")
    people = {
        "clerk_a": staff_member(operator_a, outlet=outlet_a, username="clerk.a"),
        "manager_a": staff_member(operator_a, role=Role.OPERATOR_MANAGER, username="boss.a"),
        "technician_a": staff_member(operator_a, role=Role.TECHNICIAN, username="tech.a"),
        "inspector_a": staff_member(operator_a, role=Role.INSPECTOR, username="qc.a"),
        "clerk_b": staff_member(operator_b, username="clerk.b"),
        "buyer": UserFactory(role=Role.CONSUMER, username="buyer.li", display_name="小李"),
        "other_consumer": UserFactory(role=Role.CONSUMER, username="neighbour"),
        "seller": UserFactory(role=Role.CONSUMER, username="seller.wang", display_name="老王"),
        "moderator": UserFactory(role=Role.MODERATOR, username="moderator"),
        "admin": UserFactory(role=Role.PLATFORM_ADMIN, username="admin"),
        "regulator": UserFactory(role=Role.COMMERCE_REGULATOR, username="commerce"),
    }
    return {
        "operator_a": operator_a, "operator_b": operator_b, "outlet_a": outlet_a, **people,
        "jacket": published(stock_item(operator_a, outlet_a), price="199.00", creator=people["clerk_a"],
                            outlet=outlet_a),
        "coat": published(stock_item(operator_a, outlet_a, title="Wool coat 羊毛大衣"), price="350.50",
                          creator=people["clerk_a"], outlet=outlet_a, return_window_days=0),
        "bookcase": published(consumer_item(people["seller"]), price="120.00", creator=people["seller"],
                              warranty_days=0),
    }
