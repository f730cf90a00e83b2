"""The online path end to end: checkout across two sellers, payment through the local provider, shipping,
pickup, confirmation, automatic escrow release; every step checked against the ledger with exact values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from recirc.core.models import AuditEvent
from recirc.items.models import Item, ItemEvent, ItemState
from recirc.listings.models import Listing
from recirc.trade import fulfilment
from recirc.trade.ledger import ledger_verify
from recirc.trade.models import Account, LedgerTransaction, Order, OrderState, Payment, PaymentState
from recirc.trade.tests.factories import paid, placed


def balances() -> dict[str, Decimal]:
    return dict(Account.objects.values_list("code", "balance"))


def test_checkout_makes_one_order_per_seller_and_one_payment(world: dict[str, Any]) -> None:
    # given two jackets of operator A and a C2C bookcase
    # when the buyer checks out all three
    checkout = placed(world["buyer"], world["jacket"], world["coat"], world["bookcase"])
    # then one payment for 669.50 and two orders: A's (549.50, two lines) and the seller's (120.00)
    orders = list(Order.objects.filter(checkout=checkout).order_by("seller_kind"))
    assert [(o.seller_kind, o.total, o.lines.count(), o.state) for o in orders] == [
        ("consumer", Decimal("120.00"), 1, "pending_payment"), ("operator", Decimal("549.50"), 2, "pending_payment")]
    assert checkout.payment.amount == Decimal("669.50")
    assert checkout.payment.state == PaymentState.PENDING
    assert orders[1].seller_outlet_id == world["outlet_a"].pk
    assert orders[1].district_code == "330106"
    # the address is in the vault, the order holds a token and a masked form
    assert orders[0].address_token and "文三路 90 号" not in orders[0].address_masked
    # every listing is reserved under the checkout's number; no money moved yet
    assert set(Listing.objects.values_list("status", "order_ref")) == {("reserved", checkout.number)}
    assert LedgerTransaction.objects.count() == 0


def test_payment_moves_money_into_escrow_and_sells_the_items(world: dict[str, Any]) -> None:
    checkout = paid(world["buyer"], world["jacket"], world["bookcase"])
    payment = Payment.objects.get(pk=checkout.payment.pk)
    assert payment.state == PaymentState.CAPTURED
    assert balances() == {"clearing:local": Decimal("319.00"), f"buyer:{world['buyer'].pk}": Decimal("0.00"),
                          "escrow": Decimal("-319.00")}
    assert ledger_verify().holds
    orders = {o.seller_kind: o for o in Order.objects.filter(checkout=checkout)}
    assert orders["operator"].state == OrderState.PAID
    assert orders["operator"].paid_total == Decimal("199.00")
    # the bookcase was offered with platform inspection but the buyer did not ask for it
    assert orders["consumer"].state == OrderState.PAID
    jacket = Item.objects.get(pk=world["jacket"].item_id)
    assert (jacket.state, jacket.owner_user_id, jacket.owner_operator_id) == ("sold", world["buyer"].pk, None)
    assert ItemEvent.objects.filter(item=jacket, kind="sold", is_public=True).count() == 1
    assert set(Listing.objects.filter(pk__in=[world["jacket"].pk, world["bookcase"].pk])
               .values_list("status", flat=True)) == {"sold"}
    assert AuditEvent.objects.filter(action="trade.payment_captured").count() == 1


def test_shipping_then_confirmation_releases_escrow_less_the_fee(world: dict[str, Any]) -> None:
    checkout = paid(world["buyer"], world["jacket"])
    order = Order.objects.get(checkout=checkout)
    fulfilment.order_ship(actor=world["clerk_a"], order_id=order.pk, carrier="顺丰速运", tracking_number="SF1234567890")
    order.refresh_from_db()
    assert (order.state, order.carrier, order.tracking_number) == ("shipped", "顺丰速运", "SF1234567890")
    assert order.release_due_at is not None
    assert order.delivered_at is None
    fulfilment.order_confirm(actor=world["buyer"], order_id=order.pk)
    order.refresh_from_db()
    assert (order.state, order.fee_amount) == ("completed", Decimal("9.95"))
    assert order.delivered_at is not None and order.delivered_at <= order.completed_at
    assert balances() == {"clearing:local": Decimal("199.00"), f"buyer:{world['buyer'].pk}": Decimal("0.00"),
                          "escrow": Decimal("0.00"), f"seller:operator:{world['operator_a'].pk}": Decimal("-189.05"),
                          "platform_fee": Decimal("-9.95")}
    assert ledger_verify().holds
    assert list(order.events.values_list("kind", flat=True)) == ["order_placed", "order_paid", "order_shipped",
                                                                 "order_confirmed"]


def test_pickup_needs_the_buyers_code_and_escrow_releases_automatically(world: dict[str, Any]) -> None:
    checkout = paid(world["buyer"], world["coat"], fulfilment="pickup")
    order = Order.objects.get(checkout=checkout)
    assert len(order.pickup_code) == 6
    fulfilment.order_ready_for_pickup(actor=world["clerk_a"], order_id=order.pk)
    with pytest.raises(Exception) as refused:
        fulfilment.order_pickup_done(actor=world["clerk_a"], order_id=order.pk, pickup_code="000000"
                                     if order.pickup_code != "000000" else "111111")
    assert getattr(refused.value, "code", "") == "trade.pickup_code_wrong"
    fulfilment.order_pickup_done(actor=world["clerk_a"], order_id=order.pk, pickup_code=order.pickup_code)
    order.refresh_from_db()
    assert order.state == OrderState.DELIVERED
    # nothing is due yet; ten days later the task releases it, and a second run finds nothing
    assert fulfilment.escrow_release_due() == []
    later = timezone.now() + dt.timedelta(days=10, minutes=1)
    assert fulfilment.escrow_release_due(now=later) == [order.pk]
    assert fulfilment.escrow_release_due(now=later) == []
    order.refresh_from_db()
    assert (order.state, order.fee_amount) == ("completed", Decimal("17.53"))
    assert balances()[f"seller:operator:{world['operator_a'].pk}"] == Decimal("-332.97")
    assert ledger_verify().holds


def test_cancelling_an_unpaid_checkout_releases_every_listing(world: dict[str, Any]) -> None:
    checkout = placed(world["buyer"], world["jacket"], world["bookcase"])
    fulfilment.checkout_cancel(actor=world["buyer"], checkout_id=checkout.pk)
    assert set(Order.objects.filter(checkout=checkout).values_list("state", flat=True)) == {"cancelled"}
    assert set(Listing.objects.filter(pk__in=[world["jacket"].pk, world["bookcase"].pk])
               .values_list("status", "order_ref")) == {("published", "")}
    assert Item.objects.get(pk=world["jacket"].item_id).state == ItemState.LISTED
    assert LedgerTransaction.objects.count() == 0
    assert Payment.objects.get(pk=checkout.payment.pk).state == PaymentState.CANCELLED


def test_unpaid_checkouts_expire_after_the_timeout(world: dict[str, Any]) -> None:
    checkout = placed(world["buyer"], world["jacket"])
    assert fulfilment.checkouts_expire_due() == []
    assert fulfilment.checkouts_expire_due(now=timezone.now() + dt.timedelta(minutes=31)) == [checkout.pk]
    assert Order.objects.get(checkout=checkout).state == OrderState.CANCELLED
