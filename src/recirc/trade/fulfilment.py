"""After payment: shipping or pickup, platform inspection (验货), the buyer's confirmation, the escrow release
(on confirmation or automatically after ESCROW_RELEASE_DAYS), and cancelling an unpaid checkout.

Each service is one transaction: it locks the order, checks who (404 outside the actor's view, 403 for the
wrong side), then the state table (409), then the input (422), and writes nothing when it refuses.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.core.errors import ValidationFailed
from recirc.core.money import money
from recirc.trade import offers
from recirc.trade.conf import trade_setting
from recirc.trade.errors import (
    CheckoutNotFound,
    OrderNotFound,
    PickupCodeWrong,
    TradeForbidden,
    TransitionNotAllowed,
)
from recirc.trade.ledger import account_get
from recirc.trade.ledger import ledger_post as post
from recirc.trade.models import AccountKind, Checkout, Fulfilment, LedgerKind, Order, OrderState, PaymentState
from recirc.trade.policy import is_buyer, is_seller_side, may_inspect, may_see, require_transition
from recirc.trade.refunds import _give_items_back, refund_post, refundable, seller_account
from recirc.trade.timeline import order_move, order_note


def locked_order(actor: Any, order_id: int) -> Order:
    order = Order.objects.select_for_update().select_related("payment").filter(pk=order_id).first()
    if order is None or (actor is not None and not may_see(actor, order)):
        raise OrderNotFound()
    return order


def _seller(actor: Any, order: Order) -> None:
    if not is_seller_side(actor, order):
        raise TradeForbidden()


def _text(value: str, field: str, limit: int, message: str) -> str:
    cleaned = " ".join((value or "").split())
    if not cleaned or len(cleaned) > limit:
        raise ValidationFailed(message, field=field, code=f"trade.{field}_invalid")
    return cleaned


def _from_paid(order: Order, to_state: str) -> None:
    """The seller sends only paid orders (an order in platform inspection is the inspectors' to send)."""
    _require_state(order, OrderState.PAID, to_state)


def _require_state(order: Order, expected: str, to_state: str) -> None:
    """This verb moves only from `expected` (the table also allows other verbs into `to_state`)."""
    if order.state != expected:
        raise TransitionNotAllowed(params={"from_state": OrderState(order.state).label,
                                           "to_state": OrderState(to_state).label})


def _release_due() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=int(trade_setting("ESCROW_RELEASE_DAYS")))


@transaction.atomic
def order_ship(*, actor: Any, order_id: int, carrier: str, tracking_number: str) -> Order:
    """The seller hands the parcel to a carrier; escrow is released automatically after the set days."""
    order = locked_order(actor, order_id)
    _seller(actor, order)
    _from_paid(order, OrderState.SHIPPED)
    if order.fulfilment != Fulfilment.SHIPPING:
        raise ValidationFailed(_("This order is collected in person, not shipped."), field="carrier",
                               code="trade.not_shipping")
    return _shipped(order, actor, carrier, tracking_number)


def _shipped(order: Order, actor: Any, carrier: str, tracking_number: str) -> Order:
    order.carrier = _text(carrier, "carrier", 40, _("Name the carrier (up to 40 characters)."))
    order.tracking_number = _text(tracking_number, "tracking_number", 40,
                                  _("Enter the tracking number (up to 40 characters)."))
    order.release_due_at = _release_due()
    order.save(update_fields=["carrier", "tracking_number", "release_due_at"])
    return order_move(order, OrderState.SHIPPED, actor=actor, kind="order_shipped",
                      note=f"{order.carrier} {order.tracking_number}", carrier=order.carrier)


@transaction.atomic
def order_ready_for_pickup(*, actor: Any, order_id: int) -> Order:
    order = locked_order(actor, order_id)
    _seller(actor, order)
    _from_paid(order, OrderState.READY_FOR_PICKUP)
    if order.fulfilment != Fulfilment.PICKUP:
        raise ValidationFailed(_("This order is shipped, not collected."), field="fulfilment",
                               code="trade.not_pickup")
    return order_move(order, OrderState.READY_FOR_PICKUP, actor=actor, kind="order_ready_for_pickup")


@transaction.atomic
def order_pickup_done(*, actor: Any, order_id: int, pickup_code: str) -> Order:
    """The seller hands the item over against the buyer's pickup code."""
    order = locked_order(actor, order_id)
    _seller(actor, order)
    _require_state(order, OrderState.READY_FOR_PICKUP, OrderState.DELIVERED)
    if (pickup_code or "").strip() != order.pickup_code:
        raise PickupCodeWrong(field="pickup_code")
    order.release_due_at = _release_due()
    order.save(update_fields=["release_due_at"])
    return order_move(order, OrderState.DELIVERED, actor=actor, kind="order_picked_up")


@transaction.atomic
def order_mark_delivered(*, actor: Any, order_id: int) -> Order:
    """The seller records the carrier's proof of delivery (the buyer may still confirm earlier)."""
    order = locked_order(actor, order_id)
    _seller(actor, order)
    _require_state(order, OrderState.SHIPPED, OrderState.DELIVERED)
    return order_move(order, OrderState.DELIVERED, actor=actor, kind="order_delivered")


