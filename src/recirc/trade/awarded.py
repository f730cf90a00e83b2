"""A checkout for a lot awarded elsewhere (an auction's winner): the listings were reserved under the awarding
context's reference ("auction:<code>"); here they move to the checkout, at the prices that context settled
(the hammer price spread over the lot), and the buyer pays as for any checkout: one order per seller, one
payment, the address in the vault, the same expiry and the same ledger.

The awarding context has checked that the actor won and what each line costs; trade checks the rest (a
consumer buyer, listings still reserved under that reference at the version awarded, positive prices) and
refuses the whole checkout otherwise, leaving the reservations as they were.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from recirc.core.audit import audit_batch, audit_record
from recirc.core.errors import DomainError, NotFound, ValidationFailed
from recirc.trade import offers
from recirc.trade.checkout import _address, _grouped, _order_for, _require_buyer
from recirc.trade.errors import ListingUnavailable
from recirc.trade.models import Checkout, Payment, PaymentMethod
from recirc.trade.numbers import checkout_numbers
from recirc.trade.payments import provider_get


@dataclass(frozen=True)
class AwardedLine:
    listing_id: int
    version: int  # the listing version the award was made on
    price: Decimal  # this line's share of the awarded price


def _offers(lines: Sequence[AwardedLine], reference: str) -> list[offers.ListingOffer]:
    if not lines or len({line.listing_id for line in lines}) != len(lines):
        raise ValidationFailed(_("An awarded lot needs its listings, each once."), field="lines",
                               code="trade.award_invalid")
    found = []
    for line in sorted(lines, key=lambda row: row.listing_id):
        try:
            offer = offers.listing_offer(line.listing_id)
        except NotFound as error:
            raise ValidationFailed(_("A listing in the checkout does not exist."), field="lines",
                                   code="trade.listing_unknown") from error
        if offer.status != "reserved" or offer.version != line.version:
            raise ListingUnavailable(params={"title": offer.title})
        if line.price <= 0 or line.price != line.price.quantize(Decimal("0.01")):
            raise ValidationFailed(_("An awarded price must be a positive amount in yuan."), field="lines",
                                   code="trade.award_invalid")
        found.append(replace(offer, price=line.price))
    return found


def _moved(actor: Any, offer: offers.ListingOffer, reference: str, checkout_number: str) -> offers.ListingOffer:
    """The reservation moves from the award to the checkout under the listing's lock, in this transaction:
    released and reserved again at once, so nobody else can take it in between."""
    try:
        offers.listing_release(actor=actor, listing_id=offer.id, order_ref=reference)
        offers.listing_reserve(actor=actor, listing_id=offer.id, expected_version=offer.version,
                               order_ref=checkout_number)
    except DomainError as error:  # another reference, a changed listing: unavailable; a hold passes through
        if not error.code.startswith("listings."):
            raise
        raise ListingUnavailable(params={"title": offer.title}) from error
    return offer


@transaction.atomic
def checkout_place_awarded(*, actor: Any, lines: Sequence[AwardedLine], reference: str, fulfilment: str,
                           address: str = "", description: str = "") -> Checkout:
    """The awarded lot's checkout: orders at the awarded prices and one payment (pay it like any other)."""
    _require_buyer(actor)
    with audit_batch():
        found = _offers(lines, reference)
        token, masked = _address(actor, fulfilment, address)
        total = sum((offer.price for offer in found), Decimal("0.00"))
        numbers = checkout_numbers(len(_grouped(found)))
        checkout = Checkout.objects.create(number=numbers.checkout, buyer=actor, fulfilment=fulfilment,
                                           address_token=token, address_masked=masked, total=total)
        moved = [_moved(actor, offer, reference, checkout.number) for offer in found]
        provider = provider_get()
        intent = provider.create_intent(payment_number=numbers.payment, amount=total,
                                        description=description[:200] or _("Recirc checkout %(number)s")
                                        % {"number": checkout.number})
        payment = Payment.objects.create(number=numbers.payment, checkout=checkout, method=PaymentMethod.ONLINE,
                                         provider=provider.name, provider_reference=intent.reference, amount=total)
        for group, number, receipt_code in zip(_grouped(moved).values(), numbers.orders, numbers.receipts,
                                               strict=True):
            _order_for(checkout, payment, group, False, number, receipt_code)
        audit_record(actor=actor, action="trade.checkout_placed", target=checkout,
                     payload={"number": checkout.number, "total": str(total), "listings": [o.id for o in found],
                              "payment": payment.number, "awarded_by": reference[:64]})
    return checkout
