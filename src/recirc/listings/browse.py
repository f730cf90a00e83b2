"""The public search and browse: a query (substring semantics, see search.py), filters on category (and its
sub-categories), the category's attributes, grade, price, district, channel and seller kind, sorting, facet
counts and pagination. Only published listings are in the index, so nothing else is ever found.

One query per search reads the first COUNT_CAP matches in the chosen order (ids and facet columns): the count
stops there (a page says "more than 1,000"), the pages are cut from it and the facets count it. A one-character
query over a million listings stays fast, and every number below the cap is exact.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Prefetch, QuerySet

from recirc.catalog.facade import category_get, category_subtree_ids
from recirc.core.errors import NotFound
from recirc.listings.models import Channel, Listing, ListingPhoto, ListingStatus, SearchEntry, SellerKind
from recirc.listings.search import Plan, plan

COUNT_CAP = 1_000
RECENT_SLICE = 30_000  # PostgreSQL: newest entries walked first for common terms (see _newest_slice)
LONGEST_SLICE = 250_000
MIN_SLICE_HITS = 100
PAGE_SIZE = 20
SORTS = {"newest": ("-id",), "price_asc": ("price", "-id"), "price_desc": ("-price", "-id")}
FACETS = ("category_id", "grade", "district_code", "channel", "seller_kind")


@dataclass(frozen=True)
class SearchFilters:
    query: str = ""
    category: str = ""
    grade: str = ""
    price_min: str = ""
    price_max: str = ""
    district: str = ""
    channel: str = ""
    seller_kind: str = ""
    attributes: dict[str, str] = field(default_factory=dict, hash=False)
    sort: str = "newest"


@dataclass
class SearchResult:
    ids: list[int]  # the page's listings, in order
    listings: list[Listing]  # the same, loaded (empty when not asked for)
    total: int
    capped: bool
    page: int
    pages: int
    facets: dict[str, list[tuple[str, int]]]
    method: str


def _price(text: str) -> Decimal | None:
    try:
        value = Decimal(str(text).strip().replace(",", "").lstrip("¥￥"))
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() and value >= 0 else None


def _category_filter(entries: QuerySet[SearchEntry], filters: SearchFilters) -> QuerySet[SearchEntry]:
    if not filters.category:
        return entries
    try:
        category = category_get(filters.category)
    except NotFound:
        return entries.none()
    entries = entries.filter(category_id__in=category_subtree_ids(category.id))
    keys = {spec.key for spec in category.schema if spec.public}
    for key, value in filters.attributes.items():
        if key in keys and value:
            entries = entries.filter(**{f"attributes__{key}": str(value)})
    return entries


def matching(filters: SearchFilters, *, streaming: bool = False) -> tuple[QuerySet[SearchEntry], Plan]:
    """Entries matching the query and filters (unordered), and how the query is answered."""
    query_plan = plan(filters.query)
    entries = _category_filter(query_plan.apply(SearchEntry.objects.all(), streaming=streaming), filters)
    simple = {"grade": filters.grade, "district_code": filters.district,
              "channel": filters.channel if filters.channel in Channel.values else "",
              "seller_kind": filters.seller_kind if filters.seller_kind in SellerKind.values else ""}
    entries = entries.filter(**{name: value for name, value in simple.items() if value})
    low, high = _price(filters.price_min), _price(filters.price_max)
    if low is not None:
        entries = entries.filter(price__gte=low)
    if high is not None:
        entries = entries.filter(price__lte=high)
    return entries, query_plan


def facet_counts(rows: list[tuple[Any, ...]]) -> dict[str, list[tuple[str, int]]]:
    """Counts per value of each facet over `rows` (listing id, then the FACETS columns), largest first."""
    counts = {}
    columns = list(zip(*rows, strict=True))[1:] if rows else [() for _name in FACETS]
    for name, column in zip(FACETS, columns, strict=True):
        counter = Counter(column)
        counter.pop("", None)
        counter.pop(None, None)
        counts[name] = sorted(((str(value), count) for value, count in counter.items()),
                              key=lambda pair: (-pair[1], pair[0]))
    return counts


def _rows(ordered: QuerySet[SearchEntry]) -> list[tuple[Any, ...]]:
    """The first COUNT_CAP + 1 rows: the ORM's statement, fetched as plain tuples (no per-row iterator work)."""
    try:
        sql, params = ordered.values_list("listing_id", *FACETS)[:COUNT_CAP + 1].query.sql_with_params()
    except EmptyResultSet:  # a query that cannot match (Plan "none")
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _newest_slice(filters: SearchFilters) -> list[tuple[Any, ...]] | None:
    """PostgreSQL: the newest COUNT_CAP + 1 matches found by walking the primary key backwards over the newest
    entries, or None when that would be slower than the GIN index (rare terms). A first slice of RECENT_SLICE
    entries measures the term's density; when the matches needed lie within LONGEST_SLICE entries at that
    density, one longer slice finds them. Every answer equals the full query's: the newest matches are the
    newest matches."""
    newest = SearchEntry.objects.order_by("-id").values_list("id", flat=True).first()
    if newest is None:
        return None
    entries, _plan = matching(filters, streaming=True)
    rows = _rows(entries.filter(id__gt=newest - RECENT_SLICE).order_by("-id"))
    if len(rows) > COUNT_CAP:
        return rows
    needed = (COUNT_CAP + 1) * RECENT_SLICE * 3 // (2 * max(1, len(rows)))  # 1.5 times the expected span
    if len(rows) < MIN_SLICE_HITS or needed > LONGEST_SLICE:
        return None
    rows = _rows(entries.filter(id__gt=newest - needed).order_by("-id"))
    return rows if len(rows) > COUNT_CAP else None


