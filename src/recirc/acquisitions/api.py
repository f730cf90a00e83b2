"""The register API: record (single and bulk), list, detail, correct, chain status, exports, police search.

No `from __future__ import annotations` here: @paginate wraps the handler, and Ninja must see real types.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status
from ninja.pagination import PageNumberPagination, paginate

from recirc.accounts.auth import api_auth
from recirc.acquisitions import policy, search, selectors, services
from recirc.acquisitions.exports import register_export
from recirc.acquisitions.schemas import (
    AcquisitionIn,
    BulkIn,
    ChainStatusOut,
    CorrectionIn,
    EntryFilter,
    EntryOut,
    IdentitySearchIn,
)

router = Router(tags=["acquisitions"])


def _filters(filters: EntryFilter) -> dict[str, Any]:
    return {"outlet": filters.outlet, "date_from": filters.date_from, "date_to": filters.date_to,
            "transaction_type": filters.transaction_type, "category": filters.category, "query": filters.q}


@router.post("/", response={201: EntryOut}, auth=api_auth)
def acquisition_record_api(request: HttpRequest, payload: AcquisitionIn) -> Any:
    """Record one article taken in. Personal values go to the vault; the answer shows masked values only."""
    entry = services.acquisition_record(
        actor=request.user, outlet_id=payload.outlet_id, transaction_type=payload.transaction_type,
        seller=payload.seller.to_input(), article=payload.article.to_input(), payment_method=payload.payment_method,
        payment_reference=payload.payment_reference, recorded_at=payload.recorded_at,
        photos=[photo.to_input() for photo in payload.photos])
    return Status(201, entry)


@router.post("/bulk", response={201: list[EntryOut]}, auth=api_auth)
def acquisition_bulk_record_api(request: HttpRequest, payload: BulkIn) -> Any:
    """A bulk purchase from an organisation: one entry per article (an article with quantity N: N entries)."""
    entries = services.acquisition_bulk_record(
        actor=request.user, outlet_id=payload.outlet_id, seller=payload.seller.to_input(),
        articles=[article.to_input() for article in payload.articles], payment_method=payload.payment_method,
        payment_reference=payload.payment_reference, recorded_at=payload.recorded_at,
        photos=[photo.to_input() for photo in payload.photos])
    return Status(201, entries)


@router.get("/", response=list[EntryOut], auth=api_auth)
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def acquisition_list_api(request: HttpRequest, filters: EntryFilter = Query(...)) -> Any:  # noqa: B008
    policy.require_reader(request.user)
    return selectors.entry_list(request.user, **_filters(filters))


@router.get("/verify", response=list[ChainStatusOut], auth=api_auth)
def register_verify_api(request: HttpRequest, outlet: int | None = None) -> Any:
    """The chain of each readable outlet, verified now: intact, or the first bad entry and why."""
    policy.require_reader(request.user)
    return selectors.chain_statuses_for(request.user, outlet=outlet)


@router.get("/export", auth=api_auth)
def register_export_api(request: HttpRequest, filters: EntryFilter = Query(...),  # noqa: B008
                        format: str = "csv", personal: bool | None = None) -> HttpResponse:
    """csv, xlsx, json or police (one JSON object per line). Personal values are revealed (and logged) only for
    public security and the operator's own manager; everyone else gets masked values."""
    policy.require_reader(request.user)
    entries = selectors.entry_list(request.user, **_filters(filters))
    return register_export(actor=request.user, entries=entries, export_format=format, personal=personal,
                           filters=_filters(filters))


@router.get("/search/identifier", response=list[EntryOut], auth=api_auth)
def register_search_identifier_api(request: HttpRequest, value: str, kind: str = "") -> Any:
    """Public security: entries of articles with this IMEI, MEID, serial, MAC or licence number (normalised)."""
    return search.register_search_by_identifier(actor=request.user, value=value, kind=kind)


@router.post("/search/identity", response=list[EntryOut], auth=api_auth)
def register_search_identity_api(request: HttpRequest, payload: IdentitySearchIn) -> Any:
    """Public security: entries whose seller showed this document. The purpose is required and logged."""
    return search.register_search_by_identity(actor=request.user, document_type=payload.document_type,
                                              number=payload.number, purpose=payload.purpose)


@router.get("/{int:entry_id}", response=EntryOut, auth=api_auth)
def acquisition_get_api(request: HttpRequest, entry_id: int) -> Any:
    return selectors.entry_get(request.user, entry_id)


@router.post("/{int:entry_id}/corrections", response={201: EntryOut}, auth=api_auth)
def acquisition_correct_api(request: HttpRequest, entry_id: int, payload: CorrectionIn) -> Any:
    """A new entry linked to the corrected one (the register only grows). "seller" is entered again in full."""
    entry = services.acquisition_correct(actor=request.user, entry_id=entry_id, changes=payload.changes(),
                                         reason=payload.reason)
    return Status(201, entry)
