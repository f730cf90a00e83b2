"""The trade context's side of a listing: reserve it for an order, release it, mark it sold.

The trade context authorises its own actors (a buyer checking out, a clerk at the POS, the system expiring an
unpaid order) and calls these through the facade; `actor` may be None (the system) and is what the audit
event names. The item's state follows (listed -> reserved -> listed) through items.facade as the system, since
the buyer may not change the seller's item; the sale itself (reserved -> sold and the new owner) is the trade
context's transfer of the item.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.items.facade import ItemState, item_ref, item_transition
from recirc.listings.disclosure import canonical_json, compose, seal
from recirc.listings.errors import DisclosureOutdated, ListingNotFound, NotAvailable, OrderMismatch, StaleOffer
from recirc.listings.index import index_listing, unindex_listing
from recirc.listings.models import Listing, ListingStatus
from recirc.listings.services import disclosure_seal, move, record
from recirc.listings.validation import Checker

S = ListingStatus


def _locked(listing_id: int) -> Listing:
    listing = Listing.objects.select_for_update().filter(pk=listing_id).first()
    if listing is None:
        raise ListingNotFound()
    return listing


def _order_ref(order_ref: str) -> str:
    check = Checker()
    text = check.text("order_ref", order_ref, limit=64, required=True, single_line=True)
    check.raise_if_any()
    return text


@transaction.atomic
def listing_reserve(*, actor: Any, listing_id: int, expected_version: int, order_ref: str) -> Listing:
    """Reserve a published listing for an order placed on `expected_version`. Refused as stale when the
    version moved, or when the passport's facts no longer match the sealed disclosure (the listing page
    re-seals it, see listing_refresh_disclosure, and the buyer reviews the new version).

    The item moves to RESERVED first (item_transition refuses, under the item's lock, while a hold blocks it)
    and the passport it returns is the one the disclosure is re-composed from: the passport is read once."""
    reference = _order_ref(order_ref)
    listing = _locked(listing_id)
    if listing.status != S.PUBLISHED:
        raise NotAvailable(params={"state": ListingStatus(listing.status).label})
    if listing.version != expected_version:
        raise StaleOffer(params={"current": listing.version, "expected": expected_version})
    from_state = move(listing, "reserve")
    item = item_transition(actor=None, item_id=listing.item_id, to_state=ItemState.RESERVED,
                           reason=_("Reserved for order %(order)s") % {"order": reference})
    if seal(canonical_json(compose(listing, item))) != listing.disclosure_sha256:
        raise DisclosureOutdated()  # the item's transition above is rolled back with the rest
    listing.order_ref = reference
    listing.save(update_fields=["status", "order_ref", "updated_at"])
    unindex_listing(listing.pk)
    record(actor, listing, "listing_reserved", from_state, order=reference, price=listing.price)
    return listing


def _require_order(listing: Listing, reference: str) -> None:
    if listing.status != S.RESERVED:
        raise NotAvailable(params={"state": ListingStatus(listing.status).label})
    if listing.order_ref != reference:
        raise OrderMismatch()


@transaction.atomic
def listing_release(*, actor: Any, listing_id: int, order_ref: str) -> Listing:
    """The order did not go through: the listing is published again and the item listed."""
    reference = _order_ref(order_ref)
    listing = _locked(listing_id)
    _require_order(listing, reference)
    from_state = move(listing, "release")
    item = item_transition(actor=None, item_id=listing.item_id, to_state=ItemState.LISTED,
                           reason=_("Order %(order)s released the reservation") % {"order": reference})
    listing.order_ref = ""
    listing.save(update_fields=["status", "order_ref", "updated_at"])
    index_listing(listing, compose(listing, item), item.attributes)
    record(actor, listing, "listing_released", from_state, order=reference)
    return listing


@transaction.atomic
def listing_mark_sold(*, actor: Any, listing_id: int, order_ref: str) -> Listing:
    """The order was paid: the listing is sold (the trade context transfers the item to its buyer)."""
    reference = _order_ref(order_ref)
    listing = _locked(listing_id)
    _require_order(listing, reference)
    from_state = move(listing, "mark_sold")
    listing.sold_at = timezone.now()
    listing.save(update_fields=["status", "sold_at", "updated_at"])
    record(actor, listing, "listing_sold", from_state, order=reference, price=listing.price)
    return listing


@transaction.atomic
def listing_refresh_disclosure(*, actor: Any, listing_id: int) -> Listing:
    """Re-compose a published listing's disclosure; when the passport's facts changed (a repair, a new report,
    a certificate) seal a new version, move the offer's version and re-index. Idempotent."""
    listing = _locked(listing_id)
    if listing.status != S.PUBLISHED:
        return listing
    item = item_ref(listing.item_id)
    data = compose(listing, item)
    _disclosure, is_new = disclosure_seal(actor, listing, data)
    if is_new:
        listing.version += 1
        listing.save()
        index_listing(listing, data, item.attributes)
        record(actor, listing, "disclosure_recomposed", listing.status)
    return listing
