"""Races that only a real database with row locks can show (run with DATABASE_URL=postgres://...): a double
submitted checkout, paying twice at once, two buyers racing for one listing, concurrent refunds exceeding the paid
amount. Exactly one wins each race; the ledger holds afterwards."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from recirc.core.testing import race_outcomes as race
from recirc.trade import paying, refunds
from recirc.trade.idempotency import idempotent
from recirc.trade.ledger import ledger_verify
from recirc.trade.models import Checkout, LedgerTransaction, Order, Refund
from recirc.trade.payments.local import LocalProvider
from recirc.trade.tests.factories import only_order, paid, placed

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_double_submitted_checkout_places_one_checkout(world: dict[str, Any]) -> None:
    def submit() -> Any:
        return idempotent(scope="checkout", actor=world["buyer"], key="double-submit-1", body={"jacket": 1},
                          work=lambda: (201, {"checkout_id": placed(world["buyer"], world["jacket"]).pk})).body

    results = race(submit, submit, submit)
    assert Checkout.objects.count() == 1
    assert results == [{"checkout_id": Checkout.objects.get().pk}] * 3


def test_paying_twice_at_once_captures_once(world: dict[str, Any]) -> None:
    checkout = placed(world["buyer"], world["jacket"], world["coat"])
    provider = LocalProvider()
    notes = [provider.buyer_paid_notification(reference=checkout.payment.provider_reference,
                                              amount=Decimal("549.50")) for _ in range(3)]
    results = race(*[lambda body=body, headers=headers: paying.webhook_receive(
        provider_name="local", body=body, headers=headers) for body, headers in notes])
    assert sorted(results) == ["duplicate", "duplicate", "processed"]
    assert LedgerTransaction.objects.count() == 1
    assert ledger_verify().holds


def test_two_buyers_racing_for_one_listing(world: dict[str, Any]) -> None:
    other = type(world["buyer"]).objects.create(username="rival", role="consumer")
    results = race(lambda: placed(world["buyer"], world["jacket"]).pk, lambda: placed(other, world["jacket"]).pk)
    assert sorted(str(result) for result in results if isinstance(result, str)) == ["trade.listing_unavailable"]
    assert Checkout.objects.count() == 1
    assert Order.objects.count() == 1


def test_concurrent_refunds_never_exceed_what_was_paid(world: dict[str, Any]) -> None:
    order = only_order(paid(world["buyer"], world["jacket"]))
    results = race(*[lambda: refunds.refund_order(actor=world["manager_a"], order_id=order.pk, amount="80",
                                                  reason="折价").pk for _ in range(4)])
    assert sorted(result for result in results if isinstance(result, str)) == ["trade.refund_exceeds_paid"] * 2
    assert Refund.objects.count() == 2
    assert Order.objects.get(pk=order.pk).refunded_total == Decimal("160.00")
    assert ledger_verify().holds
