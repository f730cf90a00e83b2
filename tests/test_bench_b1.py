"""Benchmark B1 at a smoke size, without a server or wrk: every rung of the ladder answers 200 and costs the same
number of queries for every listing and page (the numbers are pinned: a change is a decision, not a drift).
Throughput, latency and memory are `make bench`'s business (gunicorn, wrk, PostgreSQL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bench import b1_http

from recirc.listings.models import Disclosure, Listing, ListingPhoto, SearchEntry
from recirc.listings.selectors import disclosure_get

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


def test_bulk_listings_are_published_with_intact_sealed_disclosures_and_indexed() -> None:
    # Given 50 listings bulk-loaded the benchmark's way
    codes = b1_http.populate(50)

    # Then each is published, indexed once, has a cover photo and a disclosure that verifies against its seal
    bulk = Listing.objects.filter(code__in=codes)
    assert len(codes) == len(set(codes)) == 50
    assert set(bulk.values_list("status", flat=True)) == {"published"}
    assert SearchEntry.objects.filter(listing_id__in=bulk.values("pk")).count() == 50
    assert ListingPhoto.objects.filter(listing__in=bulk).count() == 50
    assert Disclosure.objects.filter(listing__in=bulk).count() == 50
    sealed = [disclosure_get(listing) for listing in bulk]
    assert all(seal is not None and seal.intact and seal.data["listing"] == seal.disclosure.listing.code
               for seal in sealed)


def test_every_rung_answers_200_with_a_fixed_query_count() -> None:
    # Given 60 published listings (three pages of 20)
    codes = b1_http.populate(60)

    # When each endpoint is asked for eight different listings and every page
    counts, statuses = b1_http.query_counts(codes)

    # Then every answer is 200 and the query count is the same for every listing and page
    assert statuses == {name: {200} for name in ("plain", "ping", "detail", "page20")}
    assert counts == {"plain": [0] * 8, "ping": [0] * 8, "detail": [1] * 8, "page20": [2] * 3}
    assert all(b1_http.query_invariants(counts, statuses).values())


def test_the_ladder_asks_for_random_listings_and_the_pages_the_count_cap_allows() -> None:
    ladder = b1_http.paths(["LB1", "LB2"])
    assert ladder["plain"] == ["/bench/plain"] and ladder["ping"] == ["/api/v1/ping"]
    assert ladder["detail"] == ["/api/v1/listings/public/LB1", "/api/v1/listings/public/LB2"]
    assert ladder["page20"] == ["/api/v1/listings/search?page=1"]
    assert b1_http.page_count(20_000) == 50 and b1_http.page_count(41) == 3
