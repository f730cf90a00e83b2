"""The listings facade as trade uses it: offers, reservations and sealed disclosures."""

from __future__ import annotations

from recirc.listings.contracts import DisclosureRef, ListingOffer
from recirc.listings.facade import (
    disclosure_for_listing,
    listing_for_item_code,
    listing_mark_sold,
    listing_offer,
    listing_release,
    listing_reserve,
)

__all__ = ["DisclosureRef", "ListingOffer", "disclosure_for_listing", "listing_for_item_code", "listing_mark_sold",
           "listing_offer", "listing_release", "listing_reserve"]
