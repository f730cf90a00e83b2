"""The point of sale: outlet staff (or a market vendor at a stall) scan or type the item code, take cash, a card
or a QR payment, and print the receipt with the disclosure and the warranty. The buyer may be a registered
consumer or an anonymous walk-in (the warranty then rides on the receipt code).

The money goes straight from the drawer (or the card or QR terminal's clearing account) to the seller: there is
no escrow at the counter, the goods change hands at once.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.accounts.facade import user_ref
from recirc.core.errors import NotFound, ValidationFailed
from recirc.core.roles import Role
from recirc.items.facade import item_sell
from recirc.operators.facade import MembershipRef, membership_of, stall_codes_rented_by
from recirc.trade import offers
from recirc.trade.checkout import _district
from recirc.trade.errors import ItemNotForSale, StalePrice, TradeForbidden
from recirc.trade.ledger import account_get
from recirc.trade.ledger import ledger_post as post
from recirc.trade.models import (
    AccountKind,
    Channel,
    Fulfilment,
    LedgerKind,
    Order,
    OrderLine,
    OrderState,
    Payment,
    PaymentMethod,
    PaymentState,
)
from recirc.trade.numbers import new_number, new_receipt_code
from recirc.trade.policy import may_use_pos
from recirc.trade.refunds import seller_account
from recirc.trade.timeline import order_move, order_note

COUNTER_METHODS = frozenset({PaymentMethod.CASH, PaymentMethod.CARD, PaymentMethod.QR})


def pos_lookup(*, actor: Any, item_code: str) -> offers.ListingOffer:
    """The listing of the scanned item, when it is the actor's operator's to sell."""
    membership = _membership(actor)
    offer = offers.listing_for_item_code(actor, item_code)
    if offer is None or offer.seller_operator_id != membership.operator_id:
        raise ItemNotForSale(field="item_code", params={"code": (item_code or "").strip()[:20]})
    return offer


def _membership(actor: Any) -> MembershipRef:
    if not may_use_pos(actor):
        raise TradeForbidden()
    membership = membership_of(actor)
    assert membership is not None
    return membership


def _buyer(buyer_user_id: int | None) -> int | None:
    if buyer_user_id is None:
        return None
    try:
        buyer = user_ref(buyer_user_id)
    except NotFound as error:
        raise ValidationFailed(_("No consumer has this account."), field="buyer_user_id",
                               code="trade.buyer_unknown") from error
    if buyer.role != Role.CONSUMER or not buyer.is_active:
        raise ValidationFailed(_("No consumer has this account."), field="buyer_user_id", code="trade.buyer_unknown")
    return buyer.id


def _checked(actor: Any, listing_id: int, expected_version: int, method: str, stall_code: str
             ) -> tuple[MembershipRef, offers.ListingOffer, str]:
    membership = _membership(actor)
    offer = offers.listing_offer(listing_id)
    if offer.seller_kind != "operator" or offer.seller_operator_id != membership.operator_id:
        raise ItemNotForSale(field="item_code", params={"code": offer.item_code})
    if offer.version != expected_version:
        raise StalePrice(params={"title": offer.title, "listing_id": offer.id})
    if method not in COUNTER_METHODS:
        raise ValidationFailed(_("Choose cash, bank card or QR code payment."), field="method",
                               code="trade.method_invalid")
    stall = " ".join((stall_code or "").split())
    if stall and stall not in stall_codes_rented_by(membership.operator_id):
        raise ValidationFailed(_("Your business does not rent stall %(code)s today: give the number of a stall "
                                 "you rent, or leave it empty for a sale in your shop.") % {"code": stall[:20]},
                               field="stall_code", code="trade.stall_invalid")
    return membership, offer, stall


def _order(membership: MembershipRef, offer: offers.ListingOffer, payment: Payment, number: str,
           buyer_id: int | None, stall: str) -> Order:
    outlet_id = offer.seller_outlet_id or membership.outlet_id
    order = Order.objects.create(
        number=number, receipt_code=new_receipt_code(Order), payment=payment, buyer_id=buyer_id,
        seller_kind="operator", seller_operator_id=offer.seller_operator_id, seller_outlet_id=outlet_id,
        stall_code=stall, district_code=_district(outlet_id), channel=Channel.STALL if stall else Channel.IN_STORE,
        fulfilment=Fulfilment.COUNTER, total=offer.price)
    OrderLine.objects.create(
        order=order, listing_id=offer.id, listing_code=offer.code, listing_version=offer.version,
        disclosure_sha256=offer.disclosure_sha256, item_id=offer.item_id, item_code=offer.item_code,
        category_id=offer.category_id, category_code=offer.category_code, title=offer.title[:200], price=offer.price,
        warranty_days=offer.warranty_days, return_window_days=offer.return_window_days,
        terms_text=offer.terms_text[:2000])
    return order


def _money(order: Order, payment: Payment) -> None:
    source = (account_get(AccountKind.CASH_DRAWER, outlet_id=order.seller_outlet_id)
              if payment.method == PaymentMethod.CASH
              else account_get(AccountKind.PROVIDER_CLEARING, provider=payment.provider))
    lines = [(source, order.total)]
    if order.buyer_id is not None:
        buyer = account_get(AccountKind.BUYER, user_id=order.buyer_id)
        lines += [(buyer, -order.total), (buyer, order.total)]
    lines.append((seller_account(order), -order.total))
    post(kind=LedgerKind.POS_SALE, lines=lines, memo=order.number, order_id=order.pk, payment_id=payment.pk)


@transaction.atomic
def pos_sale(*, actor: Any, listing_id: int, expected_version: int, method: str, buyer_user_id: int | None = None,
             stall_code: str = "") -> Order:
    """Sell one listed item at the counter: reserve, take the money, sell the passport, complete the order."""
    membership, offer, stall = _checked(actor, listing_id, expected_version, method, stall_code)
    buyer_id = _buyer(buyer_user_id)
    number = new_number("T", Order)
    offers.listing_reserve(actor=actor, listing_id=offer.id, expected_version=offer.version, order_ref=number)
    payment = Payment.objects.create(number=new_number("P", Payment), method=method, provider=f"counter_{method}",
                                     provider_reference=f"POS-{number}", amount=offer.price,
                                     state=PaymentState.CAPTURED, captured_at=timezone.now())
    order = _order(membership, offer, payment, number, buyer_id, stall)
    order_note(order, actor=actor, kind="order_placed", total=str(order.total), lines=1, channel=order.channel)
    _money(order, payment)
    item_sell(actor=actor, item_id=offer.item_id, buyer_user_id=buyer_id, operator_id=offer.seller_operator_id,
              reference=order.number)
    offers.listing_mark_sold(actor=actor, listing_id=offer.id, order_ref=number)
    order.paid_total = order.total
    order.escrow_released_at = timezone.now()
    order.fee_amount = order.fee_rate * 0
    order.save(update_fields=["paid_total", "escrow_released_at", "fee_amount"])
    order_move(order, OrderState.PAID, actor=actor, kind="order_paid", amount=str(order.total), method=method)
    return order_move(order, OrderState.COMPLETED, actor=actor, kind="order_sold_at_counter")
