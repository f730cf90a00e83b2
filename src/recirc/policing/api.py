"""Policing API: the alert queue, case notes, holds and the watchlist. Police only: other signed-in users get
403 (policing.police_only) and nothing changes; anonymous callers get 401.

No `from __future__ import annotations` here: @paginate wraps the handler, and Ninja must see real types.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import PageNumberPagination, paginate

from recirc.accounts.auth import api_auth
from recirc.items.facade import holds_list
from recirc.policing import imports, selectors, services
from recirc.policing.policy import require_police
from recirc.policing.schemas import (
    AlertCloseIn,
    AlertDetailOut,
    AlertFilter,
    AlertOut,
    CaseNoteIn,
    CaseNoteOut,
    HoldExtendIn,
    HoldOut,
    HoldPlaceIn,
    HoldReleaseIn,
    ImportOut,
    WatchlistEntryIn,
    WatchlistEntryOut,
    WatchlistFilter,
    WithdrawIn,
)

router = Router(tags=["policing"], auth=api_auth)


@router.get("/alerts", response=list[AlertOut])
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def alert_list_api(request: HttpRequest, filters: AlertFilter = Query(...)) -> Any:  # noqa: B008
    require_police(request.user)
    return selectors.alert_list(request.user, status=filters.status, kind=filters.kind, operator=filters.operator,
                                item=filters.item)


@router.get("/alerts/{int:alert_id}", response=AlertDetailOut)
def alert_get_api(request: HttpRequest, alert_id: int) -> Any:
    require_police(request.user)
    return selectors.alert_get(request.user, alert_id)


@router.post("/alerts/{int:alert_id}/acknowledge", response=AlertOut)
def alert_acknowledge_api(request: HttpRequest, alert_id: int) -> Any:
    services.alert_acknowledge(actor=request.user, alert_id=alert_id)
    return selectors.alert_get(request.user, alert_id)


@router.post("/alerts/{int:alert_id}/close", response=AlertOut)
def alert_close_api(request: HttpRequest, alert_id: int, payload: AlertCloseIn) -> Any:
    services.alert_close(actor=request.user, alert_id=alert_id, resolution=payload.resolution, note=payload.note)
    return selectors.alert_get(request.user, alert_id)


@router.post("/alerts/{int:alert_id}/notes", response={201: CaseNoteOut})
def case_note_add_api(request: HttpRequest, alert_id: int, payload: CaseNoteIn) -> Any:
    return Status(201, services.case_note_add(actor=request.user, alert_id=alert_id, text=payload.text))


@router.post("/alerts/{int:alert_id}/hold", response={201: HoldOut})
def alert_hold_api(request: HttpRequest, alert_id: int, payload: HoldPlaceIn) -> Any:
    return Status(201, services.alert_hold_place(actor=request.user, alert_id=alert_id, reason=payload.reason,
                                                 order_number=payload.order_number, ends_at=payload.ends_at))


@router.get("/holds", response=list[HoldOut])
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def hold_list_api(request: HttpRequest, kind: str = "") -> Any:
    require_police(request.user)
    return holds_list(request.user, active_only=True, kind=kind or None)


@router.post("/holds/{int:hold_id}/extend", response=HoldOut)
def hold_extend_api(request: HttpRequest, hold_id: int, payload: HoldExtendIn) -> Any:
    return services.police_hold_extend(actor=request.user, hold_id=hold_id, ends_at=payload.ends_at,
                                       reason=payload.reason)


@router.post("/holds/{int:hold_id}/release", response=HoldOut)
def hold_release_api(request: HttpRequest, hold_id: int, payload: HoldReleaseIn) -> Any:
    return services.police_hold_release(actor=request.user, hold_id=hold_id, reason=payload.reason)


@router.get("/watchlist", response=list[WatchlistEntryOut])
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def watchlist_list_api(request: HttpRequest, filters: WatchlistFilter = Query(...)) -> Any:  # noqa: B008
    require_police(request.user)
    status = "" if filters.status == "all" else filters.status
    return selectors.watchlist_list(request.user, query=filters.q, status=status, kind=filters.kind)


@router.post("/watchlist", response={201: WatchlistEntryOut})
def watchlist_add_api(request: HttpRequest, payload: WatchlistEntryIn) -> Any:
    data = payload.dict(exclude={"identifiers"})
    entry = services.watchlist_add(actor=request.user, data=data, source="api",
                                   identifiers=[(item.kind, item.value) for item in payload.identifiers])
    return Status(201, selectors.watchlist_get(request.user, entry.pk))


@router.get("/watchlist/{int:entry_id}", response=WatchlistEntryOut)
def watchlist_get_api(request: HttpRequest, entry_id: int) -> Any:
    require_police(request.user)
    return selectors.watchlist_get(request.user, entry_id)


@router.post("/watchlist/{int:entry_id}/withdraw", response=WatchlistEntryOut)
def watchlist_withdraw_api(request: HttpRequest, entry_id: int, payload: WithdrawIn) -> Any:
    services.watchlist_withdraw(actor=request.user, entry_id=entry_id, reason=payload.reason)
    return selectors.watchlist_get(request.user, entry_id)


@router.post("/watchlist/import", response={201: ImportOut})
def watchlist_import_api(request: HttpRequest, file: UploadedFile = File(...)) -> Any:  # noqa: B008
    """CSV or XLSX (see the template on the watchlist import page). All rows or none: a 422 lists every bad
    row under errors.file as "Line N: reason"."""
    result = imports.watchlist_import(actor=request.user, file_name=file.name or "", content=file.read())
    return Status(201, {"count": result.count})
