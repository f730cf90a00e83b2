"""Shared fixtures of the repairs tests: operator A with a clerk, two technicians, an inspector and a manager;
operator B with a technician; a consumer with a phone at A's counter, another consumer, a commerce regulator;
A's stock phone and sofa. And a snapshot of everything a refused request must leave unchanged."""

from __future__ import annotations

from typing import Any

import pytest

from recirc.core.models import AuditEvent
from recirc.core.roles import Role
from recirc.items.models import Item, ItemEvent
from recirc.items.tests.factories import OperatorFactory, OutletFactory, UserFactory, staff_member
from recirc.repairs.models import LabourEntry, QualityCheck, RepairPart, WorkOrder
from recirc.repairs.tests.factories import customer_phone, phone, sofa

ORDER_FIELDS = ("pk", "state", "diagnosis_notes", "quote_parts", "quote_labour", "quote_valid_until",
                "decided_by_id", "decision_note", "technician_id", "refurbishment_declared", "submitted_at",
                "completed_at", "cancelled_at", "cancel_reason")


def snapshot() -> tuple[Any, ...]:
    return (AuditEvent.objects.count(), WorkOrder.objects.count(), ItemEvent.objects.count(),
            list(WorkOrder.objects.order_by("pk").values_list(*ORDER_FIELDS)),
            list(RepairPart.objects.order_by("pk").values_list("pk", "kind", "origin", "brand")),
            list(LabourEntry.objects.order_by("pk").values_list("pk", "minutes")),
            list(QualityCheck.objects.order_by("pk").values_list("pk", "passed")),
            list(Item.objects.order_by("pk").values_list("pk", "state")))


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    operator_a, operator_b = OperatorFactory(name="甲回收"), OperatorFactory(name="乙回收")
    outlet_a = OutletFactory(operator=operator_a, name="甲回收文三路店")
    consumer = UserFactory(role=Role.CONSUMER, username="xiaoyu", display_name="小雨")
    people = {
        "clerk_a": staff_member(operator_a, outlet=outlet_a, username="clerk.a"),
        "technician_a": staff_member(operator_a, role=Role.TECHNICIAN, outlet=outlet_a, username="tech.zhang",
                                     display_name="张维修"),
        "technician_a2": staff_member(operator_a, role=Role.TECHNICIAN, username="tech.zhao", display_name="赵维修"),
        "inspector_a": staff_member(operator_a, role=Role.INSPECTOR, username="qc.li", display_name="李质检"),
        "manager_a": staff_member(operator_a, role=Role.OPERATOR_MANAGER, username="boss.chen",
                                  display_name="陈店长"),
        "technician_b": staff_member(operator_b, role=Role.TECHNICIAN, username="tech.b"),
        "manager_b": staff_member(operator_b, role=Role.OPERATOR_MANAGER, username="boss.b"),
        "consumer": consumer,
        "other_consumer": UserFactory(role=Role.CONSUMER, username="neighbour"),
        "regulator": UserFactory(role=Role.COMMERCE_REGULATOR, username="commerce"),
    }
    return {"operator_a": operator_a, "operator_b": operator_b, "outlet_a": outlet_a, **people,
            "phone": phone(operator_a, outlet=outlet_a), "sofa": sofa(operator_a, outlet=outlet_a),
            "customer_phone": customer_phone(consumer, outlet_a)}
