"""audit_record() writes exactly one AuditEvent inside the caller's transaction (invariant 6)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from recirc.core.audit import audit_record
from recirc.core.hashchain import ChainHead
from recirc.core.models import AuditEvent
from recirc.core.roles import Role


@pytest.fixture
def clerk(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user(username="clerk-li", password="x", role=Role.CLERK)


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_nothing_is_written() -> None:
    with pytest.raises(RuntimeError, match=r"must run inside transaction\.atomic"):
        audit_record(actor=None, action="core.tested")

    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_exactly_one_event_names_actor_action_and_target(clerk: Any) -> None:
    target = ChainHead.objects.create(chain_name="core.example", chain_key="outlet-7")

    with transaction.atomic():
        event = audit_record(actor=clerk, action="acquisitions.recorded", target=target, operator_id=42,
                             payload={"price": Decimal("1299.50"), "lines": [Decimal("1.10"), 2],
                                      "at": dt.date(2025, 3, 1), "masked_phone": "138****5678"})

    stored = AuditEvent.objects.get()
    assert stored.pk == event.pk
    assert (stored.actor_id, stored.actor_label, stored.action) == (clerk.pk, "clerk-li", "acquisitions.recorded")
    assert (stored.target_type, stored.target_id, stored.operator_id) == ("core.chainhead", str(target.pk), 42)
    assert stored.payload == {"price": "1299.50", "lines": ["1.10", 2], "at": "2025-03-01",
                              "masked_phone": "138****5678"}
    assert stored.occurred_at is not None


@pytest.mark.django_db(transaction=True)
def test_the_event_rolls_back_with_the_change_it_records(clerk: Any) -> None:
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        audit_record(actor=clerk, action="trade.paid")
        _ = 1 / 0

    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("actor", [None, AnonymousUser()], ids=["none", "anonymous"])
def test_an_anonymous_actor_is_recorded_as_the_system(actor: Any) -> None:
    event = audit_record(actor=actor, action="items.expired")

    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.actor_id, stored.actor_label) == (None, "system")
    assert (stored.target_type, stored.target_id, stored.payload) == ("", "", {})