def _ordered(filters: SearchFilters) -> tuple[QuerySet[SearchEntry], Plan, bool]:
    """The matching entries in the chosen order, the plan, and whether PostgreSQL should walk the newest rows."""
    entries, query_plan = matching(filters)
    newest = filters.sort not in SORTS or filters.sort == "newest"
    ordered = query_plan.newest_first(entries) if newest else entries.order_by(*SORTS[filters.sort])
    return ordered, query_plan, newest and query_plan.streams_on_postgresql


def window(filters: SearchFilters) -> tuple[list[tuple[Any, ...]], bool, str]:
    """The first COUNT_CAP matches in the chosen order (listing id and facet columns), whether there are more,
    and how the query was answered. Counts, the page and the facets all come from it."""
    ordered, query_plan, walk = _ordered(filters)
    rows = _newest_slice(filters) if walk else None
    if rows is None:
        rows = _rows(ordered)
    return rows[:COUNT_CAP], len(rows) > COUNT_CAP, query_plan.method


def listings_for(entry_ids: list[int]) -> list[Listing]:
    """The listings of the page's entries, in the page's order, with seller and cover photo (3 queries)."""
    covers = Prefetch("photos", queryset=ListingPhoto.objects.order_by("position", "id"))
    found = {listing.pk: listing for listing in Listing.objects.filter(pk__in=entry_ids, status=ListingStatus.PUBLISHED)
             .select_related("seller_operator", "seller_outlet").prefetch_related(covers)}
    return [found[listing_id] for listing_id in entry_ids if listing_id in found]


Summary = tuple[list[int], bool, str, dict[str, list[tuple[str, int]]]]


def summary(filters: SearchFilters) -> Summary:
    """The window's listing ids in order, whether capped, the plan's method and the facets. Reused for up to
    RECIRC_SEARCH_FRESH_SECONDS per worker (near-real-time search: paging through one search asks the database
    once); listings_for and the public cards keep only listings still published, so a listing reserved, sold or
    taken down meanwhile never shows, and one published meanwhile shows within those seconds."""
    seconds = settings.RECIRC_SEARCH_FRESH_SECONDS
    key = ""
    if seconds > 0:
        wanted = (connection.vendor, filters.query, filters.category, filters.grade, filters.price_min,
                  filters.price_max, filters.district, filters.channel, filters.seller_kind, filters.sort,
                  sorted(filters.attributes.items()))
        key = "listings:window:" + hashlib.sha256(repr(wanted).encode()).hexdigest()
        found = cache.get(key)
        if found is not None:
            return cast(Summary, found)
    rows, capped, method = window(filters)
    found = ([row[0] for row in rows], capped, method, facet_counts(rows))
    if key:
        cache.set(key, found, seconds)
    return found


def search(filters: SearchFilters, *, page: int = 1, page_size: int = PAGE_SIZE, with_facets: bool = True,
           with_listings: bool = True) -> SearchResult:
    """One page of matches with the total (capped) and the facets; `with_listings=False` leaves the page's
    listings unloaded (the API reads their cards from the public read model)."""
    matched, capped, method, facets = summary(filters)
    total = len(matched)
    pages = max(1, -(-total // page_size))
    page = min(max(1, page), pages)
    ids = matched[(page - 1) * page_size:page * page_size]
    return SearchResult(ids=ids, listings=listings_for(ids) if with_listings else [], total=total, capped=capped,
                        page=page, pages=pages, facets=facets if with_facets else {}, method=method)


def matching_listing_ids(query: str) -> set[int]:
    """Every listing id the index finds for the query, uncapped (bench B2 compares it with a brute force)."""
    entries, _method = matching(SearchFilters(query=query))
    return set(entries.values_list("listing_id", flat=True))


def first_page_ids(query: str, *, page_size: int = PAGE_SIZE) -> tuple[list[int], int]:
    """What a search costs in the database (bench B2): the one windowed query behind the count, the newest page
    and the facets."""
    rows, _capped, _method = window(SearchFilters(query=query))
    return [row[0] for row in rows[:page_size]], len(rows)


def attribute_filters(params: Any, category: str) -> dict[str, str]:
    """`attr_<key>` request parameters for the category's public attributes."""
    if not category:
        return {}
    try:
        schema = category_get(category).schema
    except NotFound:
        return {}
    return {spec.key: str(params.get(f"attr_{spec.key}", "")).strip() for spec in schema
            if spec.public and str(params.get(f"attr_{spec.key}", "")).strip()}
