"""The listings API: public search and listing, the seller's drafts, photos and the state machine; other
sellers' listings answer 404; list endpoints keep a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from recirc.listings.tests.conftest import signed_in
from recirc.listings.tests.factories import image_bytes, published, ready_phone


def test_public_search_and_listing(world: dict[str, Any]) -> None:
    listing = published(world, title="苹果手机 iPhone 13")
    response = signed_in(None).get("/api/v1/listings/search", {"q": "苹果手"}, HTTP_ACCEPT_LANGUAGE="en")
    body = response.json()
    assert response.status_code == 200
    assert (body["total"], body["results"][0]["code"], body["results"][0]["seller"]) == (1, listing.code, "甲回收")
    assert body["facets"]["seller_kind"] == [{"value": "operator", "label": "Operator", "count": 1}]
    detail = signed_in(None).get(f"/api/v1/listings/public/{listing.code}", HTTP_ACCEPT_LANGUAGE="en").json()
    assert detail["disclosure"]["intact"] is True and detail["disclosure"]["facts"][0]["label"] == "Used goods"
    assert detail["terms"][0] == "Warranty: 90 days from delivery."


def test_hostile_query_answers_200(world: dict[str, Any]) -> None:
    response = signed_in(None).get("/api/v1/listings/search", {"q": 'NEAR("苹果" *) OR \\'})
    assert response.status_code == 200 and response.json()["total"] == 0


def test_search_query_count_is_fixed(world: dict[str, Any]) -> None:
    published(world)
    client = signed_in(None)
    client.get("/api/v1/listings/search", {"q": "iphone"})
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/listings/search", {"q": "iphone"})
    published(world, ready_phone(world, serial=333333))
    published(world, ready_phone(world, serial=444444))
    with CaptureQueriesContext(connection) as three:
        client.get("/api/v1/listings/search", {"q": "iphone"})
    assert len(three) == len(one)


def test_seller_walks_a_draft_to_publication(world: dict[str, Any]) -> None:
    item = ready_phone(world)
    client = signed_in(world["clerk_a"])
    created = client.post("/api/v1/listings", {"item_id": item.id, "price": "2999"}, content_type="application/json")
    assert created.status_code == 201
    listing_id = created.json()["id"]
    missing = client.get(f"/api/v1/listings/{listing_id}/missing").json()
    assert [row["field"] for row in missing] == ["known_defects", "photos"]
    refused = client.post(f"/api/v1/listings/{listing_id}/publish")
    assert refused.status_code == 422 and refused.json()["code"] == "listings.incomplete"
    patched = client.patch(f"/api/v1/listings/{listing_id}", {"no_known_defects": True},
                           content_type="application/json")
    assert patched.status_code == 200 and patched.json()["version"] == 2
    photo = client.post(f"/api/v1/listings/{listing_id}/photos",
                        {"photo": _upload()})
    assert photo.status_code == 201 and photo.json()["width"] == 640
    done = client.post(f"/api/v1/listings/{listing_id}/publish")
    assert done.status_code == 200 and done.json()["status"] == "published"
    assert done.json()["actions"] == ["withdraw", "edit"]


def _upload() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("phone.jpg", image_bytes(), content_type="image/jpeg")


def test_other_sellers_listing_answers_404(world: dict[str, Any]) -> None:
    listing = published(world)
    client = signed_in(world["clerk_b"])
    assert client.get(f"/api/v1/listings/{listing.pk}").status_code == 404
    response = client.post(f"/api/v1/listings/{listing.pk}/withdraw")
    assert (response.status_code, response.json()["code"]) == (404, "listings.not_found")
    assert signed_in(None).get(f"/api/v1/listings/{listing.pk}").status_code == 401


def test_my_listings_query_count_is_fixed(world: dict[str, Any]) -> None:
    published(world)
    client = signed_in(world["clerk_a"])
    with CaptureQueriesContext(connection) as one:
        assert client.get("/api/v1/listings/mine").status_code == 200
    published(world, ready_phone(world, serial=555555))
    with CaptureQueriesContext(connection) as two:
        body = client.get("/api/v1/listings/mine").json()
    assert body["count"] == 2
    assert len(two) == len(one)
