"""The only module other contexts import from listings. Everything returned is a contract.

The trade context reads offers (`listing_offer`, `listing_for_item_code` at the POS), shows the sealed
disclosure on receipts (`disclosure_for_listing`), and moves a listing through an order: `listing_reserve`
(with the version the buyer saw), `listing_release`, `listing_mark_sold`. Reads are unscoped unless they take an
actor: callers authorise their own actors. `actor` may be None for the system.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from recirc.listings import drafting, photos, policy, reservations, services, takedowns
from recirc.listings.contracts import DisclosureRef, ListingOffer
from recirc.listings.errors import ListingNotFound
from recirc.listings.facts import facts
from recirc.listings.gates import ListingText, register_publication_check
from recirc.listings.models import Listing, ListingStatus, SellerKind
from recirc.listings.selectors import disclosure_get
from recirc.operators.contracts import OperatorScope
from recirc.operators.facade import operator_scope

__all__ = [
    "DisclosureRef",
    "ListingOffer",
    "ListingStatus",
    "ListingText",
    "SellerKind",
    "disclosure_for_listing",
    "listing_create",
    "listing_create_c2c",
    "listing_for_item_code",
    "listing_mark_sold",
    "listing_offer",
    "listing_offer_by_code",
    "listing_offers",
    "listing_photo_add",
    "listing_publish",
    "listing_refresh_disclosure",
    "listing_reinstate",
    "listing_release",
    "listing_reserve",
    "listing_seller_may_act",
    "listing_take_down",
    "listing_update",
    "listing_withdraw",
    "listings_published_count",
    "register_publication_check",
]


def to_offer(listing: Listing) -> ListingOffer:
    """A draft's missing price and terms read as 0 (a draft cannot be reserved)."""
    return ListingOffer(
        id=listing.pk, code=listing.code, version=listing.version, status=listing.status, item_id=listing.item_id,
        item_code=listing.item_code, category_id=listing.category_id, category_code=listing.category_code,
        title=listing.title, price=listing.price if listing.price is not None else Decimal("0.00"),
        seller_kind=listing.seller_kind, seller_operator_id=listing.seller_operator_id,
        seller_outlet_id=listing.seller_outlet_id, seller_user_id=listing.seller_user_id,
        warranty_days=listing.warranty_days or 0, return_window_days=listing.return_window_days or 0,
        terms_text=listing.terms_text, platform_inspection_offered=listing.platform_inspection_offered,
        disclosure_sha256=listing.disclosure_sha256, channel=listing.channel, taken_down_at=listing.taken_down_at,
        takedown_reason=listing.takedown_reason, takedown_ref=listing.takedown_ref)


def listing_offer(listing_id: int) -> ListingOffer:
    """Unscoped; ListingNotFound (a core NotFound) when there is no such listing."""
    listing = Listing.objects.filter(pk=listing_id).first()
    if listing is None:
        raise ListingNotFound()
    return to_offer(listing)


def listing_offers(listing_ids: list[int]) -> dict[int, ListingOffer]:
    """Unscoped: the offers of the listings that exist among the ids, by id (one query)."""
    return {listing.pk: to_offer(listing) for listing in Listing.objects.filter(pk__in=list(listing_ids))}


def listing_offer_by_code(code: str) -> ListingOffer:
    listing = Listing.objects.filter(code=(code or "").strip().upper()).first()
    if listing is None:
        raise ListingNotFound()
    return to_offer(listing)


def listing_for_item_code(actor: Any, item_code: str) -> ListingOffer | None:
    """At the POS: the published listing of the item with this passport code, when the listing's operator is in
    the actor's scope; None otherwise."""
    code = "".join((item_code or "").split()).replace("-", "").upper()
    listing = Listing.objects.filter(item_code=code, status=ListingStatus.PUBLISHED).first()
    if listing is None or listing.seller_operator_id is None:
        return None
    scope = operator_scope(actor)
    if scope.city_wide or listing.seller_operator_id not in scope.operator_ids:
        return None
    return to_offer(listing)


def disclosure_for_listing(listing_id: int, version: int | None = None) -> DisclosureRef:
    """A sealed disclosure (the current one by default) with its facts in the active language. NotFound when
    the listing or the version does not exist, or when the stored disclosure no longer matches its seal."""
    listing = Listing.objects.filter(pk=listing_id).first()
    sealed = disclosure_get(listing, version) if listing is not None else None
    if sealed is None or not sealed.intact:
        raise ListingNotFound()
    disclosure = sealed.disclosure
    return DisclosureRef(listing_id=listing_id, version=disclosure.version, sha256=disclosure.sha256,
                         composed_at=disclosure.composed_at, facts=facts(sealed.data), data=sealed.data)