@transaction.atomic
def order_confirm(*, actor: Any, order_id: int) -> Order:
    """The buyer confirms receipt: the order completes and escrow goes to the seller."""
    order = locked_order(actor, order_id)
    if not is_buyer(actor, order):
        raise TradeForbidden()
    if order.state not in (OrderState.SHIPPED, OrderState.DELIVERED):
        require_transition(order, OrderState.DELIVERED)
    if order.delivered_at is None:  # the buyer's confirmation is the delivery: warranties start from it
        order.delivered_at = timezone.now()
        order.save(update_fields=["delivered_at"])
    return escrow_release(order, actor=actor, kind="order_confirmed")


def escrow_release(order: Order, *, actor: Any, kind: str) -> Order:
    """Escrow -> seller, less the platform fee on what was not refunded; the order completes."""
    net = refundable(order)
    fee = money(net * order.fee_rate)  # cents, half up
    lines = [(account_get(AccountKind.ESCROW), net), (seller_account(order), -(net - fee)),
             (account_get(AccountKind.PLATFORM_FEE), -fee)]
    if net > 0:
        post(kind=LedgerKind.ESCROW_RELEASED, lines=lines, memo=order.number, order_id=order.pk, actor=actor)
    order.fee_amount, order.escrow_released_at = fee, timezone.now()
    order.save(update_fields=["fee_amount", "escrow_released_at"])
    return order_move(order, OrderState.COMPLETED, actor=actor, kind=kind, released=str(net), fee=str(fee))


def escrow_release_due(*, now: dt.datetime | None = None, limit: int = 500) -> list[int]:
    """Complete (as the system) shipped or delivered orders whose release date has passed. Idempotent: each order
    is locked and re-checked, and a completed order is never released twice."""
    now = now or timezone.now()
    due = list(Order.objects.filter(state__in=[OrderState.SHIPPED, OrderState.DELIVERED], release_due_at__lte=now,
                                    escrow_released_at__isnull=True).order_by("release_due_at", "pk")
               .values_list("pk", flat=True)[:limit])
    released = []
    for order_id in due:
        with transaction.atomic():
            order = Order.objects.select_for_update(skip_locked=True).filter(
                pk=order_id, state__in=[OrderState.SHIPPED, OrderState.DELIVERED],
                escrow_released_at__isnull=True).select_related("payment").first()
            if order is None:
                continue
            escrow_release(order, actor=None, kind="escrow_released_automatically")
            released.append(order_id)
    return released


@transaction.atomic
def inspection_pass(*, actor: Any, order_id: int, carrier: str, tracking_number: str, note: str = "") -> Order:
    """The platform's inspectors found the item as described: they ship it on to the buyer."""
    order = locked_order(None, order_id)
    if not may_inspect(actor):
        raise TradeForbidden()
    _require_state(order, OrderState.IN_PLATFORM_INSPECTION, OrderState.SHIPPED)
    order.inspection_note = " ".join(note.split())[:500]
    order.save(update_fields=["inspection_note"])
    order_note(order, actor=actor, kind="inspection_passed", note=order.inspection_note)
    return _shipped(order, actor, carrier, tracking_number)


@transaction.atomic
def inspection_fail(*, actor: Any, order_id: int, note: str) -> Order:
    """Not as described: the buyer is refunded in full from escrow and the item goes back to the seller."""
    order = locked_order(None, order_id)
    if not may_inspect(actor):
        raise TradeForbidden()
    _require_state(order, OrderState.IN_PLATFORM_INSPECTION, OrderState.REFUNDED)
    order.inspection_note = _text(note, "note", 500, _("Say what the inspection found (up to 500 characters)."))
    order.save(update_fields=["inspection_note"])
    order_note(order, actor=actor, kind="inspection_failed", note=order.inspection_note)
    refund_post(order, actor=actor, amount=refundable(order), reason=order.inspection_note)
    _give_items_back(order, actor=actor)
    return order


@transaction.atomic
def checkout_cancel(*, actor: Any, checkout_id: int) -> Checkout:
    """Cancel an unpaid checkout (the buyer, or the system after the payment timeout): every order is cancelled
    and every listing released; no money has moved."""
    checkout = Checkout.objects.select_for_update().filter(pk=checkout_id).first()
    if checkout is None or (actor is not None and checkout.buyer_id != getattr(actor, "pk", None)):
        raise CheckoutNotFound()
    payment = checkout.payment
    payment = type(payment).objects.select_for_update().get(pk=payment.pk)
    orders = list(Order.objects.select_for_update().filter(checkout=checkout).order_by("pk"))
    for order in orders:
        require_transition(order, OrderState.CANCELLED)
    for order in orders:
        for line in order.lines.all():
            offers.listing_release(actor=actor, listing_id=line.listing_id, order_ref=checkout.number)
        order_move(order, OrderState.CANCELLED, actor=actor, kind="order_cancelled")
    payment.state, payment.cancelled_at = PaymentState.CANCELLED, timezone.now()
    payment.save(update_fields=["state", "cancelled_at"])
    return checkout


def checkouts_expire_due(*, now: dt.datetime | None = None) -> list[int]:
    """Cancel (as the system) checkouts unpaid after PAYMENT_TIMEOUT_MINUTES."""
    cutoff = (now or timezone.now()) - dt.timedelta(minutes=int(trade_setting("PAYMENT_TIMEOUT_MINUTES")))
    due = list(Checkout.objects.filter(created_at__lte=cutoff, payment__state=PaymentState.PENDING)
               .values_list("pk", flat=True)[:500])
    for checkout_id in due:
        checkout_cancel(actor=None, checkout_id=checkout_id)
    return due
