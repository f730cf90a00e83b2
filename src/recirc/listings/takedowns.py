"""The platform's side of a listing: a moderator takes it down (with the reason the seller reads and the number of
the moderation decision) and reinstates it after an approval or a granted appeal.

Moderation decides and authorises its moderators, then calls these through the facade; listings still refuses any
actor who is not a platform moderator or administrator (or the system). A takedown drops the listing from search
and from the public read model in the same transaction, so no public path (market page, search, API, passport)
shows it from the moment it commits. A published listing's item returns to stock (the offer is gone; a new
listing of the item is refused while the takedown stands); a sold listing is only hidden (the item is the
buyer's). A reserved listing is mid-checkout and is refused: the order is paid or released first.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.core.permissions import has_role
from recirc.core.roles import Role
from recirc.items.facade import ItemState, item_ref, item_transition
from recirc.listings.disclosure import compose
from recirc.listings.errors import ListingNotFound, OpenListingExists
from recirc.listings.index import index_listing, unindex_listing
from recirc.listings.models import OPEN_STATUSES, Listing, ListingStatus, PublicListing
from recirc.listings.public import project
from recirc.listings.services import disclosure_seal, move, record
from recirc.listings.takedown_errors import ReservedMidCheckout, TakedownForbidden
from recirc.listings.validation import Checker

S = ListingStatus
REASON_LIMIT = 2000
REFERENCE_LIMIT = 40


def require_platform(actor: Any) -> None:
    if actor is not None and not has_role(actor, Role.MODERATOR, Role.PLATFORM_ADMIN):
        raise TakedownForbidden()


def _locked(listing_id: int) -> Listing:
    listing = Listing.objects.select_for_update().filter(pk=listing_id).first()
    if listing is None:
        raise ListingNotFound()
    return listing


def _checked(reason: str | None, decision_ref: str) -> tuple[str, str]:
    check = Checker()
    text = check.text("reason", reason, limit=REASON_LIMIT, required=True) if reason is not None else ""
    reference = check.text("decision_ref", decision_ref, limit=REFERENCE_LIMIT, required=True, single_line=True)
    check.raise_if_any()
    return text, reference


def _hide(listing: Listing) -> None:
    unindex_listing(listing.pk)
    PublicListing.objects.filter(listing_id=listing.pk).delete()


@transaction.atomic
def listing_take_down(*, actor: Any, listing_id: int, reason: str, decision_ref: str) -> Listing:
    """Published or sold -> taken down, hidden from every public path; the reason is shown to the seller."""
    require_platform(actor)
    text, reference = _checked(reason, decision_ref)
    listing = _locked(listing_id)
    if listing.status == S.RESERVED:
        raise ReservedMidCheckout(params={"order": listing.order_ref})
    from_state = move(listing, "take_down")
    if from_state == S.PUBLISHED and item_ref(listing.item_id).state == ItemState.LISTED:
        item_transition(actor=None, item_id=listing.item_id, to_state=ItemState.IN_STOCK,
                        reason=_("Listing %(code)s taken down by the platform") % {"code": listing.code})
    _hide(listing)
    listing.taken_down_at, listing.takedown_reason, listing.takedown_ref = timezone.now(), text, reference
    listing.save(update_fields=["status", "taken_down_at", "takedown_reason", "takedown_ref", "updated_at"])
    record(actor, listing, "listing_taken_down", from_state, decision=reference)
    return listing


def _republish(actor: Any, listing: Listing) -> None:
    """The item is listed again (refused while a hold blocks it or another listing holds it) and the disclosure
    re-sealed when the passport's facts changed meanwhile; then indexed and projected."""
    other = Listing.objects.filter(item_id=listing.item_id, status__in=sorted(OPEN_STATUSES)).first()
    if other is not None:
        raise OpenListingExists(params={"code": other.code})
    item = item_transition(actor=None, item_id=listing.item_id, to_state=ItemState.LISTED,
                           reason=_("Listing %(code)s reinstated by the platform") % {"code": listing.code})
    data = compose(listing, item)
    _disclosure, is_new = disclosure_seal(actor, listing, data)
    listing.version += 1 if is_new else 0
    listing.save()
    index_listing(listing, data, item.attributes)


@transaction.atomic
def listing_reinstate(*, actor: Any, listing_id: int, decision_ref: str) -> Listing:
    """Taken down -> published again (or sold again, when it had been sold), public as before."""
    require_platform(actor)
    _text, reference = _checked(None, decision_ref)
    listing = _locked(listing_id)
    from_state = move(listing, "reinstate_sold" if listing.sold_at is not None else "reinstate")
    previous = listing.takedown_ref
    listing.taken_down_at, listing.takedown_reason, listing.takedown_ref = None, "", ""
    if listing.status == S.PUBLISHED:
        _republish(actor, listing)
    else:
        listing.save()
        project(listing)
    record(actor, listing, "listing_reinstated", from_state, decision=reference, takedown=previous)
    return listing

