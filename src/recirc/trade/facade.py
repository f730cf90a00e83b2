"""The only module other contexts import from trade. Everything returned is a contract."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from recirc.trade import selectors
from recirc.trade.contracts import CheckoutRef, RefundRef, SaleFact, SaleLine, SaleRef
from recirc.trade.errors import OrderNotFound
from recirc.trade.models import Order, OrderEvent, OrderLine, OrderState, Refund
from recirc.trade.refunds import refund_issue as _refund_issue

__all__ = ["CheckoutRef", "RefundRef", "SaleFact", "SaleLine", "SaleRef", "checkout_place",
           "consumer_seller_sales_total", "consumer_seller_sales_totals", "order_confirm", "order_ready_for_pickup",
           "order_ship", "payment_pay_local", "pos_sale", "refund_issue", "sale_by_number", "sale_by_receipt_code",
           "sale_get", "sales_completed_after", "sales_facts", "sales_for_buyer"]


def _orders() -> QuerySet[Order]:
    return Order.objects.prefetch_related(Prefetch("lines", queryset=OrderLine.objects.order_by("id")))


def to_sale_ref(order: Order) -> SaleRef:
    return SaleRef(
        order_id=order.pk, number=order.number, buyer_user_id=order.buyer_id, seller_kind=order.seller_kind,
        seller_operator_id=order.seller_operator_id, seller_outlet_id=order.seller_outlet_id,
        seller_user_id=order.seller_user_id,
        lines=tuple(SaleLine(listing_id=line.listing_id, listing_version=line.listing_version, item_id=line.item_id,
                             item_code=line.item_code, title=line.title, price=line.price,
                             warranty_days=line.warranty_days, return_window_days=line.return_window_days,
                             disclosure_sha256=line.disclosure_sha256) for line in order.lines.all()),
        total=order.total, paid_total=order.paid_total, refunded_total=order.refunded_total, state=order.state,
        paid_at=order.paid_at, delivered_at=order.delivered_at, completed_at=order.completed_at,
        channel=order.channel, receipt_code=order.receipt_code)


def sale_get(order_id: int) -> SaleRef:
    """Unscoped (callers authorise their actors); OrderNotFound when missing."""
    order = _orders().filter(pk=order_id).first()
    if order is None:
        raise OrderNotFound()
    return to_sale_ref(order)


def sales_for_buyer(user_id: int) -> list[SaleRef]:
    """The buyer's orders that were paid, newest first."""
    return [to_sale_ref(order) for order in _orders().filter(buyer_id=user_id, paid_at__isnull=False)]


def sale_by_number(number: str) -> SaleRef | None:
    """Unscoped (callers authorise their actors: moderation lets a buyer complain about their own order)."""
    order = _orders().filter(number=(number or "").strip().upper()).first()
    return to_sale_ref(order) if order is not None else None


def sale_by_receipt_code(code: str) -> SaleRef | None:
    order = _orders().filter(receipt_code=(code or "").strip().upper()).first()
    return to_sale_ref(order) if order is not None else None


def refund_issue(*, actor: Any, order_id: int, amount: Any, reason: str, idempotency_key: str) -> RefundRef:
    """Refund part or all of what was paid (from escrow before release, else from the seller's account), at most
    once per idempotency key. Conflict "trade.refund_exceeds_paid" beyond paid less refunded,
    "trade.refund_not_possible" for unpaid orders; 422 "trade.idempotency_mismatch" for a reused key."""
    answer = _refund_issue(actor=actor, order_id=order_id, amount=amount, reason=reason,
                           idempotency_key=idempotency_key)
    refund = Refund.objects.get(pk=answer.body["refund_id"])
    return RefundRef(id=refund.pk, number=refund.number, order_id=refund.order_id, amount=refund.amount,
                     from_escrow=refund.from_escrow, replayed=answer.replayed)


def sales_completed_after(after_id: int, limit: int = 500) -> list[SaleRef]:
    """Completed orders with id > after_id, in id order (for batches)."""
    rows = _orders().filter(pk__gt=after_id, state=OrderState.COMPLETED).order_by("pk")[:limit]
    return [to_sale_ref(order) for order in rows]


def sales_facts(after_id: int, limit: int = 1000) -> list[SaleFact]:
    """One fact per paid order, for the supervision statistics, in the order payments were recorded. `id` is the
    cursor (the payment's timeline event): pull with after_id = the last id seen. A transaction that commits
    late can appear below a cursor already passed, so pullers re-read an overlap; facts are keyed by order."""
    events = (OrderEvent.objects.filter(pk__gt=after_id, kind="order_paid").select_related("order")
              .prefetch_related(Prefetch("order__lines", queryset=OrderLine.objects.order_by("id")))
              .order_by("pk")[:limit])
    facts = []
    for event in events:
        order, lines = event.order, list(event.order.lines.all())
        facts.append(SaleFact(
            id=event.pk, order_id=order.pk, number=order.number, occurred_at=order.paid_at or event.occurred_at,
            completed_at=order.completed_at, amount=order.paid_total - order.refunded_total, quantity=len(lines),
            category_id=lines[0].category_id, category_code=lines[0].category_code,
            operator_id=order.seller_operator_id, district_code=order.district_code, channel=order.channel,
            method="fixed_price"))
    return facts


