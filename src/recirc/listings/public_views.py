"""The public market: browse and search (filters, facets, sorting, pages; phone-first), and a listing's page
with the full disclosure, photos, terms, the seller, and links to the public passport and the report check.
Anyone may read these; only published listings are found, reserved and sold ones stay readable by link."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse

from recirc.catalog.facade import category_get, category_list
from recirc.core.errors import NotFound
from recirc.core.htmx import render_page
from recirc.listings import browse, reservations, selectors
from recirc.listings.errors import ListingNotFound
from recirc.listings.models import PUBLIC_STATUSES, Channel, ListingPhoto, ListingStatus, SellerKind
from recirc.listings.presentation import disclosure_view, facet_labels, seller_label, terms_lines
from recirc.operators.facade import district_choices

SORT_LABELS = (("newest", "newest"), ("price_asc", "price_asc"), ("price_desc", "price_desc"))


def _filters(request: HttpRequest) -> browse.SearchFilters:
    params = request.GET
    category = params.get("category", "").strip()
    return browse.SearchFilters(
        query=params.get("q", "")[:2000], category=category, grade=params.get("grade", ""),
        price_min=params.get("price_min", ""), price_max=params.get("price_max", ""),
        district=params.get("district", ""), channel=params.get("channel", ""),
        seller_kind=params.get("seller_kind", ""), sort=params.get("sort", "newest"),
        attributes=browse.attribute_filters(params, category))


def _attribute_specs(category: str) -> list[Any]:
    if not category:
        return []
    try:
        return [spec for spec in category_get(category).schema if spec.public and spec.type == "choice"]
    except NotFound:
        return []


def market_view(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    result = browse.search(filters, page=page)
    labels = facet_labels()
    facets = {name: [(value, labels.get(name, {}).get(value, value), count) for value, count in rows]
              for name, rows in result.facets.items()}
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filters": filters, "result": result, "facets": facets, "query": query.urlencode(),
               "cards": [(listing, seller_label(listing)) for listing in result.listings],
               "categories": [(category.code, category.display_name) for category in category_list()],
               "districts": district_choices(), "channels": Channel.choices, "seller_kinds": SellerKind.choices,
               "attribute_specs": _attribute_specs(filters.category), "attributes": filters.attributes,
               "filtered": any([filters.query, filters.category, filters.grade, filters.price_min,
                                filters.price_max, filters.district, filters.channel, filters.seller_kind])}
    return render_page(request, "listings/market.html", context, partial="results")


def market_listing_view(request: HttpRequest, code: str) -> HttpResponse:
    listing = selectors.public_listing_get(code)
    if listing.status == ListingStatus.PUBLISHED:
        # The passport's facts may have changed since the seal (a repair, a new report): seal them first, so
        # the buyer reads and orders the current version.
        listing = reservations.listing_refresh_disclosure(actor=None, listing_id=listing.pk)
        listing = selectors.public_listing_get(listing.code)
    context = {"listing": listing, "disclosure": disclosure_view(listing), "seller": seller_label(listing),
               "terms": terms_lines(listing), "photos": selectors.photos_of(listing)}
    return render_page(request, "listings/market_listing.html", context)


def listing_photo_view(request: HttpRequest, photo_id: int, size: str) -> FileResponse:
    """A listing's photo or thumbnail: public while the listing is public, otherwise to who sees the listing.
    Served through Django so that access follows the listing (production may put a CDN in front)."""
    photo = ListingPhoto.objects.select_related("listing").filter(pk=photo_id).first()
    if photo is None:
        raise ListingNotFound()
    if photo.listing.status not in PUBLIC_STATUSES:
        selectors.listing_get(request.user, photo.listing_id)
    field = photo.thumbnail if size == "thumb" else photo.image
    response = FileResponse(field.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=86400" if photo.listing.status in PUBLIC_STATUSES else "private"
    return response
