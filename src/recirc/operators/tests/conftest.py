"""Fixtures of the operators tests: actors by role, and a snapshot to prove that nothing changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from recirc.core.models import AuditEvent
from recirc.core.roles import Role
from recirc.operators.models import District, Membership, Operator, Outlet, Stall, StallTenancy
from recirc.operators.tests.factories import UserFactory
from recirc.privacy.models import VaultRecord

SNAPSHOT_MODELS = (AuditEvent, District, Operator, Outlet, Membership, Stall, StallTenancy, VaultRecord)


def snapshot() -> dict[str, Any]:
    """Row counts and the newest audit id: equal before and after means nothing was written."""
    counts: dict[str, Any] = {model.__name__: model.objects.count() for model in SNAPSHOT_MODELS}
    counts["last_audit_id"] = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    counts["statuses"] = sorted(Operator.objects.values_list("id", "status"))
    counts["open_memberships"] = sorted(Membership.objects.filter(ended_on__isnull=True).values_list("id", flat=True))
    counts["tenancy_ends"] = sorted(StallTenancy.objects.values_list("id", "ends_on"))
    return counts


@pytest.fixture
def unchanged() -> Callable[[], dict[str, Any]]:
    return snapshot


@pytest.fixture
def anonymous() -> AnonymousUser:
    return AnonymousUser()


@pytest.fixture
def platform_admin(db: None) -> Any:
    return UserFactory(role=Role.PLATFORM_ADMIN, username="admin")


@pytest.fixture
def regulator(db: None) -> Any:
    return UserFactory(role=Role.COMMERCE_REGULATOR, username="regulator")


@pytest.fixture
def consumer(db: None) -> Any:
    return UserFactory(role=Role.CONSUMER, username="consumer")
