"""Shared fixtures of the valuation tests: two operators with their staff, the regulators, the platform
administrator, a consumer; a snapshot of everything a refused request must leave unchanged."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from recirc.core.models import AuditEvent
from recirc.core.roles import Role
from recirc.valuation import artifacts
from recirc.valuation.models import PriceObservation, ValuationModel
from recirc.valuation.tests.factories import OperatorFactory, UserFactory, staff_of

BACKEND = "django.contrib.auth.backends.ModelBackend"


def snapshot() -> tuple[Any, ...]:
    return (AuditEvent.objects.count(), PriceObservation.objects.count(),
            list(ValuationModel.objects.order_by("pk").values_list("pk", "is_active")))


@pytest.fixture(autouse=True)
def _fresh_model_cache() -> Iterator[None]:
    artifacts.forget()
    yield
    artifacts.forget()


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    operator_a, operator_b = OperatorFactory(name="甲回收"), OperatorFactory(name="乙回收")
    return {
        "operator_a": operator_a, "operator_b": operator_b,
        "clerk_a": staff_of(operator_a, Role.CLERK),
        "inspector_a": staff_of(operator_a, Role.INSPECTOR),
        "manager_a": staff_of(operator_a, Role.OPERATOR_MANAGER),
        "manager_b": staff_of(operator_b, Role.OPERATOR_MANAGER),
        "admin": UserFactory(role=Role.PLATFORM_ADMIN, username="admin.wang"),
        "regulator": UserFactory(role=Role.COMMERCE_REGULATOR, username="commerce.zhao"),
        "police": UserFactory(role=Role.POLICE, username="officer.li"),
        "moderator": UserFactory(role=Role.MODERATOR, username="moderator.wu"),
        "consumer": UserFactory(role=Role.CONSUMER, username="resident.xu"),
    }


def client_for(world: dict[str, Any], key: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if key != "anonymous":
        client.force_login(world[key], backend=BACKEND)
    return client


@pytest.fixture(autouse=True)
def _small_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests train on a hundred rows: the smallest search keeps each training to a second or two."""
    from recirc.valuation import learning

    monkeypatch.setattr(learning.SearchGrid, "quick", classmethod(lambda cls: cls(
        knots=(4,), interactions=(True,), depths=(2,), learning_rate=0.1, max_trees=60, folds=3)))