# --- writes for the demo and other contexts' tests: the same audited services as the pages, returning contracts

def checkout_place(*, actor: Any, lines: Sequence[tuple[int, int]], fulfilment: str, address: str = "",
                   inspection: bool = False) -> CheckoutRef:
    """`lines` are (listing id, version seen). See checkout.checkout_place."""
    from recirc.trade import checkout

    placed = checkout.checkout_place(actor=actor, lines=[checkout.CheckoutLine(listing_id, version)
                                                         for listing_id, version in lines],
                                     fulfilment=fulfilment, address=address, inspection=inspection)
    return CheckoutRef(checkout_id=placed.pk, number=placed.number, total=placed.total,
                       payment_reference=placed.payment.provider_reference,
                       order_ids=tuple(placed.orders.order_by("pk").values_list("pk", flat=True)))


def payment_pay_local(*, actor: Any, reference: str) -> None:
    """The buyer pays on the local provider's page (its signed notification is processed at once)."""
    from recirc.trade import paying

    paying.payment_pay_local(actor=actor, reference=reference)


def order_ship(*, actor: Any, order_id: int, carrier: str, tracking_number: str) -> SaleRef:
    from recirc.trade import fulfilment

    return sale_get(fulfilment.order_ship(actor=actor, order_id=order_id, carrier=carrier,
                                          tracking_number=tracking_number).pk)


def order_ready_for_pickup(*, actor: Any, order_id: int) -> SaleRef:
    from recirc.trade import fulfilment

    return sale_get(fulfilment.order_ready_for_pickup(actor=actor, order_id=order_id).pk)


def order_confirm(*, actor: Any, order_id: int) -> SaleRef:
    from recirc.trade import fulfilment

    return sale_get(fulfilment.order_confirm(actor=actor, order_id=order_id).pk)


def pos_sale(*, actor: Any, listing_id: int, expected_version: int, method: str, buyer_user_id: int | None = None,
             stall_code: str = "") -> SaleRef:
    from recirc.trade import pos

    return sale_get(pos.pos_sale(actor=actor, listing_id=listing_id, expected_version=expected_version,
                                 method=method, buyer_user_id=buyer_user_id, stall_code=stall_code).pk)


# --- natural-person sellers (REGULATIONS.md section 3: above the yearly threshold they must register) -----------

def consumer_seller_sales_totals(year: int) -> list[tuple[int, Decimal]]:
    """Each consumer seller's C2C sales in the calendar year (paid, less refunds; cancelled and refunded orders
    not counted), largest first: (user id, amount in CNY). Read-only, unscoped: callers authorise their actor."""
    return [(user_id, amount) for user_id, amount, _orders in selectors.consumer_seller_sales_totals(year)]


def consumer_seller_sales_total(user_id: int, year: int) -> Decimal:
    """One consumer seller's C2C sales in the calendar year (0.00 when none)."""
    rows = selectors.consumer_seller_sales_totals(year, user_id=user_id)
    return rows[0][1] if rows else Decimal("0.00")


# --- idempotency keys, for other contexts' money-moving or contested requests (auction bids) ----------------------

def idempotent(*, scope: str, actor: Any, key: str | None, body: Any,
               work: Any) -> Any:
    """Run `work` (returning status and a JSON-able answer) at most once per (scope, actor, key) and answer
    retries with the stored answer; another body with the same key is refused (422). See trade/idempotency.py."""
    from recirc.trade import idempotency

    return idempotency.idempotent(scope=scope, actor=actor, key=key, body=body, work=work)


def checkout_place_awarded(*, actor: Any, lines: Sequence[tuple[int, int, Decimal]], reference: str,
                           fulfilment: str, address: str = "", description: str = "") -> CheckoutRef:
    """The checkout of a lot another context awarded to `actor` (an auction's winner): `lines` are (listing id,
    version awarded on, price), the listings reserved under `reference`. See trade/awarded.py."""
    from recirc.trade import awarded

    placed = awarded.checkout_place_awarded(
        actor=actor, lines=[awarded.AwardedLine(listing_id, version, price) for listing_id, version, price in lines],
        reference=reference, fulfilment=fulfilment, address=address, description=description)
    return CheckoutRef(checkout_id=placed.pk, number=placed.number, total=placed.total,
                       payment_reference=placed.payment.provider_reference,
                       order_ids=tuple(placed.orders.order_by("pk").values_list("pk", flat=True)))
