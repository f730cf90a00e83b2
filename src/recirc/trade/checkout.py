"""The cart and the checkout: every listing reserved at the version the buyer saw, one order per seller, one
payment for the whole checkout, the shipping address in the privacy vault.

A checkout runs in one transaction: a stale price, a listing someone else reserved first, a bad address or an
item that may not circulate refuses the whole checkout and nothing remains (no order, no reservation).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from recirc.core.audit import audit_batch, audit_record
from recirc.core.errors import Conflict, NotFound, ValidationFailed
from recirc.core.permissions import has_role
from recirc.core.roles import Role
from recirc.operators.facade import OperatorScope, outlet_ref
from recirc.privacy.facade import pii_store
from recirc.trade import offers
from recirc.trade.conf import trade_setting
from recirc.trade.errors import (
    BuyerOnly,
    CartEmpty,
    CartFull,
    InspectionNotOffered,
    InStoreOnly,
    ListingUnavailable,
    OwnListing,
    StalePrice,
)
from recirc.trade.models import CartLine, Checkout, Fulfilment, Order, OrderLine, Payment, PaymentMethod
from recirc.trade.numbers import checkout_numbers, new_pickup_code
from recirc.trade.payments import provider_get
from recirc.trade.timeline import order_note

CITY = OperatorScope(city_wide=True, operator_ids=frozenset())
BUYABLE_STATUSES = frozenset({"published"})


@dataclass(frozen=True)
class CheckoutLine:
    listing_id: int
    version_seen: int


def _require_buyer(actor: Any) -> None:
    if not has_role(actor, Role.CONSUMER):
        raise BuyerOnly()


# --- the cart ------------------------------------------------------------------------------------------------

@transaction.atomic
def cart_add(*, actor: Any, listing_id: int) -> CartLine:
    """Put a published listing in the cart at its current version (again: refresh the version seen)."""
    _require_buyer(actor)
    offer = _offer(listing_id)
    if offer.status not in BUYABLE_STATUSES:
        raise ListingUnavailable(params={"title": offer.title})
    if offer.channel == "in_store":
        raise InStoreOnly(params={"title": offer.title})
    if offer.seller_user_id == actor.pk:
        raise OwnListing(params={"title": offer.title})
    if CartLine.objects.filter(user=actor).exclude(listing_id=listing_id).count() >= trade_setting("CART_MAX_LINES"):
        raise CartFull(params={"limit": trade_setting("CART_MAX_LINES")})
    line, _created = CartLine.objects.update_or_create(user=actor, listing_id=listing_id,
                                                       defaults={"version_seen": offer.version})
    audit_record(actor=actor, action="trade.cart_added", target=line,
                 payload={"listing_id": listing_id, "version": offer.version})
    return line


@transaction.atomic
def cart_remove(*, actor: Any, listing_id: int) -> None:
    removed, _rows = CartLine.objects.filter(user=actor, listing_id=listing_id).delete()
    if removed:
        audit_record(actor=actor, action="trade.cart_removed", payload={"listing_id": listing_id})


def cart_lines(actor: Any) -> list[CheckoutLine]:
    return [CheckoutLine(listing_id=row.listing_id, version_seen=row.version_seen)
            for row in CartLine.objects.filter(user=actor).order_by("added_at", "id")]


# --- the checkout --------------------------------------------------------------------------------------------

def _offer(listing_id: int) -> offers.ListingOffer:
    try:
        return offers.listing_offer(listing_id)
    except NotFound as error:
        raise ValidationFailed(_("A listing in the checkout does not exist."), field="lines",
                               code="trade.listing_unknown") from error


def _checked_lines(actor: Any, lines: Sequence[CheckoutLine], inspection: bool) -> list[offers.ListingOffer]:
    if not lines:
        raise CartEmpty(field="lines")
    if len(lines) > int(trade_setting("CART_MAX_LINES")):
        raise CartFull(field="lines", params={"limit": trade_setting("CART_MAX_LINES")})
    if len({line.listing_id for line in lines}) != len(lines):
        raise ValidationFailed(_("A listing appears twice in the checkout."), field="lines",
                               code="trade.listing_repeated")
    found = []
    for line in sorted(lines, key=lambda row: row.listing_id):
        offer = _offer(line.listing_id)
        if offer.channel == "in_store":
            raise InStoreOnly(params={"title": offer.title})
        if offer.seller_user_id is not None and offer.seller_user_id == actor.pk:
            raise OwnListing(params={"title": offer.title})
        if offer.version != line.version_seen:
            raise StalePrice(params={"title": offer.title, "listing_id": offer.id})
        if offer.status not in BUYABLE_STATUSES:
            raise ListingUnavailable(params={"title": offer.title})
        if inspection and offer.seller_kind == "consumer" and not offer.platform_inspection_offered:
            raise InspectionNotOffered(params={"title": offer.title})
        found.append(offer)
    return found


def _address(actor: Any, fulfilment: str, address: str) -> tuple[str, str]:
    if fulfilment not in (Fulfilment.SHIPPING, Fulfilment.PICKUP):
        raise ValidationFailed(_("Choose shipping or pickup."), field="fulfilment", code="trade.fulfilment_invalid")
    if fulfilment == Fulfilment.PICKUP:
        return "", ""
    cleaned = " ".join((address or "").split())
    if len(cleaned) < 6 or len(cleaned) > 300:
        raise ValidationFailed(_("Enter the full shipping address (6 to 300 characters)."), field="address",
                               code="trade.address_invalid")
    stored = pii_store(kind="address", value=cleaned, actor=actor)
    return stored.token, stored.masked[:200]


def _reserve(actor: Any, offer: offers.ListingOffer, order_ref: str) -> offers.ListingOffer:
    """The listing reserved at the version the buyer saw. The listings context re-checks, under the listing's
    lock, the version, the sealed facts and the item's circulation (holds): ItemNotCirculable passes through."""
    try:
        return offers.listing_reserve(actor=actor, listing_id=offer.id, expected_version=offer.version,
                                      order_ref=order_ref)
    except Conflict as error:
        if error.code == "listings.stale":
            raise StalePrice(params={"title": offer.title, "listing_id": offer.id}) from error
        if not error.code.startswith("listings."):
            raise
        raise ListingUnavailable(params={"title": offer.title}) from error


