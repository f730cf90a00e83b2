"""Shared fixtures of the inspection tests: operator A (inspector, manager, technician, clerk), operator B
(inspector, clerk), market supervision, the police, a consumer; and a snapshot of everything a refused
request must leave unchanged."""

from __future__ import annotations

from typing import Any

import pytest

from recirc.core.models import AuditEvent
from recirc.core.roles import Role
from recirc.inspection.models import CounterfeitReferral, GradeRecord, Inspection, InspectionReport
from recirc.inspection.tests.factories import OperatorFactory, OutletFactory, UserFactory, staff_member
from recirc.items.models import Item, ItemEvent


def snapshot() -> tuple[Any, ...]:
    return (AuditEvent.objects.count(), ItemEvent.objects.count(), InspectionReport.objects.count(),
            GradeRecord.objects.count(), Item.objects.count(),
            list(Inspection.objects.order_by("pk").values_list("pk", "status", "outcome", "answers")),
            list(CounterfeitReferral.objects.order_by("pk").values_list("pk", "status", "outcome", "case_number")))


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    operator_a, operator_b = OperatorFactory(name="甲回收"), OperatorFactory(name="乙回收")
    outlet_a = OutletFactory(operator=operator_a)
    return {
        "operator_a": operator_a, "operator_b": operator_b, "outlet_a": outlet_a,
        "clerk_a": staff_member(operator_a, outlet=outlet_a),
        "inspector_a": staff_member(operator_a, role=Role.INSPECTOR, outlet=outlet_a, username="inspector.a"),
        "manager_a": staff_member(operator_a, role=Role.OPERATOR_MANAGER),
        "technician_a": staff_member(operator_a, role=Role.TECHNICIAN),
        "clerk_b": staff_member(operator_b),
        "inspector_b": staff_member(operator_b, role=Role.INSPECTOR, username="inspector.b"),
        "supervision": UserFactory(role=Role.MARKET_SUPERVISION, username="supervision"),
        "police": UserFactory(role=Role.POLICE),
        "consumer": UserFactory(role=Role.CONSUMER),
    }
