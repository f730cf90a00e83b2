"""Shared fixtures of the auctions tests: operator A (manager, clerk, inspector, technician) with a published
phone listing and a published bookcase listing, operator B's manager, three consumers and a commerce
regulator. Photos go to a temporary MEDIA_ROOT."""

from __future__ import annotations

from typing import Any

import pytest

from recirc.core.roles import Role
from recirc.items.tests.factories import OperatorFactory, OutletFactory, UserFactory, staff_member
from recirc.listings.tests.factories import inspected, published, stock_bookcase


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    operator_a, operator_b = OperatorFactory(name="甲回收"), OperatorFactory(name="乙回收")
    outlet_a = OutletFactory(operator=operator_a, name="甲回收文三路店")
    world: dict[str, Any] = {
        "operator_a": operator_a, "operator_b": operator_b,
        "manager_a": staff_member(operator_a, role=Role.OPERATOR_MANAGER, username="boss.a"),
        "clerk_a": staff_member(operator_a, outlet=outlet_a, username="clerk.a"),
        "inspector_a": staff_member(operator_a, role=Role.INSPECTOR, username="qc.a"),
        "technician_a": staff_member(operator_a, role=Role.TECHNICIAN, username="tech.a"),
        "manager_b": staff_member(operator_b, role=Role.OPERATOR_MANAGER, username="boss.b"),
        "alice": UserFactory(role=Role.CONSUMER, username="alice"),
        "bob": UserFactory(role=Role.CONSUMER, username="bob"),
        "carol": UserFactory(role=Role.CONSUMER, username="carol"),
        "regulator": UserFactory(role=Role.COMMERCE_REGULATOR, username="commerce"),
    }
    world["phone"] = published(world)
    world["bookcase"] = published(world, inspected(world, stock_bookcase(world)), price="450.00")
    return world
