"""The pages: the public market and listing page, the seller's list (with export), create, detail, actions."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from recirc.listings import reservations
from recirc.listings.models import Listing
from recirc.listings.tests.conftest import signed_in, snapshot
from recirc.listings.tests.factories import draft, image_bytes, published, ready_phone, stock_bookcase

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_market_finds_published_listings_only(world: dict[str, Any]) -> None:
    listing = published(world, title="苹果手机 iPhone 13")
    draft(world, stock_bookcase(world), title="宜家 毕利书柜")
    page = signed_in(None).get(reverse("market"), {"q": "苹果"}, **EN)
    text = page.content.decode()
    assert page.status_code == 200 and listing.code in text and "毕利" not in text
    assert "1 listing" in text and "Used" in text
    empty = signed_in(None).get(reverse("market"), {"q": "书柜"}, **EN).content.decode()
    assert "Nothing matches" in empty


def test_market_results_partial_for_htmx(world: dict[str, Any]) -> None:
    published(world)
    page = signed_in(None).get(reverse("market"), {"q": "iphone"}, HTTP_HX_REQUEST="true", **EN)
    assert page.status_code == 200 and page.content.decode().lstrip().startswith('<section id="market-results"')


def test_public_listing_page_shows_the_disclosure_and_links(world: dict[str, Any]) -> None:
    listing = published(world)
    page = signed_in(None).get(reverse("market-listing", args=[listing.code]), **EN)
    text = page.content.decode()
    assert page.status_code == 200
    for expected in ("Used goods (旧货 · 二手)", "Inspection report", "Battery health", "Data erasure certificate",
                     "Warranty: 90 days from delivery.", "甲回收", reverse("item-passport", args=[listing.item_code])):
        assert expected in text


def test_drafts_and_withdrawn_listings_are_not_public(world: dict[str, Any]) -> None:
    listing = draft(world, ready_phone(world))
    assert signed_in(None).get(reverse("market-listing", args=[listing.code])).status_code == 404


def test_a_reserved_listing_stays_readable(world: dict[str, Any]) -> None:
    listing = published(world)
    reservations.listing_reserve(actor=None, listing_id=listing.pk, expected_version=2, order_ref="O-1")
    page = signed_in(None).get(reverse("market-listing", args=[listing.code]), **EN)
    assert page.status_code == 200 and "Reserved" in page.content.decode()


def test_seller_list_filters_and_exports(world: dict[str, Any]) -> None:
    listing = published(world)
    client = signed_in(world["clerk_a"])
    page = client.get(reverse("listing-list"), {"status": "published"}, **EN)
    assert page.status_code == 200 and listing.code in page.content.decode()
    csv = client.get(reverse("listing-list"), {"format": "csv"}, **EN)
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Listing,Created,Status") and listing.code in lines[1]
    xlsx = client.get(reverse("listing-list"), {"format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    other = signed_in(world["clerk_b"]).get(reverse("listing-list"), **EN).content.decode()
    assert listing.code not in other and "No listings yet" in other


def test_create_publish_and_withdraw_through_the_pages(world: dict[str, Any]) -> None:
    item = ready_phone(world)
    client = signed_in(world["clerk_a"])
    created = client.post(reverse("listing-create"), {"item": item.code, "price": "2999"})
    listing = Listing.objects.get(item_id=item.id)
    assert created.status_code == 303 and created["Location"] == reverse("listing-detail", args=[listing.pk])
    client.post(reverse("listing-action", args=[listing.pk, "publish"]), **EN)
    refused = client.get(reverse("listing-detail", args=[listing.pk]), **EN)
    assert "At least one photo." in refused.content.decode()
    client.post(reverse("listing-detail", args=[listing.pk]), {"channel": "both", "price": "2999",
                                                               "warranty_days": "90", "return_window_days": "7",
                                                               "no_known_defects": "on", "title": item.title})
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(reverse("listing-photo-add", args=[listing.pk]),
                {"photo": SimpleUploadedFile("a.jpg", image_bytes(), content_type="image/jpeg")})
    client.post(reverse("listing-action", args=[listing.pk, "publish"]))
    listing.refresh_from_db()
    assert listing.status == "published"
    client.post(reverse("listing-action", args=[listing.pk, "withdraw"]))
    listing.refresh_from_db()
    assert listing.status == "withdrawn"


def test_unverified_consumer_is_told_to_verify(world: dict[str, Any]) -> None:
    before = snapshot()
    page = signed_in(world["unverified"]).get(reverse("listing-create"), **EN)
    assert page.status_code == 403 and "real-name verification" in page.content.decode()
    assert snapshot() == before


def test_other_operator_gets_404_on_the_seller_page(world: dict[str, Any]) -> None:
    listing = published(world)
    assert signed_in(world["clerk_b"]).get(reverse("listing-detail", args=[listing.pk])).status_code == 404
    before = snapshot()
    response = signed_in(world["clerk_b"]).post(reverse("listing-action", args=[listing.pk, "withdraw"]))
    assert response.status_code == 404 and snapshot() == before
