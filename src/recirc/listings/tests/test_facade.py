"""The facade the trade context codes against: offers, sealed disclosures, reserve / release / sold."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from recirc.core.errors import Conflict, NotFound
from recirc.core.models import AuditEvent
from recirc.items.facade import hold_place, item_ref
from recirc.items.models import ItemState
from recirc.listings import facade
from recirc.listings.models import Disclosure, ListingStatus, SearchEntry
from recirc.listings.tests.conftest import snapshot
from recirc.listings.tests.factories import published
from recirc.operators.facade import operator_scope


def test_offer_of_a_published_listing_carries_price_terms_and_seal(world: dict[str, Any]) -> None:
    # given a published operator listing of an inspected, erased phone
    listing = published(world)
    # when the trade context reads the offer
    offer = facade.listing_offer(listing.pk)
    # then it has exactly the listing's facts
    assert (offer.code, offer.status, offer.version, offer.price) == (listing.code, "published", 2,
                                                                       Decimal("2999.00"))
    assert (offer.seller_kind, offer.seller_operator_id, offer.seller_user_id) == ("operator",
                                                                                   world["operator_a"].pk, None)
    assert (offer.warranty_days, offer.return_window_days, offer.platform_inspection_offered) == (90, 7, False)
    assert offer.disclosure_sha256 == Disclosure.objects.get(listing=listing).sha256
    assert facade.listing_offer_by_code(listing.code.lower()) == offer


def test_unknown_listing_is_not_found(world: dict[str, Any]) -> None:
    with pytest.raises(NotFound):
        facade.listing_offer(999999)
    with pytest.raises(NotFound):
        facade.listing_offer_by_code("L000000-XXXXX")


def test_disclosure_ref_lists_the_facts_in_order(world: dict[str, Any]) -> None:
    listing = published(world)
    ref = facade.disclosure_for_listing(listing.pk)
    labels = [label for label, _value in ref.facts]
    assert labels[:2] == ["Used goods", "Inspection report"]
    assert "Battery health" in labels and "Data erasure certificate" in labels
    assert ("Known defects", "None known to the seller.") in ref.facts
    assert ref.version == 1 and ref.data["used_label"] is True and ref.data["battery"] == {"percent": 91,
                                                                                           "source": "passport"}


def test_tampered_disclosure_is_not_served(world: dict[str, Any]) -> None:
    listing = published(world)
    Disclosure.objects.filter(listing=listing).update(canonical='{"known_defects":[]}')
    with pytest.raises(NotFound):
        facade.disclosure_for_listing(listing.pk)


def test_reserve_release_and_sell_move_the_item(world: dict[str, Any]) -> None:
    listing = published(world)
    offer = facade.listing_reserve(actor=None, listing_id=listing.pk, expected_version=2, order_ref="O-1")
    assert offer.status == ListingStatus.RESERVED
    assert item_ref(listing.item_id).state == ItemState.RESERVED
    assert not SearchEntry.objects.filter(listing_id=listing.pk).exists()
    offer = facade.listing_release(actor=None, listing_id=listing.pk, order_ref="O-1")
    assert (offer.status, item_ref(listing.item_id).state) == ("published", ItemState.LISTED)
    assert SearchEntry.objects.filter(listing_id=listing.pk).count() == 1
    facade.listing_reserve(actor=world["seller"], listing_id=listing.pk, expected_version=2, order_ref="O-2")
    offer = facade.listing_mark_sold(actor=None, listing_id=listing.pk, order_ref="O-2")
    assert offer.status == ListingStatus.SOLD
    actions = list(AuditEvent.objects.filter(target_id=str(listing.pk), action__startswith="listings.listing_")
                   .order_by("pk").values_list("action", flat=True))
    assert actions[-4:] == ["listings.listing_reserved", "listings.listing_released", "listings.listing_reserved",
                            "listings.listing_sold"]


def test_reserve_refuses_a_stale_version_and_changes_nothing(world: dict[str, Any]) -> None:
    listing = published(world)
    before = snapshot()
    with pytest.raises(Conflict) as refused:
        facade.listing_reserve(actor=None, listing_id=listing.pk, expected_version=1, order_ref="O-1")
    assert refused.value.code == "listings.stale"
    assert snapshot() == before


def test_reserve_refuses_unless_published(world: dict[str, Any]) -> None:
    listing = published(world)
    facade.listing_reserve(actor=None, listing_id=listing.pk, expected_version=2, order_ref="O-1")
    before = snapshot()
    with pytest.raises(Conflict) as refused:
        facade.listing_reserve(actor=None, listing_id=listing.pk, expected_version=2, order_ref="O-2")
    assert refused.value.code == "listings.not_available"
    with pytest.raises(Conflict) as mismatch:
        facade.listing_mark_sold(actor=None, listing_id=listing.pk, order_ref="O-2")
    assert mismatch.value.code == "listings.order_mismatch"
    assert snapshot() == before


def test_reserve_rechecks_circulability(world: dict[str, Any]) -> None:
    from recirc.items.tests.factories import UserFactory

    listing = published(world)
    police = UserFactory(role="police", username="police")
    hold_place(actor=police, item_id=listing.item_id, kind="police", reason="Stolen report 17",
               order_number="PH-2026-17")
    with pytest.raises(Conflict) as refused:
        facade.listing_reserve(actor=None, listing_id=listing.pk, expected_version=2, order_ref="O-1")
    assert refused.value.code in ("listings.not_available", "items.not_circulable")


def test_pos_finds_the_published_listing_of_an_item_in_scope(world: dict[str, Any]) -> None:
    listing = published(world)
    found = facade.listing_for_item_code(world["clerk_a"], listing.item_code.lower())
    assert found is not None and found.id == listing.pk
    assert facade.listing_for_item_code(world["clerk_b"], listing.item_code) is None


def test_published_count_by_scope(world: dict[str, Any]) -> None:
    published(world)
    assert facade.listings_published_count(operator_scope(world["clerk_a"])) == 1
    assert facade.listings_published_count(operator_scope(world["clerk_b"])) == 0
    assert facade.listings_published_count(operator_scope(world["regulator"])) == 1
