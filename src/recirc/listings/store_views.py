"""An operator's public store page (REGULATIONS.md section 3, E-commerce Law Art. 15: a platform shows each
merchant's business licence information on its store page): the operator's registered name and type, the
business licence number and validity (an expired licence is shown as expired, never hidden), the unified social
credit code, the registered address, and its published listings, newest first, searchable and paged.

The listings come from the search index (SearchEntry: only published listings are in it) restricted to the
operator, and their cards from the public read model (ADR 0011), as on the market page. A consumer seller has no
store page: the public never learns who an individual is ("individual seller, real-name verified")."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from recirc.core.htmx import render_page
from recirc.listings import browse, public
from recirc.listings.models import Listing, ListingStatus, SearchEntry
from recirc.operators.facade import operator_store

PAGE_SIZE = 20


def operator_entries(operator_id: int, query: str = "") -> QuerySet[SearchEntry]:
    """The index entries of the operator's published listings matching the query, newest first (the operator
    filter of the search: the index holds no seller column, so the operator's published listings are a
    subquery served by the listing_operator_status_idx index)."""
    entries, _plan = browse.matching(browse.SearchFilters(query=query))
    published = Listing.objects.filter(seller_operator_id=operator_id, status=ListingStatus.PUBLISHED).values("id")
    return entries.filter(listing_id__in=published).order_by("-id")


def store_view(request: HttpRequest, credit_code: str) -> HttpResponse:
    store = operator_store(credit_code)
    query = request.GET.get("q", "").strip()[:200]
    entries = operator_entries(store.id, query).values_list("listing_id", flat=True)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    cards = public.cards(list(page.object_list), published_only=True)
    context = {"store": store, "query": query, "page": page, "cards": cards}
    return render_page(request, "listings/store.html", context, partial="results")
