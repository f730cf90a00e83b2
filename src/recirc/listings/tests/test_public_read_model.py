"""The public read model (public.py, ADR 0011): the public page and the search cards come from one stored row
per listing, answer exactly what the listing itself gives, follow the live status, never serve a stale row, and
still recompute the disclosure's seal on every read."""

from __future__ import annotations

import json
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from recirc.listings import public
from recirc.listings.models import Disclosure, Listing, PublicListing
from recirc.listings.reservations import listing_release, listing_reserve
from recirc.listings.schemas import FacetOut, ListingCardOut, ListingDetailOut, SearchOut
from recirc.listings.tests.conftest import signed_in
from recirc.listings.tests.factories import published, ready_phone


def _documented(schema: Any) -> dict[str, Any]:
    """The field names the schema documents, nested (lists by their items)."""
    shape: dict[str, Any] = {}
    for name, field in schema.model_fields.items():
        inner = field.annotation
        for _level in range(3):
            inner = next((arg for arg in getattr(inner, "__args__", ()) if arg is not type(None)), inner)
        shape[name] = _documented(inner) if isinstance(inner, type) and hasattr(inner, "model_fields") else None
    return shape


def _shape(body: Any) -> Any:
    if isinstance(body, list):
        return _shape(body[0]) if body and isinstance(body[0], dict) else None
    if isinstance(body, dict):
        return {name: _shape(value) if isinstance(value, (dict, list)) else None for name, value in body.items()}
    return None


def _detail(code: str, language: str = "zh-hans") -> Any:
    return signed_in(None).get(f"/api/v1/listings/public/{code}", HTTP_ACCEPT_LANGUAGE=language)


def _built_afresh(listing: Listing, language: str) -> dict[str, Any]:
    """The answer without the stored row (the slow path builds it from the listing)."""
    PublicListing.objects.filter(listing_id=listing.pk).delete()
    try:
        return _detail(listing.code, language).json()
    finally:
        public.project(Listing.objects.select_related("seller_operator").get(pk=listing.pk))


def test_publishing_projects_the_row_and_the_page_reads_it_in_one_statement(world: dict[str, Any]) -> None:
    # Given a published phone
    listing = published(world, title="苹果手机 iPhone 13")
    row = PublicListing.objects.get(listing_id=listing.pk)
    assert (row.version, row.disclosure_version) == (listing.version, listing.disclosure_version)
    assert json.loads(row.card)["seller_name"] == "甲回收"

    # When the public asks for its page (after a first request: translations loaded)
    _detail(listing.code)
    with CaptureQueriesContext(connection) as queries:
        response = _detail(listing.code)

    # Then one statement answers, in the documented shape, with the sealed disclosure verified
    body = response.json()
    assert response.status_code == 200 and len(queries) == 1
    assert _shape(body) == _documented(ListingDetailOut)
    assert (body["status"], body["seller"], body["used_label"], body["price"]) == ("published", "甲回收", "二手商品",
                                                                                    str(listing.price))
    assert body["disclosure"]["intact"] is True and body["disclosure"]["facts"][0] == {
        "label": "二手商品", "value": "本商品为旧货（二手物品）。"}


def test_the_stored_answer_equals_the_answer_built_from_the_listing_in_both_languages(world: dict[str, Any]) -> None:
    listing = published(world)
    for language in ("zh-hans", "en"):
        stored = _detail(listing.code, language).json()
        assert stored == _built_afresh(listing, language)
    assert _detail(listing.code, "en").json()["terms"][0] == "Warranty: 90 days from delivery."


def test_a_stale_row_is_never_served(world: dict[str, Any]) -> None:
    # Given a row left behind at an older version, with a title the listing no longer has
    listing = published(world, title="二手 iPhone 13")
    PublicListing.objects.filter(listing_id=listing.pk).update(version=listing.version - 1,
                                                               card=json.dumps({"title": "STALE"}))

    # When the page and a search are read
    page = _detail(listing.code).json()
    found = signed_in(None).get("/api/v1/listings/search", {"q": "iphone"}).json()

    # Then both come from the listing itself
    assert page["title"] == found["results"][0]["title"] == "二手 iPhone 13"


def test_status_is_live_and_a_reserved_listing_leaves_search_but_keeps_its_page(world: dict[str, Any]) -> None:
    listing = published(world)
    listing_reserve(actor=None, listing_id=listing.pk, expected_version=listing.version, order_ref="ORD-1")
    assert _detail(listing.code).json()["status"] == "reserved"
    assert signed_in(None).get("/api/v1/listings/search").json()["total"] == 0
    listing_release(actor=None, listing_id=listing.pk, order_ref="ORD-1")
    assert _detail(listing.code).json()["status"] == "published"
    assert signed_in(None).get("/api/v1/listings/search").json()["results"][0]["status"] == "published"


