"""Paying: the buyer pays on the provider's page, the provider notifies the platform (signed), and the capture
moves the money into escrow, sells the items and marks the listings sold, in one transaction.

Paying twice is harmless: a captured payment refuses to be paid again ("trade.already_paid"), and a repeated
notification (same provider event) or a second notification for a captured payment moves no money.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from recirc.core.audit import audit_batch, audit_record
from recirc.core.errors import DomainError
from recirc.items.facade import item_sell
from recirc.trade import offers
from recirc.trade.errors import (
    AlreadyPaid,
    PaymentAmountMismatch,
    PaymentClosed,
    PaymentNotFound,
    TradeForbidden,
)
from recirc.trade.ledger import accounts_get
from recirc.trade.ledger import ledger_post as post
from recirc.trade.models import (
    AccountKind,
    LedgerKind,
    Order,
    OrderState,
    Payment,
    PaymentEvent,
    PaymentState,
)
from recirc.trade.payments import ProviderEvent, provider_for
from recirc.trade.payments.local import LocalProvider
from recirc.trade.timeline import order_move


def _locked_payment(**lookup: Any) -> Payment:
    payment = Payment.objects.select_for_update().filter(**lookup).first()
    if payment is None:
        raise PaymentNotFound()
    return payment


def payment_for_buyer(actor: Any, reference: str) -> Payment:
    """The payment behind a provider reference, when the actor is its buyer (404 otherwise)."""
    payment = Payment.objects.select_related("checkout").filter(provider_reference=reference).first()
    if payment is None or payment.checkout is None or payment.checkout.buyer_id != getattr(actor, "pk", None):
        raise PaymentNotFound()
    return payment


def payment_pay_local(*, actor: Any, reference: str) -> Payment:
    """The buyer pays on the local provider's page; the provider then sends its signed notification."""
    payment = payment_for_buyer(actor, reference)
    if payment.provider != LocalProvider.name:
        raise TradeForbidden()
    if payment.state == PaymentState.CAPTURED:
        raise AlreadyPaid()
    if payment.state == PaymentState.CANCELLED:
        raise PaymentClosed()
    provider = provider_for(payment.provider)
    assert isinstance(provider, LocalProvider)
    body, headers = provider.buyer_paid_notification(reference=reference, amount=payment.amount)
    _outcome, captured = _receive(provider_name=provider.name, body=body, headers=headers)
    if captured is not None:
        return captured  # the row as the capture left it (no re-read)
    payment.refresh_from_db()
    return payment


def webhook_receive(*, provider_name: str, body: bytes, headers: Mapping[str, str]) -> str:
    """A provider's notification: verified, then processed once. Returns "processed", "duplicate" or "ignored"."""
    return _receive(provider_name=provider_name, body=body, headers=headers)[0]


def _receive(*, provider_name: str, body: bytes, headers: Mapping[str, str]) -> tuple[str, Payment | None]:
    """The outcome, and the payment this notification captured (None unless "processed")."""
    provider = provider_for(provider_name)
    event = provider.verify_webhook(body=body, headers=headers)
    try:
        with transaction.atomic():
            if event.kind != "payment.succeeded":
                PaymentEvent.objects.create(provider=provider.name, event_id=event.event_id, kind=event.kind)
                return "ignored", None
            # The payment first (locked), then its event: a repeated event meets the unique constraint and a
            # second event for a captured payment finds it captured.
            payment = _locked_payment(provider=provider.name, provider_reference=event.reference)
            PaymentEvent.objects.create(provider=provider.name, event_id=event.event_id, kind=event.kind,
                                        payment=payment)
            outcome = payment_capture(payment, event)
            return outcome, payment if outcome == "processed" else None
    except IntegrityError:
        return "duplicate", None


def payment_capture(payment: Payment, event: ProviderEvent) -> str:
    """Record the money received on a locked payment: provider clearing -> buyer -> escrow per order; sell the
    items; mark the listings sold; move each order to paid (or to platform inspection). Runs inside the caller's
    transaction."""
    if payment.state == PaymentState.CAPTURED:
        return "duplicate"
    if payment.state == PaymentState.CANCELLED:
        raise PaymentClosed()
    if Decimal(event.amount) != payment.amount:
        raise PaymentAmountMismatch()
    orders = list(Order.objects.select_for_update(of=("self",)).select_related("checkout")
                  .prefetch_related("lines").filter(payment=payment).order_by("pk"))
    payment.state, payment.captured_at = PaymentState.CAPTURED, timezone.now()
    payment.save(update_fields=["state", "captured_at"])
    blocked = [(order, error) for order in orders if (error := _sell_lines(order)) is not None]
    unsold = {order.pk for order, _error in blocked}
    with audit_batch():  # every error below ends the whole capture: the events go in with one statement
        audit_record(actor=None, action="trade.payment_captured", target=payment,
                     payload={"number": payment.number, "amount": str(payment.amount), "event": event.event_id})
        for order in orders:
            order.paid_total = order.total
            target = OrderState.IN_PLATFORM_INSPECTION if order.inspection_requested else OrderState.PAID
            order_move(order, OrderState.PAID if order.pk in unsold else target, actor=None, kind="order_paid",
                       also=("paid_total",), amount=str(order.total))
    _post_capture(payment, orders)  # the busiest rows last: escrow and clearing stay locked briefly
    for order, error in blocked:
        from recirc.trade.refunds import refund_blocked_order

        refund_blocked_order(order, reason=error.text())
    return "processed"


def _post_capture(payment: Payment, orders: list[Order]) -> None:
    """Provider clearing -> buyer -> escrow, one escrow leg per order (the three accounts read in one query)."""
    clearing, buyer, escrow = accounts_get({"kind": AccountKind.PROVIDER_CLEARING, "provider": payment.provider},
                                           {"kind": AccountKind.BUYER, "user_id": orders[0].buyer_id},
                                           {"kind": AccountKind.ESCROW})
    lines = [(clearing, payment.amount), (buyer, -payment.amount)]
    for order in orders:
        lines += [(buyer, order.total), (escrow, -order.total)]
    post(kind=LedgerKind.PAYMENT_CAPTURED, lines=lines, memo=payment.number, payment_id=payment.pk)


def order_ref(order: Order) -> str:
    """The reference the listings were reserved under: the checkout's number (online) or the order's (counter)."""
    return order.checkout.number if order.checkout is not None else order.number


def _sell_lines(order: Order) -> DomainError | None:
    """Sell the order's items and mark its listings sold, all or nothing. When an item may no longer circulate
    (a police hold placed after checkout) nothing is sold and the error is returned: the order is then paid and
    refunded in full once the capture is posted."""
    try:
        with transaction.atomic(), audit_batch():
            for line in order.lines.all():
                item_sell(actor=None, item_id=line.item_id, buyer_user_id=order.buyer_id,
                          operator_id=order.seller_operator_id, reference=order.number)
                offers.listing_mark_sold(actor=None, listing_id=line.listing_id, order_ref=order_ref(order))
    except DomainError as error:
        return error
    return None
