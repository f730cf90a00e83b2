"""The platform's takedown through the facade: published or sold -> taken down (hidden), back on reinstatement;
every other state, and every actor but a platform moderator or administrator (or the system), is refused and
changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from recirc.core.errors import Conflict, PermissionDenied, ValidationFailed
from recirc.core.roles import Role
from recirc.items.models import Item
from recirc.items.tests.factories import UserFactory
from recirc.listings.facade import listing_reinstate, listing_take_down
from recirc.listings.models import Listing, ListingStatus, PublicListing, SearchEntry
from recirc.listings.tests.conftest import snapshot
from recirc.listings.tests.factories import published
from recirc.listings.tests.test_transitions import built

S = ListingStatus
REASON = "假冒注册商标商品。"


@pytest.fixture
def moderator(db: Any) -> Any:
    return UserFactory(role=Role.MODERATOR, username="mod.wu")


def test_a_published_listing_is_taken_down_and_reinstated(world: dict[str, Any], moderator: Any) -> None:
    listing = published(world)
    offer = listing_take_down(actor=moderator, listing_id=listing.pk, reason=REASON, decision_ref="MD261201-AAAAA")
    assert (offer.status, offer.takedown_reason, offer.takedown_ref) == ("taken_down", REASON, "MD261201-AAAAA")
    assert Item.objects.get(pk=listing.item_id).state == "in_stock"
    assert (SearchEntry.objects.filter(listing_id=listing.pk).count(),
            PublicListing.objects.filter(listing_id=listing.pk).count()) == (0, 0)
    back = listing_reinstate(actor=moderator, listing_id=listing.pk, decision_ref="MD261201-AAAAA")
    assert (back.status, back.takedown_reason, back.takedown_ref, back.taken_down_at) == ("published", "", "", None)
    assert Item.objects.get(pk=listing.item_id).state == "listed"
    assert (SearchEntry.objects.filter(listing_id=listing.pk).count(),
            PublicListing.objects.filter(listing_id=listing.pk).count()) == (1, 1)


def test_a_sold_listing_is_hidden_and_reinstated_as_sold(world: dict[str, Any], moderator: Any) -> None:
    listing = built(world, S.SOLD)
    Listing.objects.filter(pk=listing.pk).update(sold_at=listing.published_at)
    assert listing_take_down(actor=None, listing_id=listing.pk, reason=REASON, decision_ref="MD-1").status == (
        "taken_down")
    assert listing_reinstate(actor=moderator, listing_id=listing.pk, decision_ref="MD-1").status == "sold"


@pytest.mark.parametrize(("status", "code"), [(S.DRAFT, "listings.transition_not_allowed"),
                                              (S.WITHDRAWN, "listings.transition_not_allowed"),
                                              (S.RESERVED, "listings.reserved_mid_checkout")])
def test_other_states_cannot_be_taken_down(world: dict[str, Any], moderator: Any, status: str, code: str) -> None:
    listing = built(world, status)
    before = snapshot()
    with pytest.raises(Conflict) as refused:
        listing_take_down(actor=moderator, listing_id=listing.pk, reason=REASON, decision_ref="MD-1")
    assert refused.value.code == code
    assert snapshot() == before


def test_only_a_taken_down_listing_is_reinstated(world: dict[str, Any], moderator: Any) -> None:
    listing = published(world)
    before = snapshot()
    with pytest.raises(Conflict) as refused:
        listing_reinstate(actor=moderator, listing_id=listing.pk, decision_ref="MD-1")
    assert refused.value.code == "listings.transition_not_allowed"
    assert snapshot() == before


@pytest.mark.parametrize("who", ["clerk_a", "manager_a", "seller", "regulator"])
def test_sellers_and_others_cannot_take_down(world: dict[str, Any], who: str) -> None:
    listing = published(world)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        listing_take_down(actor=world[who], listing_id=listing.pk, reason=REASON, decision_ref="MD-1")
    assert snapshot() == before


def test_a_takedown_needs_a_reason_and_a_decision(world: dict[str, Any], moderator: Any) -> None:
    listing = published(world)
    before = snapshot()
    with pytest.raises(ValidationFailed) as refused:
        listing_take_down(actor=moderator, listing_id=listing.pk, reason=" ", decision_ref="")
    assert sorted(refused.value.errors) == ["decision_ref", "reason"]
    assert snapshot() == before
