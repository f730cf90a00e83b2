"""Shared fixtures of the policing tests: a city with two operators, their clerks, the police and a
commerce regulator; a snapshot of everything a refused request must leave unchanged."""

from __future__ import annotations

from typing import Any

import pytest

from recirc.core.models import AuditEvent
from recirc.core.roles import Role
from recirc.items.models import Item, ItemHold
from recirc.policing.models import Alert, CaseNote, ScreeningRecord, WatchlistEntry, WatchlistIdentifier, WatchlistToken
from recirc.policing.tests.factories import OperatorFactory, OutletFactory, UserFactory, staff_member


def snapshot() -> tuple[Any, ...]:
    return (AuditEvent.objects.count(), WatchlistEntry.objects.count(), WatchlistIdentifier.objects.count(),
            WatchlistToken.objects.count(), ScreeningRecord.objects.count(), CaseNote.objects.count(),
            list(WatchlistEntry.objects.order_by("pk").values_list("pk", "status")),
            list(Alert.objects.order_by("pk").values_list("pk", "status", "hold_id")),
            list(Item.objects.order_by("pk").values_list("pk", "state")),
            list(ItemHold.objects.order_by("pk").values_list("pk", "ends_at", "released_at")))


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    operator_a, operator_b = OperatorFactory(name="甲回收"), OperatorFactory(name="乙回收")
    outlet_a = OutletFactory(operator=operator_a)
    return {
        "operator_a": operator_a, "operator_b": operator_b, "outlet_a": outlet_a,
        "clerk_a": staff_member(operator_a, outlet=outlet_a),
        "clerk_b": staff_member(operator_b),
        "police": UserFactory(role=Role.POLICE, username="officer.li"),
        "regulator": UserFactory(role=Role.COMMERCE_REGULATOR),
        "consumer": UserFactory(role=Role.CONSUMER),
    }
