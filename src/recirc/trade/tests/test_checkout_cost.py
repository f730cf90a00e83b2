"""What one checkout and its payment cost the database: a guard against look-ups, single-row writes and
savepoints creeping back (benchmark B5 needs a checkout and its payment in a few dozen statements; see
docs/benchmarks.md). The counts are exact: a change either way is a decision, written down here."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from recirc.trade import paying
from recirc.trade.ledger import ledger_verify
from recirc.trade.models import Order, OrderState, PaymentState
from recirc.trade.tests.factories import paid, placed

pytestmark = pytest.mark.django_db

# The checkout's savepoint (2); the offer (1); the address into the vault: its savepoint, the record (3); the
# numbers of the checkout, the payment and the order checked with one query (1); the checkout (1); the
# reservation's savepoint (2); the listing locked (1); the item's transition: the passport read (item and
# identifiers), the transition's savepoint, the item locked, its holds, its state, its event, the passport read
# back (2+2+1+1+1+1+2 = 10); the disclosure re-composed from that passport: the category, the inspection report,
# the repairs (3); the listing reserved and its search entry removed (2); the payment (1); the order: the
# outlet's district, the order, its lines, its timeline event (4); the cart (1); every audit event of the
# checkout (1).
CHECKOUT_STATEMENTS = {"postgresql": 33, "sqlite": 33}
# The payment behind the reference (1); the notification's savepoint (2); the payment locked (1); the event (1);
# the orders locked (with their checkout) and their lines (2); the payment captured (1); selling the order: its
# savepoint (2); the item sold: the sale's savepoint, the item locked, its holds, its state, its event, the
# passport read back (2+1+1+1+1+2 = 8); the listing sold: its savepoint, locked, saved (4); the sale's audit events
# (1); the order paid and its timeline event (2); the capture's audit events (1); the ledger: the three accounts,
# the transaction, its entries, the two balances that move (the buyer's legs cancel out) (1+1+1+2 = 5).
PAYMENT_STATEMENTS = {"postgresql": 31, "sqlite": 31}


def test_a_checkout_stays_within_its_statement_budget(world: dict[str, Any], django_assert_num_queries: Any) -> None:
    # given a buyer who has bought before (their ledger account is open)
    paid(world["buyer"], world["coat"])
    # when they check out one listing, then it takes exactly the budgeted statements
    with django_assert_num_queries(CHECKOUT_STATEMENTS[connection.vendor]):
        checkout = placed(world["buyer"], world["jacket"])
    assert Order.objects.get(checkout=checkout).state == OrderState.PENDING_PAYMENT


def test_a_payment_stays_within_its_statement_budget(world: dict[str, Any], django_assert_num_queries: Any) -> None:
    # given a buyer who has bought before and a placed checkout
    paid(world["buyer"], world["coat"])
    checkout = placed(world["buyer"], world["jacket"])
    # when they pay it, then the capture takes exactly the budgeted statements
    with django_assert_num_queries(PAYMENT_STATEMENTS[connection.vendor]):
        payment = paying.payment_pay_local(actor=world["buyer"], reference=checkout.payment.provider_reference)
    assert (payment.state, Order.objects.get(checkout=checkout).state) == (PaymentState.CAPTURED, OrderState.PAID)
    assert ledger_verify().holds
