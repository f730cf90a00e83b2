"""Refunds: partial or full, through the ledger, never more than was paid.

Before escrow is released the money comes back out of escrow; after, out of the seller's account. Either way it
passes the refunds-payable account and leaves through the payment's provider (or the cash drawer at the counter);
the local provider and the counter pay out at once.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from recirc.core.errors import DomainError, ValidationFailed
from recirc.core.money import money
from recirc.items.facade import item_sale_reverse
from recirc.trade import offers
from recirc.trade.errors import OrderNotFound, RefundExceedsPaid, RefundNotPossible, TradeForbidden
from recirc.trade.idempotency import Answer, idempotent
from recirc.trade.ledger import account_get
from recirc.trade.ledger import ledger_post as post
from recirc.trade.models import PAID_STATES, AccountKind, LedgerKind, Order, OrderState, PaymentMethod, Refund
from recirc.trade.numbers import new_number
from recirc.trade.payments import ProviderRefund, provider_for
from recirc.trade.policy import may_refund, may_see
from recirc.trade.timeline import order_move, order_note

REFUNDABLE_STATES = PAID_STATES | {OrderState.REFUNDED}


def seller_account(order: Order) -> Any:
    if order.seller_user_id is not None:
        return account_get(AccountKind.SELLER_CONSUMER, user_id=order.seller_user_id)
    return account_get(AccountKind.SELLER_OPERATOR, operator_id=order.seller_operator_id)


def _payout_account(order: Order) -> Any:
    payment = order.payment
    if payment.method == PaymentMethod.CASH:
        return account_get(AccountKind.CASH_DRAWER, outlet_id=order.seller_outlet_id)
    return account_get(AccountKind.PROVIDER_CLEARING, provider=payment.provider)


def _pay_out(order: Order, amount: Decimal, refund_number: str) -> ProviderRefund:
    """Online: the provider refunds the buyer's payment method. At the counter the clerk gives the money back
    (cash from the drawer, a card or QR reversal on the terminal) at once."""
    if order.payment.method != PaymentMethod.ONLINE:
        return ProviderRefund(reference=f"COUNTER-{refund_number}", completed=True)
    return provider_for(order.payment.provider).refund(reference=order.payment.provider_reference, amount=amount,
                                                       refund_number=refund_number)


def _locked_order(order_id: int) -> Order:
    order = Order.objects.select_for_update().select_related("payment").filter(pk=order_id).first()
    if order is None:
        raise OrderNotFound()
    return order


def refundable(order: Order) -> Decimal:
    return order.paid_total - order.refunded_total


def _amount(order: Order, amount: Any) -> Decimal:
    value = money(amount, field="amount")
    if value <= 0:
        raise ValidationFailed(_("Enter an amount above zero."), field="amount", code="trade.refund_amount_invalid")
    if value > refundable(order):
        raise RefundExceedsPaid(params={"refundable": refundable(order)})
    return value


def refund_post(order: Order, *, actor: Any, amount: Decimal, reason: str) -> Refund:
    """Move the money of a refund on a locked order and record it (no permission check: callers decide)."""
    from_escrow = order.escrow_released_at is None
    source = account_get(AccountKind.ESCROW) if from_escrow else seller_account(order)
    refunds = account_get(AccountKind.REFUNDS)
    refund = Refund.objects.create(number=new_number("R", Refund), order=order, amount=amount, reason=reason[:500],
                                   from_escrow=from_escrow, created_by=actor if getattr(
                                       actor, "is_authenticated", False) else None)
    post(kind=LedgerKind.REFUND, lines=[(source, amount), (refunds, -amount)], memo=refund.number,
         order_id=order.pk, actor=actor)
    payout = _pay_out(order, amount, refund.number)
    if payout.completed:
        post(kind=LedgerKind.REFUND_PAID, lines=[(refunds, amount), (_payout_account(order), -amount)],
             memo=refund.number, order_id=order.pk, actor=actor)
    Refund.objects.filter(pk=refund.pk).update(provider_reference=payout.reference)
    order.refunded_total += amount
    order.save(update_fields=["refunded_total"])
    order_note(order, actor=actor, kind="refund_issued", note=reason, amount=str(amount), refund=refund.number)
    if order.refunded_total == order.paid_total and order.state != OrderState.REFUNDED:
        order_move(order, OrderState.REFUNDED, actor=actor, kind="order_refunded")
    return refund


def _give_items_back(order: Order, *, actor: Any) -> None:
    """A full refund before the goods left the seller: the passports go back to the seller."""
    for line in order.lines.all():
        item_sale_reverse(actor=actor, item_id=line.item_id, to_operator_id=order.seller_operator_id,
                          to_user_id=order.seller_user_id, reference=order.number,
                          outlet_id=order.seller_outlet_id)


@transaction.atomic
def refund_order(*, actor: Any, order_id: int, amount: Any, reason: str) -> Refund:
    """Refund part or all of what was paid on the order (see the module doc)."""
    order = _locked_order(order_id)
    if not may_refund(actor, order):
        raise TradeForbidden() if may_see(actor, order) else OrderNotFound()
    if order.state not in REFUNDABLE_STATES or order.paid_total == 0:
        raise RefundNotPossible(params={"state": OrderState(order.state).label})
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationFailed(_("Say why the money is refunded."), field="reason", code="trade.refund_reason_missing")
    value = _amount(order, amount)
    unsent = order.state == OrderState.PAID
    refund = refund_post(order, actor=actor, amount=value, reason=reason)
    if unsent and order.state == OrderState.REFUNDED:
        _give_items_back(order, actor=actor)
    return refund


def refund_issue(*, actor: Any, order_id: int, amount: Any, reason: str, idempotency_key: str) -> Answer:
    """refund_order at most once per idempotency key (the same key with another body: 422)."""
    body = {"order_id": order_id, "amount": str(amount), "reason": reason}

    def work() -> tuple[int, dict[str, Any]]:
        refund = refund_order(actor=actor, order_id=order_id, amount=amount, reason=reason)
        return 201, {"refund_id": refund.pk, "number": refund.number, "amount": str(refund.amount)}

    return idempotent(scope="refund", actor=actor, key=idempotency_key, body=body, work=work)


def refund_blocked_order(order: Order, *, reason: str) -> Refund:
    """A paid order whose item may no longer be sold (a hold placed after checkout): refunded in full at once,
    its listings released."""
    refund = refund_post(order, actor=None, amount=refundable(order), reason=reason)
    ref = order.checkout.number if order.checkout is not None else order.number
    for line in order.lines.all():
        try:
            with transaction.atomic():
                offers.listing_release(actor=None, listing_id=line.listing_id, order_ref=ref)
        except DomainError as error:  # the hold keeps the item off sale; the listing stays reserved for review
            order_note(order, actor=None, kind="listing_kept_reserved", note=error.text(),
                       listing_id=line.listing_id)
    return refund
