"""Races that only a real database with row locks can show (run with DATABASE_URL=postgres://...): two refunds of
one return, two returns opened for one item. Exactly one wins; money moves once."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from recirc.aftersales import returns
from recirc.aftersales.models import ReturnRequest
from recirc.aftersales.tests.factories import delivered, record_of
from recirc.core.testing import race
from recirc.trade.models import Order, Refund

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


def test_two_refunds_of_one_return_move_money_once(world: dict[str, Any]) -> None:
    order = delivered(world, world["jacket"])
    record = record_of(world, order)
    request = returns.return_open(actor=world["buyer"], warranty_id=record.pk, kind="no_reason")
    returns.return_approve(actor=world["clerk_a"], return_id=request.pk)
    returns.return_receive(actor=world["clerk_a"], return_id=request.pk)
    results = race(*[lambda key=key: returns.return_refund(actor=world[key], return_id=request.pk)
                     for key in ("clerk_a", "manager_a")])
    assert results == ["aftersales.action_not_allowed", "ok"]
    assert Refund.objects.filter(order=order).count() == 1
    assert Order.objects.get(pk=order.pk).refunded_total == Decimal("199.00")


def test_two_returns_opened_at_once_admit_one(world: dict[str, Any]) -> None:
    record = record_of(world, delivered(world, world["jacket"]))
    results = race(*[lambda: returns.return_open(actor=world["buyer"], warranty_id=record.pk, kind="no_reason")
                     for _ in range(2)])
    assert results == ["aftersales.open_case_exists", "ok"]
    assert ReturnRequest.objects.filter(warranty=record).count() == 1
