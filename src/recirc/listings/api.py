"""Listings API: the public search and listing pages, and the seller's drafts through the state machine, photos
and the publication check. Reads are scoped (another seller's listing answers 404); every write is one service.

No `from __future__ import annotations` here: @paginate wraps the handler, and Ninja must see real types.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import PageNumberPagination, paginate

from recirc.accounts.auth import api_auth
from recirc.listings import browse, drafting, photos, public, selectors, services
from recirc.listings.presentation import facet_labels
from recirc.listings.schemas import (
    ConsumerListingIn,
    ListingDetailOut,
    ListingFieldsIn,
    ListingIn,
    MineFilter,
    MineOut,
    MissingOut,
    PhotoOut,
    SearchFilter,
    SearchOut,
    SellerListingOut,
)

router = Router(tags=["listings"], auth=api_auth)


def _mine(request: HttpRequest, listing_id: int) -> Any:
    return selectors.listing_get(request.user, listing_id)


@router.get("/search", response=SearchOut, auth=None)
def listing_search_api(request: HttpRequest, filters: SearchFilter = Query(...)) -> Any:  # noqa: B008
    wanted = browse.SearchFilters(
        query=filters.q, category=filters.category, grade=filters.grade, price_min=filters.price_min,
        price_max=filters.price_max, district=filters.district, channel=filters.channel,
        seller_kind=filters.seller_kind, sort=filters.sort,
        attributes=browse.attribute_filters(request.GET, filters.category))
    result = browse.search(wanted, page=filters.page, with_facets=filters.facets, with_listings=False)
    labels = facet_labels() if filters.facets else {}
    facets = {name: [{"value": value, "label": labels.get(name, {}).get(value, value), "count": count}
                     for value, count in rows] for name, rows in result.facets.items()}
    return _json({"total": result.total, "capped": result.capped, "page": result.page, "pages": result.pages,
                  "results": public.cards(result.ids, published_only=True), "facets": facets})


@router.get("/public/{code}", response=ListingDetailOut, auth=None)
def listing_public_api(request: HttpRequest, code: str) -> Any:
    return _json(public.detail(code))


def _json(data: dict[str, Any]) -> HttpResponse:
    """The public reads answer the read model's JSON as it is (public.py), in the shape their schema documents
    (tests validate it): no second pass through the schema."""
    return HttpResponse(public.dumps(data), content_type="application/json; charset=utf-8")


@router.get("/mine", response=list[MineOut])
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def listing_list_api(request: HttpRequest, filters: MineFilter = Query(...)) -> Any:  # noqa: B008
    return selectors.listing_list(request.user, status=filters.status, query=filters.q,
                                  seller_kind=filters.seller_kind).prefetch_related("photos")


@router.post("", response={201: SellerListingOut})
def listing_create_api(request: HttpRequest, payload: ListingIn) -> Any:
    changes = {name: value for name, value in payload.changes().items() if name != "item_id"}
    listing = drafting.listing_create(actor=request.user, item_id=payload.item_id, **changes)
    return Status(201, _mine(request, listing.pk))


@router.post("/c2c", response={201: SellerListingOut})
def listing_create_c2c_api(request: HttpRequest, payload: ConsumerListingIn) -> Any:
    item = payload.item.dict() if payload.item is not None else None
    changes = {name: value for name, value in payload.changes().items() if name not in ("item_id", "item")}
    listing = drafting.listing_create_c2c(actor=request.user, item_id=payload.item_id, item=item, **changes)
    return Status(201, _mine(request, listing.pk))


@router.get("/{int:listing_id}", response=SellerListingOut)
def listing_get_api(request: HttpRequest, listing_id: int) -> Any:
    return _mine(request, listing_id)


@router.patch("/{int:listing_id}", response=SellerListingOut)
def listing_update_api(request: HttpRequest, listing_id: int, payload: ListingFieldsIn) -> Any:
    drafting.listing_update(actor=request.user, listing_id=listing_id, **payload.changes())
    return _mine(request, listing_id)


@router.get("/{int:listing_id}/missing", response=list[MissingOut])
def listing_missing_api(request: HttpRequest, listing_id: int) -> Any:
    _data, gaps = services.publication_gaps(_mine(request, listing_id))
    return [{"field": field, "message": message} for field, message in gaps.items()]


@router.post("/{int:listing_id}/publish", response=SellerListingOut)
def listing_publish_api(request: HttpRequest, listing_id: int) -> Any:
    services.listing_publish(actor=request.user, listing_id=listing_id)
    return _mine(request, listing_id)


@router.post("/{int:listing_id}/withdraw", response=SellerListingOut)
def listing_withdraw_api(request: HttpRequest, listing_id: int) -> Any:
    services.listing_withdraw(actor=request.user, listing_id=listing_id)
    return _mine(request, listing_id)


@router.post("/{int:listing_id}/reopen", response=SellerListingOut)
def listing_reopen_api(request: HttpRequest, listing_id: int) -> Any:
    services.listing_reopen(actor=request.user, listing_id=listing_id)
    return _mine(request, listing_id)


@router.post("/{int:listing_id}/photos", response={201: PhotoOut})
def photo_add_api(request: HttpRequest, listing_id: int, photo: UploadedFile = File(...)) -> Any:  # noqa: B008
    added = photos.photo_add(actor=request.user, listing_id=listing_id, content=photo.read(photos.MAX_BYTES + 1))
    return Status(201, added)


@router.delete("/{int:listing_id}/photos/{int:photo_id}", response={204: None})
def photo_remove_api(request: HttpRequest, listing_id: int, photo_id: int) -> Any:
    photos.photo_remove(actor=request.user, listing_id=listing_id, photo_id=photo_id)
    return Status(204, None)
