"""Search: substring semantics in Chinese and English (1-2 character queries too), hostile syntax, only published
listings, filters, facets, sorting and pages."""

from __future__ import annotations

from typing import Any

import pytest

from recirc.catalog.facade import category_get
from recirc.listings import services
from recirc.listings.browse import SearchFilters, matching_listing_ids, search
from recirc.listings.models import SearchEntry
from recirc.listings.search import brute_force, cjk_grams, normalise, plan
from recirc.listings.tests.factories import draft, published, ready_phone, stock_bookcase


@pytest.fixture
def market(world: dict[str, Any]) -> dict[str, Any]:
    phone = published(world, title="苹果手机 iPhone 13 128GB 黑色", price="2999")
    cheap = published(world, ready_phone(world, serial=222222), title="Apple iPhone 12 mini 白色", price="1599")
    unpublished = draft(world, stock_bookcase(world), title="宜家 毕利书柜")
    return {"phone": phone, "cheap": cheap, "draft": unpublished}


def test_normalise_folds_width_and_case() -> None:
    assert normalise("  ＩＰＨＯＮＥ\t１３\u0000 苹果 ") == "iphone 13 苹果"
    assert cjk_grams("苹果手机 x") == "手 手机 机 果 果手 苹 苹果"


@pytest.mark.parametrize(("query", "method"), [("苹果手", "trigram"), ("iPhone 1", "trigram"), ("苹果", "grams"),
                                                ("果", "grams"), ("13", "scan"), ("", "all"), ("x" * 1001, "none")])
def test_the_plan_per_query(query: str, method: str) -> None:
    assert plan(query).method == method


@pytest.mark.parametrize(("query", "expected"), [
    # "苹果手机" is also how people type brand + category: both Apple phones have it in their indexed text
    ("苹果手", {"phone", "cheap"}), ("苹果手机", {"phone", "cheap"}),
    ("果", {"phone", "cheap"}), ("手机", {"phone", "cheap"}),
    ("苹果", {"phone", "cheap"}), ("apple", {"phone", "cheap"}),
    ("白", {"cheap"}), ("IPHONE 1", {"phone", "cheap"}), ("iphone 12 m", {"cheap"}),
    ("ｉｐｈｏｎｅ", {"phone", "cheap"}), ("mi", {"cheap"}), ("mini", {"cheap"}), ("书柜", set()), ("毕利", set()),
    ("华为", set()),
])
def test_substring_semantics(market: dict[str, Any], query: str, expected: set[str]) -> None:
    found = matching_listing_ids(query)
    assert found == {market[name].pk for name in expected}


@pytest.mark.parametrize("query", ['"', "'", "(", ")", "NEAR(苹果 手机)", "a AND b", "iphone OR", "NOT", "*", "-",
                                   "ip*", "\\", "%", "_", "^", "text:iphone", "苹果\" OR 1=1 --", "\x00", "手\"",
                                   "x" * 10000, "'; DROP TABLE listings_searchentry; --", "{a b}", "苹*"])
def test_hostile_syntax_never_errors(market: dict[str, Any], query: str) -> None:
    texts = dict(SearchEntry.objects.values_list("listing_id", "text"))
    result = search(SearchFilters(query=query))
    assert matching_listing_ids(query) == brute_force(texts, query)
    assert result.total == len(brute_force(texts, query))


def test_after_withdrawal_it_is_not_found(world: dict[str, Any], market: dict[str, Any]) -> None:
    services.listing_withdraw(actor=world["clerk_a"], listing_id=market["phone"].pk)
    assert matching_listing_ids("苹果") == {market["cheap"].pk}


def test_filters_sorting_and_facets(market: dict[str, Any]) -> None:
    phones = category_get("mobile-phones")
    result = search(SearchFilters(category="digital-products", price_max="2000"))
    assert [listing.pk for listing in result.listings] == [market["cheap"].pk]
    by_price = search(SearchFilters(sort="price_asc"))
    assert [listing.pk for listing in by_price.listings] == [market["cheap"].pk, market["phone"].pk]
    assert by_price.facets["category_id"] == [(str(phones.id), 2)]
    assert by_price.facets["seller_kind"] == [("operator", 2)]
    assert search(SearchFilters(category="mobile-phones", attributes={"storage_gb": "128"})).total == 2
    assert search(SearchFilters(category="mobile-phones", attributes={"storage_gb": "256"})).total == 0
    assert search(SearchFilters(seller_kind="consumer")).total == 0


def test_pages(market: dict[str, Any]) -> None:
    first = search(SearchFilters(), page=1, page_size=1)
    second = search(SearchFilters(), page=2, page_size=1)
    assert (first.total, first.pages, first.listings[0].pk, second.listings[0].pk) == (
        2, 2, market["cheap"].pk, market["phone"].pk)
    assert search(SearchFilters(), page=99, page_size=1).page == 2
