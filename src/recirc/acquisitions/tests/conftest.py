"""Shared fixtures of the register tests: two operators with staff, a consumer, regulators, and snapshots."""

from __future__ import annotations

from typing import Any

import pytest

from recirc.acquisitions.models import AcquisitionEntry, AcquisitionPhoto
from recirc.core.hashchain import ChainHead
from recirc.core.models import AuditEvent
from recirc.core.roles import Role
from recirc.items.models import Item, ItemEvent, ItemHold, ItemIdentifier
from recirc.items.tests.factories import OperatorFactory, OutletFactory, UserFactory, staff_member
from recirc.privacy.models import RevealLog, VaultRecord


def snapshot() -> dict[str, Any]:
    """Everything a refused intake must leave unchanged."""
    return {
        "entries": AcquisitionEntry.objects.count(), "items": Item.objects.count(),
        "identifiers": ItemIdentifier.objects.count(), "item_events": ItemEvent.objects.count(),
        "holds": ItemHold.objects.count(), "vault": VaultRecord.objects.count(),
        "audit": AuditEvent.objects.count(), "chain_heads": list(ChainHead.objects.order_by("pk").values_list(
            "chain_name", "chain_key", "length", "head_hash")),
        "photos": AcquisitionPhoto.objects.count(), "reveals": RevealLog.objects.count(),
    }


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    """Operator A (outlets a1, a2) with a clerk at a1, a manager and an inspector; operator B with a clerk at b1;
    a consumer, a police officer, a commerce regulator, a market supervisor and an administrator."""
    operator_a, operator_b = OperatorFactory(name="甲回收"), OperatorFactory(name="乙回收")
    outlet_a, outlet_a2 = OutletFactory(operator=operator_a, name="甲一店"), OutletFactory(operator=operator_a,
                                                                                       name="甲二店")
    outlet_b = OutletFactory(operator=operator_b, name="乙一店")
    return {
        "operator_a": operator_a, "operator_b": operator_b, "outlet_a": outlet_a, "outlet_a2": outlet_a2,
        "outlet_b": outlet_b,
        "clerk_a": staff_member(operator_a, outlet=outlet_a, username="clerk_a"),
        "manager_a": staff_member(operator_a, role=Role.OPERATOR_MANAGER, username="manager_a"),
        "inspector_a": staff_member(operator_a, role=Role.INSPECTOR, username="inspector_a"),
        "clerk_b": staff_member(operator_b, outlet=outlet_b, username="clerk_b"),
        "manager_b": staff_member(operator_b, role=Role.OPERATOR_MANAGER, username="manager_b"),
        "consumer": UserFactory(role=Role.CONSUMER, username="consumer"),
        "police": UserFactory(role=Role.POLICE, username="police"),
        "regulator": UserFactory(role=Role.COMMERCE_REGULATOR, username="regulator"),
        "supervision": UserFactory(role=Role.MARKET_SUPERVISION, username="supervision"),
        "admin": UserFactory(role=Role.PLATFORM_ADMIN, username="admin"),
    }


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