def listing_reserve(*, actor: Any, listing_id: int, expected_version: int, order_ref: str) -> ListingOffer:
    """Published -> reserved (item reserved). Conflict "listings.not_available" unless published,
    "listings.stale" when the version differs or the facts changed; ItemNotCirculable when a hold blocks."""
    return to_offer(reservations.listing_reserve(actor=actor, listing_id=listing_id,
                                                 expected_version=expected_version, order_ref=order_ref))


def listing_release(*, actor: Any, listing_id: int, order_ref: str) -> ListingOffer:
    """Reserved -> published (item listed again), for the order that reserved it."""
    return to_offer(reservations.listing_release(actor=actor, listing_id=listing_id, order_ref=order_ref))


def listing_mark_sold(*, actor: Any, listing_id: int, order_ref: str) -> ListingOffer:
    """Reserved -> sold, for the order that reserved it (the trade context transfers the item)."""
    return to_offer(reservations.listing_mark_sold(actor=actor, listing_id=listing_id, order_ref=order_ref))


def listing_refresh_disclosure(*, actor: Any, listing_id: int) -> ListingOffer:
    """Re-seal a published listing's disclosure when the passport's facts changed (idempotent)."""
    return to_offer(reservations.listing_refresh_disclosure(actor=actor, listing_id=listing_id))


def listing_take_down(*, actor: Any, listing_id: int, reason: str, decision_ref: str) -> ListingOffer:
    """The platform's takedown (moderation): published or sold -> taken down, gone from search, the market page,
    the public API and the read model in this transaction; `reason` is shown to the seller, `decision_ref` names
    the moderation decision. A published listing's item returns to stock. Refused for a reserved listing
    ("listings.reserved_mid_checkout"), for any other state ("listings.transition_not_allowed"), for an actor
    who is not a platform moderator or administrator ("listings.takedown_forbidden"; None is the system) and
    for an empty reason or reference ("listings.invalid")."""
    return to_offer(takedowns.listing_take_down(actor=actor, listing_id=listing_id, reason=reason,
                                                decision_ref=decision_ref))


def listing_reinstate(*, actor: Any, listing_id: int, decision_ref: str) -> ListingOffer:
    """Taken down -> published again (item listed, disclosure re-sealed if the passport changed, indexed) or
    sold again when it had been sold. Refused while a hold blocks the item or another listing holds it."""
    return to_offer(takedowns.listing_reinstate(actor=actor, listing_id=listing_id, decision_ref=decision_ref))


def listing_seller_may_act(actor: Any, listing_id: int) -> bool:
    """True when the actor is the listing's seller: the operator's clerks and managers (in scope), or the
    individual seller; False for anyone else and for a missing listing."""
    listing = Listing.objects.filter(pk=listing_id).first()
    return listing is not None and policy.is_seller(actor, listing)


def listings_published_count(scope: OperatorScope) -> int:
    """Published listings of operators in the scope (every published listing, C2C included, when city-wide)."""
    listings = Listing.objects.filter(status=ListingStatus.PUBLISHED)
    if not scope.city_wide:
        listings = listings.filter(seller_operator_id__in=scope.operator_ids)
    return listings.count()


# --- writes for the demo and other contexts' tests: the services, returning offers ---------------------------

def listing_create(*, actor: Any, item_id: int, **fields: Any) -> ListingOffer:
    return to_offer(drafting.listing_create(actor=actor, item_id=item_id, **fields))


def listing_create_c2c(*, actor: Any, item_id: int | None = None, item: dict[str, Any] | None = None,
                       **fields: Any) -> ListingOffer:
    return to_offer(drafting.listing_create_c2c(actor=actor, item_id=item_id, item=item, **fields))


def listing_update(*, actor: Any, listing_id: int, **fields: Any) -> ListingOffer:
    return to_offer(drafting.listing_update(actor=actor, listing_id=listing_id, **fields))


def listing_publish(*, actor: Any, listing_id: int) -> ListingOffer:
    return to_offer(services.listing_publish(actor=actor, listing_id=listing_id))


def listing_withdraw(*, actor: Any, listing_id: int) -> ListingOffer:
    return to_offer(services.listing_withdraw(actor=actor, listing_id=listing_id))



def listing_photo_add(*, actor: Any, listing_id: int, content: bytes) -> int:
    """Add a photo to a draft (checked with Pillow, EXIF removed, thumbnail made); the photo's id."""
    return photos.photo_add(actor=actor, listing_id=listing_id, content=content).pk