def test_a_tampered_disclosure_shows_no_facts_through_the_read_model(world: dict[str, Any]) -> None:
    listing = published(world)
    _detail(listing.code)  # the facts are cached per seal: tampering must not hide behind the cache
    disclosure = Disclosure.objects.get(listing=listing, version=listing.disclosure_version)
    Disclosure.objects.filter(pk=disclosure.pk).update(canonical=disclosure.canonical.replace("99", "100"))
    body = _detail(listing.code).json()
    assert (body["disclosure"]["intact"], body["disclosure"]["facts"]) == (False, [])


def test_a_draft_or_withdrawn_listing_has_no_public_page(world: dict[str, Any]) -> None:
    listing = published(world)
    Listing.objects.filter(pk=listing.pk).update(status="withdrawn")
    response = _detail(listing.code)
    assert response.status_code == 404 and response.json()["code"] == "listings.not_found"


def test_search_reads_cards_in_two_statements_whatever_the_page_size(world: dict[str, Any]) -> None:
    # Given three published phones
    codes = [published(world, ready_phone(world, serial=serial)).code for serial in (111111, 222222, 333333)]
    client = signed_in(None)
    client.get("/api/v1/listings/search", HTTP_ACCEPT_LANGUAGE="en")  # facet labels cached

    # When the market's first page is read
    with CaptureQueriesContext(connection) as queries:
        body = client.get("/api/v1/listings/search", HTTP_ACCEPT_LANGUAGE="en").json()

    # Then the window and the cards: two statements, newest first, in the documented shape
    assert len(queries) == 2
    assert set(body) == set(SearchOut.model_fields) and body["total"] == 3
    assert _shape(body["results"]) == _documented(ListingCardOut)
    assert all(set(row) == set(FacetOut.model_fields) for rows in body["facets"].values() for row in rows)
    assert [card["code"] for card in body["results"]] == codes[::-1]
    assert body["results"][0]["used_label"] == "Used goods"


def test_project_all_rebuilds_every_public_row(world: dict[str, Any]) -> None:
    listings = [published(world, ready_phone(world, serial=serial)) for serial in (111111, 222222)]
    PublicListing.objects.all().delete()
    assert public.project_all() == 2
    assert sorted(PublicListing.objects.values_list("listing_id", flat=True)) == sorted(x.pk for x in listings)


def _api_routes(patterns: list[Any], prefix: str = "") -> list[tuple[str, str]]:
    routes = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            routes += _api_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            routes.append((prefix + str(pattern.pattern), pattern.name))
    return routes


def test_the_api_nested_by_router_resolves_every_route_as_before() -> None:
    from recirc.config.api import api

    flat = {str(pattern.pattern): pattern.name for pattern in api.urls[0]}
    nested = dict(_api_routes(get_resolver().url_patterns))
    assert {f"api/v1/{route}": name for route, name in flat.items()}.items() <= nested.items()
    assert resolve(reverse("api-v1:listing_public_api", args=["LB1"])).url_name == "listing_public_api"
    assert reverse("api-v1:listing_public_api", args=["LB1"]) == "/api/v1/listings/public/LB1"
    assert resolve("/api/v1/ping").url_name == "ping_api"


def test_the_command_rebuilds_missing_rows(world: dict[str, Any]) -> None:
    from io import StringIO

    from django.core.management import call_command

    listing = published(world)
    PublicListing.objects.all().delete()
    out = StringIO()
    call_command("listings_project", "--quiet", stdout=out)
    assert out.getvalue().strip() == "1 public listings projected"
    assert PublicListing.objects.get().listing_id == listing.pk


def test_a_search_window_is_reused_briefly_but_never_shows_a_listing_gone_off_sale(world: dict[str, Any],
                                                                                  settings: Any) -> None:
    from django.core.cache import cache

    # Given near-real-time search (windows reused for a minute here) and two published phones, searched once
    settings.RECIRC_SEARCH_FRESH_SECONDS = 60
    cache.clear()
    first, second = (published(world, ready_phone(world, serial=serial)) for serial in (111111, 222222))
    client = signed_in(None)
    assert client.get("/api/v1/listings/search").json()["total"] == 2

    # When the first is reserved and a third published, and the market is searched again at once
    listing_reserve(actor=None, listing_id=first.pk, expected_version=first.version, order_ref="ORD-1")
    third = published(world, ready_phone(world, serial=333333))
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/api/v1/listings/search").json()

    # Then the window is the earlier one (only the cards are read), without the reserved listing
    assert len(queries) == 1
    assert (again["total"], [card["code"] for card in again["results"]]) == (2, [second.code])

    # And without reuse the database answers with the new state
    settings.RECIRC_SEARCH_FRESH_SECONDS = 0
    fresh = client.get("/api/v1/listings/search").json()
    assert (fresh["total"], [card["code"] for card in fresh["results"]]) == (2, [third.code, second.code])
