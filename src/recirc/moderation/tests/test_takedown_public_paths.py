"""A taken-down listing is never publicly visible (DESIGN.md invariant 7): the market page, the market search
page, the public API's search and detail, and the item's public passport; reinstatement brings it back."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from recirc.core.roles import Role
from recirc.items.tests.factories import UserFactory
from recirc.listings.models import Listing, PublicListing, SearchEntry
from recirc.listings.tests import conftest as listings_conftest
from recirc.moderation import queue_services
from recirc.moderation.tests.queue_factories import REASON, queued

world = listings_conftest.world
media = listings_conftest._media


def public_views(listing: Listing) -> dict[str, Any]:
    client = Client()
    market_page = client.get(f"/market/{listing.code}/")
    search_page = client.get("/market/", {"q": "iPhone"})
    api_search = client.get("/api/v1/listings/search", {"q": "iPhone"}).json()
    api_detail = client.get(f"/api/v1/listings/public/{listing.code}")
    passport = client.get(f"/items/p/{listing.item_code}/")
    photo = client.get(reverse("listing-photo", args=[listing.photos.get().pk, "thumb"]))
    return {"market_page": market_page.status_code,
            "search_page": listing.code in search_page.content.decode(),
            "api_search": [card["code"] for card in api_search["results"]],
            "api_detail": api_detail.status_code,
            "passport_names_listing": listing.code in passport.content.decode() or
            f"/market/{listing.code}/" in passport.content.decode(),
            "passport": passport.status_code, "photo": photo.status_code}


@pytest.fixture
def moderators(db: Any) -> dict[str, Any]:
    return {"one": UserFactory(role=Role.MODERATOR, username="mod.wu"),
            "two": UserFactory(role=Role.MODERATOR, username="mod.zhao")}


@override_settings(RECIRC_SEARCH_FRESH_SECONDS=0)
def test_a_taken_down_listing_leaves_every_public_path_and_comes_back_when_reinstated(
        world: dict[str, Any], moderators: dict[str, Any]) -> None:
    # Given a published phone listing waiting in the review queue, visible on every public path
    listing, item = queued(world, title="Apple iPhone 13 高仿")
    assert public_views(listing) == {"market_page": 200, "search_page": True, "api_search": [listing.code],
                                     "api_detail": 200, "passport_names_listing": False, "passport": 200, "photo": 200}

    # When a moderator takes it down
    decision = queue_services.review_take_down(actor=moderators["one"], item_id=item.pk, category="counterfeit_brand",
                                               reason=REASON)

    # Then no public path shows it, and search and the read model dropped it in the same transaction
    assert public_views(listing) == {"market_page": 404, "search_page": False, "api_search": [], "api_detail": 404,
                                     "passport_names_listing": False, "passport": 200, "photo": 404}
    assert (SearchEntry.objects.filter(listing_id=listing.pk).count(),
            PublicListing.objects.filter(listing_id=listing.pk).count()) == (0, 0)
    taken = Listing.objects.get(pk=listing.pk)
    assert (taken.status, taken.takedown_reason, taken.takedown_ref) == ("taken_down", REASON, decision.reference)

    # When the seller appeals and another moderator grants the appeal
    appeal = queue_services.appeal_file(actor=world["clerk_a"], listing_id=listing.pk, statement="这是正品，附发票。")
    queue_services.appeal_decide(actor=moderators["two"], appeal_id=appeal.pk, grant=True,
                                 answer="发票核实无误，恢复上架。")

    # Then it is back on every public path
    assert public_views(listing) == {"market_page": 200, "search_page": True, "api_search": [listing.code],
                                     "api_detail": 200, "passport_names_listing": False, "passport": 200, "photo": 200}
    back = Listing.objects.get(pk=listing.pk)
    assert (back.status, back.takedown_reason, back.takedown_ref) == ("published", "", "")