def _seller_key(offer: offers.ListingOffer) -> tuple[str, int]:
    if offer.seller_kind == "consumer":
        return ("consumer", int(offer.seller_user_id or 0))
    return ("operator", int(offer.seller_operator_id or 0))


def _district(outlet_id: int | None) -> str:
    if outlet_id is None:
        return ""
    try:
        return outlet_ref(outlet_id, scope=CITY).district_code
    except NotFound:
        return ""


def _order_for(checkout: Checkout, payment: Payment, group: list[offers.ListingOffer], inspection: bool,
               number: str, receipt_code: str) -> Order:
    first = group[0]
    total = sum((offer.price for offer in group), Decimal("0.00"))
    consumer = first.seller_kind == "consumer"
    order = Order.objects.create(
        number=number, receipt_code=receipt_code, checkout=checkout, payment=payment,
        buyer=checkout.buyer, seller_kind=first.seller_kind, seller_operator_id=first.seller_operator_id,
        seller_outlet_id=first.seller_outlet_id, seller_user_id=first.seller_user_id,
        district_code=_district(first.seller_outlet_id), channel="online", fulfilment=checkout.fulfilment,
        inspection_requested=inspection and consumer and all(o.platform_inspection_offered for o in group),
        total=total, fee_rate=Decimal(str(trade_setting("PLATFORM_FEE_RATE"))),
        address_token=checkout.address_token, address_masked=checkout.address_masked,
        pickup_code=new_pickup_code() if checkout.fulfilment == Fulfilment.PICKUP else "")
    OrderLine.objects.bulk_create([OrderLine(
        order=order, listing_id=offer.id, listing_code=offer.code, listing_version=offer.version,
        disclosure_sha256=offer.disclosure_sha256, item_id=offer.item_id, item_code=offer.item_code,
        category_id=offer.category_id, category_code=offer.category_code, title=offer.title[:200],
        price=offer.price, warranty_days=offer.warranty_days, return_window_days=offer.return_window_days,
        terms_text=offer.terms_text[:2000]) for offer in group])
    order_note(order, actor=checkout.buyer, kind="order_placed", total=str(total), lines=len(group))
    return order


def _grouped(found: Iterable[offers.ListingOffer]) -> dict[tuple[str, int], list[offers.ListingOffer]]:
    groups: dict[tuple[str, int], list[offers.ListingOffer]] = {}
    for offer in found:
        groups.setdefault(_seller_key(offer), []).append(offer)
    return groups


@transaction.atomic
def checkout_place(*, actor: Any, lines: Sequence[CheckoutLine], fulfilment: str, address: str = "",
                   inspection: bool = False) -> Checkout:
    """Reserve every listing, then one order per seller and one payment (with the provider's intent).

    Every refusal ends the whole checkout, so its audit events (the vault's, the items', the listings' and its
    own) are collected and inserted with one statement at the end."""
    _require_buyer(actor)
    with audit_batch():
        found = _checked_lines(actor, lines, inspection)
        token, masked = _address(actor, fulfilment, address)
        total = sum((offer.price for offer in found), Decimal("0.00"))
        numbers = checkout_numbers(len(_grouped(found)))
        checkout = Checkout.objects.create(number=numbers.checkout, buyer=actor, fulfilment=fulfilment,
                                           address_token=token, address_masked=masked, total=total)
        reserved = [_reserve(actor, offer, checkout.number) for offer in found]
        provider = provider_get()
        intent = provider.create_intent(payment_number=numbers.payment, amount=total,
                                        description=_("Recirc checkout %(number)s") % {"number": checkout.number})
        payment = Payment.objects.create(number=numbers.payment, checkout=checkout, method=PaymentMethod.ONLINE,
                                         provider=provider.name, provider_reference=intent.reference, amount=total)
        for group, number, receipt_code in zip(_grouped(reserved).values(), numbers.orders, numbers.receipts,
                                               strict=True):
            _order_for(checkout, payment, group, inspection, number, receipt_code)
        CartLine.objects.filter(user=actor, listing_id__in=[offer.id for offer in found]).delete()
        audit_record(actor=actor, action="trade.checkout_placed", target=checkout,
                     payload={"number": checkout.number, "total": str(total), "listings": [o.id for o in found],
                              "payment": payment.number})
    return checkout
