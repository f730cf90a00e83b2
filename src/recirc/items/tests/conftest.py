"""Shared fixtures of the items tests."""

from __future__ import annotations

from typing import Any

import pytest

from recirc.core.models import AuditEvent
from recirc.core.roles import Role
from recirc.items.models import Item, ItemEvent, ItemHold, ItemIdentifier
from recirc.items.tests.factories import OperatorFactory, OutletFactory, UserFactory, staff_member


def snapshot() -> tuple[Any, ...]:
    """Everything a refused request must leave unchanged."""
    return (Item.objects.count(), ItemIdentifier.objects.count(), ItemEvent.objects.count(),
            AuditEvent.objects.count(), list(Item.objects.order_by("pk").values_list("pk", "state")),
            list(ItemHold.objects.order_by("pk").values_list("pk", "ends_at", "released_at", "release_reason")))


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    """Operator A (outlet a1) with a clerk, operator B with a clerk, a consumer, regulators."""
    operator_a, operator_b = OperatorFactory(name="甲回收"), OperatorFactory(name="乙回收")
    outlet_a = OutletFactory(operator=operator_a)
    return {
        "operator_a": operator_a, "operator_b": operator_b, "outlet_a": outlet_a,
        "outlet_b": OutletFactory(operator=operator_b),
        "clerk_a": staff_member(operator_a, outlet=outlet_a),
        "manager_a": staff_member(operator_a, role=Role.OPERATOR_MANAGER),
        "clerk_b": staff_member(operator_b),
        "consumer": UserFactory(role=Role.CONSUMER, username="wang.xiaoming", display_name="王小明",
                                phone_token="tok_phone_secret_1"),
        "regulator": UserFactory(role=Role.COMMERCE_REGULATOR),
        "police": UserFactory(role=Role.POLICE),
        "admin": UserFactory(role=Role.PLATFORM_ADMIN),
    }
