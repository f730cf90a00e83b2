"""Fixtures of the supervision tests: two operators in real Hangzhou districts with their staff, every
regulator, an administrator, a consumer; helpers to submit rows and to snapshot what a refusal must not change."""

from __future__ import annotations

from typing import Any

import pytest

from recirc.core.models import AuditEvent
from recirc.core.roles import Role
from recirc.items.tests.factories import OperatorFactory, OutletFactory, UserFactory, staff_member
from recirc.operators.models import District
from recirc.supervision import models as supervision

SUPERVISION_MODELS = (supervision.TransactionRecord, supervision.SubmittedAcquisition, supervision.SubmittedEntity,
                      supervision.Submission, supervision.DirtyDay, supervision.PilotGoal, supervision.PlanReport,
                      supervision.Case, supervision.CaseEvent, supervision.CaseEvidence, supervision.TransactionDaily,
                      supervision.TransactionMonthly, supervision.ActivityDaily)


def snapshot() -> dict[str, Any]:
    """Every supervision table's rows (as values) and the audit count: a refused request leaves them alone."""
    state: dict[str, Any] = {model.__name__: sorted(map(str, model.objects.values_list()))
                             for model in SUPERVISION_MODELS}
    state["audit"] = AuditEvent.objects.count()
    return state


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    """Operator A (西湖区, outlet a1) with a manager and a clerk; operator B (滨江区) with a manager; a market
    manager at B; the commerce regulator, police, market supervision, an administrator and a consumer."""
    xihu, binjiang = District.objects.get(code="330106"), District.objects.get(code="330108")
    operator_a = OperatorFactory(name="甲回收", district=xihu)
    operator_b = OperatorFactory(name="乙回收", district=binjiang)
    outlet_a = OutletFactory(operator=operator_a, name="甲一店", district=xihu)
    return {
        "operator_a": operator_a, "operator_b": operator_b, "outlet_a": outlet_a,
        "manager_a": staff_member(operator_a, role=Role.OPERATOR_MANAGER, username="manager_a"),
        "clerk_a": staff_member(operator_a, outlet=outlet_a, username="clerk_a"),
        "manager_b": staff_member(operator_b, role=Role.OPERATOR_MANAGER, username="manager_b"),
        "regulator": UserFactory(role=Role.COMMERCE_REGULATOR, username="regulator"),
        "police": UserFactory(role=Role.POLICE, username="police"),
        "supervision": UserFactory(role=Role.MARKET_SUPERVISION, username="supervision"),
        "admin": UserFactory(role=Role.PLATFORM_ADMIN, username="admin"),
        "consumer": UserFactory(role=Role.CONSUMER, username="consumer"),
    }


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


def transaction_row(key: str, *, occurred_at: str = "2025-03-08 14:20", district: str = "330106",
                    category: str = "mobile-phones", channel: str = "store", method: str = "sale",
                    amount: str = "1000.00", quantity: str = "1", acquired_on: str = "") -> dict[str, str]:
    return {"key": key, "occurred_at": occurred_at, "district_code": district, "category_code": category,
            "channel": channel, "method": method, "amount": amount, "quantity": quantity, "acquired_on": acquired_on}


def numbered(rows: list[dict[str, str]]) -> list[tuple[int, dict[str, str]]]:
    return list(enumerate(rows, start=2))
