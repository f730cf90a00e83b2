"""Creating, completing, publishing, withdrawing: the publication check names every missing item at once, the
disclosure is composed from the passport and sealed, the item's state follows, the index stays in step."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from recirc.core.errors import Conflict, PermissionDenied, ValidationFailed
from recirc.core.models import AuditEvent
from recirc.items.facade import item_ref
from recirc.items.models import ItemState
from recirc.listings import drafting, services
from recirc.listings.models import Disclosure, ListingStatus, SearchEntry
from recirc.listings.tests.conftest import snapshot
from recirc.listings.tests.factories import (
    COMPLETE_TERMS,
    draft,
    inspected,
    published,
    ready_phone,
    stock_bookcase,
    stock_phone,
    with_photo,
)


def test_publish_names_every_missing_item_and_changes_nothing(world: dict[str, Any]) -> None:
    # given a draft of a phone that was neither inspected nor erased, with no price, defects or photo
    listing = draft(world, stock_phone(world, battery=None))
    before = snapshot()
    # when the clerk publishes it
    with pytest.raises(ValidationFailed) as refused:
        services.listing_publish(actor=world["clerk_a"], listing_id=listing.pk)
    # then every missing item is named, and nothing changed
    assert refused.value.code == "listings.incomplete"
    assert sorted(refused.value.errors) == ["battery", "erasure", "grade", "items.erasure_pending",
                                            "known_defects", "photos", "price", "report"]
    assert snapshot() == before


def test_operator_terms_below_the_policy_minimum_are_refused(world: dict[str, Any], settings: Any) -> None:
    settings.RECIRC_WARRANTY_MIN_DAYS = 120
    listing = with_photo(world, draft(world, ready_phone(world), **COMPLETE_TERMS, warranty_days=90,
                                      return_window_days=3))
    with pytest.raises(ValidationFailed) as refused:
        services.listing_publish(actor=world["clerk_a"], listing_id=listing.pk)
    assert refused.value.errors == {"warranty_days": ["A warranty of at least 120 days."],
                                    "return_window_days": ["A no-reason return window of at least 7 days for "
                                                           "online sales."]}


def test_in_store_only_listing_needs_no_online_return_window(world: dict[str, Any]) -> None:
    listing = published(world, channel="in_store", return_window_days=0)
    assert listing.status == ListingStatus.PUBLISHED


def test_publishing_seals_the_disclosure_lists_the_item_and_indexes_it(world: dict[str, Any]) -> None:
    listing = published(world)
    disclosure = Disclosure.objects.get(listing=listing)
    data = json.loads(disclosure.canonical)
    assert (listing.status, listing.version, listing.disclosure_version) == ("published", 2, 1)
    assert listing.disclosure_sha256 == disclosure.sha256
    assert data["used_label"] is True and data["inspection"]["outcome"] == "graded"
    assert data["erasure"]["code"] != "" and data["repairs"] == {"records": [], "refurbished": False,
                                                                 "non_original_parts": False,
                                                                 "main_parts_replaced": []}
    assert item_ref(listing.item_id).state == ItemState.LISTED
    entry = SearchEntry.objects.get(listing_id=listing.pk)
    assert "iphone 13" in entry.text and "苹果" in entry.grams.split() and entry.price == Decimal("2999.00")
    assert AuditEvent.objects.filter(action="listings.listing_published", target_id=str(listing.pk)).count() == 1


def test_withdraw_takes_it_off_sale(world: dict[str, Any]) -> None:
    listing = published(world)
    services.listing_withdraw(actor=world["clerk_a"], listing_id=listing.pk)
    listing.refresh_from_db()
    assert listing.status == ListingStatus.WITHDRAWN and listing.withdrawn_at is not None
    assert item_ref(listing.item_id).state == ItemState.IN_STOCK
    assert not SearchEntry.objects.filter(listing_id=listing.pk).exists()


def test_back_to_draft_change_and_publish_again_moves_the_version(world: dict[str, Any]) -> None:
    listing = published(world)
    services.listing_reopen(actor=world["clerk_a"], listing_id=listing.pk)
    drafting.listing_update(actor=world["clerk_a"], listing_id=listing.pk, price="2799")
    listing = services.listing_publish(actor=world["clerk_a"], listing_id=listing.pk)
    assert (listing.version, listing.price, listing.disclosure_version) == (3, Decimal("2799.00"), 1)


def test_a_disclosed_defect_cannot_be_removed(world: dict[str, Any]) -> None:
    listing = published(world, no_known_defects=False, known_defects=["后盖有细微划痕"])
    services.listing_reopen(actor=world["clerk_a"], listing_id=listing.pk)
    before = snapshot()
    with pytest.raises(ValidationFailed) as refused:
        drafting.listing_update(actor=world["clerk_a"], listing_id=listing.pk, known_defects=[],
                                no_known_defects=True)
    assert refused.value.code == "listings.defect_removal"
    assert snapshot() == before
    updated = drafting.listing_update(actor=world["clerk_a"], listing_id=listing.pk,
                                      known_defects=["后盖有细微划痕", "听筒音量偏小"])
    assert updated.known_defects == ["后盖有细微划痕", "听筒音量偏小"]


def test_new_facts_compose_a_new_disclosure_version(world: dict[str, Any]) -> None:
    listing = published(world)
    services.listing_reopen(actor=world["clerk_a"], listing_id=listing.pk)
    drafting.listing_update(actor=world["clerk_a"], listing_id=listing.pk, seller_notes="含原装盒")
    listing = services.listing_publish(actor=world["clerk_a"], listing_id=listing.pk)
    assert listing.disclosure_version == 2
    assert list(Disclosure.objects.filter(listing=listing).values_list("version", flat=True)) == [2, 1]


def test_an_item_listed_once_cannot_get_a_second_open_listing(world: dict[str, Any]) -> None:
    item = ready_phone(world)
    draft(world, item)
    with pytest.raises(Conflict) as refused:
        draft(world, item)
    assert refused.value.code == "listings.open_listing_exists"


def test_only_items_in_stock_can_be_listed(world: dict[str, Any]) -> None:
    listing = published(world)
    with pytest.raises(Conflict) as refused:
        draft(world, item_ref(listing.item_id))
    assert refused.value.code in ("listings.item_not_listable", "listings.open_listing_exists")


def test_input_errors_come_together(world: dict[str, Any]) -> None:
    listing = draft(world, stock_bookcase(world))
    with pytest.raises(ValidationFailed) as refused:
        drafting.listing_update(actor=world["clerk_a"], listing_id=listing.pk, price="-5", warranty_days="x",
                                channel="by_post", known_defects=["a"], no_known_defects=True)
    assert sorted(refused.value.errors) == ["channel", "no_known_defects", "price", "warranty_days"]


def test_furniture_needs_no_battery_or_erasure(world: dict[str, Any]) -> None:
    listing = with_photo(world, draft(world, inspected(world, stock_bookcase(world)), **COMPLETE_TERMS))
    published_listing = services.listing_publish(actor=world["clerk_a"], listing_id=listing.pk)
    data = json.loads(Disclosure.objects.get(listing=published_listing).canonical)
    assert (data["battery"], data["erasure"]) == (None, None)


# --- C2C --------------------------------------------------------------------------------------------------

C2C_ITEM = {"category_id": None, "title": "宜家 波昂扶手椅", "brand": "宜家",
            "attributes": {"material": "桦木 布艺"}}


def _c2c_item() -> dict[str, Any]:
    from recirc.catalog.facade import category_get

    return {**C2C_ITEM, "category_id": category_get("furniture").id}


def test_unverified_consumers_cannot_sell(world: dict[str, Any]) -> None:
    before = snapshot()
    with pytest.raises(PermissionDenied) as refused:
        drafting.listing_create_c2c(actor=world["unverified"], item=_c2c_item())
    assert refused.value.code == "listings.seller_not_verified"
    assert snapshot() == before


def test_c2c_listing_registers_a_passport_and_discloses_the_sellers_statements(
        world: dict[str, Any], verified_seller: Any) -> None:
    listing = drafting.listing_create_c2c(actor=verified_seller, item=_c2c_item(), price="350")
    item = item_ref(listing.item_id)
    assert (item.owner_user_id, item.state, listing.seller_kind) == (verified_seller.pk, ItemState.IN_STOCK,
                                                                    "consumer")
    with_photo(world, listing, actor="seller")
    with pytest.raises(ValidationFailed) as refused:
        services.listing_publish(actor=verified_seller, listing_id=listing.pk)
    assert sorted(refused.value.errors) == ["condition", "district_code", "grade", "known_defects", "repairs",
                                            "return_window_days", "warranty_days"]
    drafting.listing_update(actor=verified_seller, listing_id=listing.pk, declared_grade="90",
                            declared_condition="扶手有轻微磨损", declared_no_repairs=True, no_known_defects=True,
                            warranty_days=0, return_window_days=0, district_code=_a_district())
    listing = services.listing_publish(actor=verified_seller, listing_id=listing.pk)
    data = json.loads(Disclosure.objects.get(listing=listing).canonical)
    assert data["inspected_by_platform"] is False and data["declared"]["grade"]["grade"] == "90"
    assert listing.platform_inspection_offered is True and item_ref(listing.item_id).state == ItemState.LISTED


def _a_district() -> str:
    from recirc.operators.facade import district_choices

    return district_choices()[0][0]


def test_operators_cannot_declare_a_grade(world: dict[str, Any]) -> None:
    listing = draft(world, stock_bookcase(world))
    with pytest.raises(ValidationFailed) as refused:
        drafting.listing_update(actor=world["clerk_a"], listing_id=listing.pk, declared_grade="99")
    assert list(refused.value.errors) == ["declared_grade"]
