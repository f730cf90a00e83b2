"""Reads of listings, scoped to the actor by construction. Missing and forbidden listings both raise NotFound.

The seller side (my listings) sees its own listings in every status; the public sees published, reserved and
sold listings (search finds published ones only); city-wide roles see everything, read-only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from recirc.core.permissions import has_role, is_operator_staff
from recirc.core.roles import Role
from recirc.listings.disclosure import seal
from recirc.listings.errors import ListingNotFound
from recirc.listings.models import PUBLIC_STATUSES, Disclosure, Listing, ListingPhoto, ListingStatus
from recirc.listings.policy import is_signed_in
from recirc.operators.facade import operator_scope


def visible_filter(actor: Any) -> Q | None:
    """Listings the actor may see on the seller side; None means all of them (city-wide roles, read-only)."""
    if not is_signed_in(actor):
        return Q(pk__in=[])
    if has_role(actor, Role.CONSUMER):
        return Q(seller_user_id=actor.pk)
    scope = operator_scope(actor)
    if scope.city_wide:
        return None
    if not is_operator_staff(actor):
        return Q(pk__in=[])
    return Q(seller_operator_id__in=scope.operator_ids)


def listings_visible_to(actor: Any) -> QuerySet[Listing]:
    condition = visible_filter(actor)
    listings = Listing.objects.select_related("seller_operator", "seller_outlet")
    return listings if condition is None else listings.filter(condition)


def listing_get(actor: Any, listing_id: int) -> Listing:
    listing = listings_visible_to(actor).filter(pk=listing_id).first()
    if listing is None:
        raise ListingNotFound()
    return listing


def public_listing_get(code: str) -> Listing:
    """A listing the public may see (published, reserved, sold) by its number; NotFound otherwise."""
    listing = (Listing.objects.select_related("seller_operator", "seller_outlet")
               .filter(code=(code or "").strip().upper(), status__in=sorted(PUBLIC_STATUSES)).first())
    if listing is None:
        raise ListingNotFound()
    return listing


def listing_list(actor: Any, *, status: str = "", query: str = "", seller_kind: str = "") -> QuerySet[Listing]:
    """The actor's listings (seller side), newest first, with their photo counts."""
    listings = listings_visible_to(actor)
    if status:
        listings = listings.filter(status=status)
    if seller_kind:
        listings = listings.filter(seller_kind=seller_kind)
    text = " ".join((query or "").split())
    if text:
        listings = listings.filter(Q(code__iexact=text) | Q(item_code__iexact=text.replace("-", ""))
                                   | Q(title__icontains=text) | Q(brand__icontains=text)
                                   | Q(model_name__icontains=text))
    return listings.annotate(photo_count=Count("photos")).order_by("-created_at", "-id")


def status_counts(actor: Any) -> dict[str, int]:
    counts = {status.value: 0 for status in ListingStatus}
    for row in listings_visible_to(actor).order_by().values("status").annotate(total=Count("id")):
        counts[row["status"]] = row["total"]
    return counts


def photos_of(listing: Listing) -> list[ListingPhoto]:
    return list(listing.photos.order_by("position", "id"))


@dataclass(frozen=True)
class SealedDisclosure:
    """A stored disclosure with its integrity recomputed now: `intact` is False when the stored JSON no longer
    hashes to the sealed SHA-256 (or the listing names another hash)."""

    disclosure: Disclosure
    data: dict[str, Any]
    intact: bool


def disclosure_get(listing: Listing, version: int | None = None) -> SealedDisclosure | None:
    wanted = version if version is not None else listing.disclosure_version
    disclosure = Disclosure.objects.filter(listing=listing, version=wanted).first()
    if disclosure is None:
        return None
    intact = seal(disclosure.canonical) == disclosure.sha256
    if version is None:
        intact = intact and disclosure.sha256 == listing.disclosure_sha256
    try:
        data = json.loads(disclosure.canonical)
    except ValueError:
        data, intact = {}, False
    return SealedDisclosure(disclosure=disclosure, data=data, intact=intact)
