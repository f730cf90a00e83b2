"""Review queue API (mounted inside the moderation router, /api/v1/moderation/): the queue, approving and taking
down, appeals and suspensions for moderators; a seller's takedown and appeal. Handlers parse, call one service
or selector, return.

No `from __future__ import annotations` here: @paginate wraps the handler, and Ninja must see real types.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import PageNumberPagination, paginate

from recirc.moderation import queue_selectors as selectors
from recirc.moderation import queue_services as services
from recirc.moderation.queue_schemas import (
    AppealDecisionIn,
    AppealIn,
    AppealOut,
    DecisionOut,
    LiftIn,
    QueueFilter,
    ReviewItemOut,
    SuspensionOut,
    TakeDownIn,
    TakedownOut,
)
from recirc.moderation.queue_strikes import suspension_lift

# Signed in (api.py mounts this router with accounts' api_auth); each selector and service decides who may.
router = Router(tags=["moderation queue"])


@router.get("/queue", response=list[ReviewItemOut])
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def review_item_list_api(request: HttpRequest, filters: QueueFilter = Query(...)) -> Any:  # noqa: B008
    """Listings waiting for a moderator, oldest first (moderators and administrators)."""
    return selectors.queue_list(request.user, kind=filters.kind, category=filters.category, query=filters.q)


@router.get("/queue/{int:item_id}", response=ReviewItemOut)
def review_item_get_api(request: HttpRequest, item_id: int) -> Any:
    return selectors.review_item_get(request.user, item_id)


@router.post("/queue/{int:item_id}/approve", response=DecisionOut)
def review_approve_api(request: HttpRequest, item_id: int) -> Any:
    return services.review_approve(actor=request.user, item_id=item_id)


@router.post("/queue/{int:item_id}/take-down", response=DecisionOut)
def review_take_down_api(request: HttpRequest, item_id: int, payload: TakeDownIn) -> Any:
    """Take the listing down: hidden from every public path at once; the reason is shown to the seller."""
    return services.review_take_down(actor=request.user, item_id=item_id, category=payload.category,
                                     reason=payload.reason)


@router.get("/takedowns/listing/{int:listing_id}", response=TakedownOut)
def takedown_get_api(request: HttpRequest, listing_id: int) -> Any:
    """The latest takedown of a listing, its appeal, the seller's strikes and suspension (the seller, moderators)."""
    view = selectors.takedown_for_listing(request.user, listing_id)
    return {"listing_id": view.offer.id, "listing_code": view.offer.code, "listing_status": view.offer.status,
            "decision": view.decision, "category_name": view.category_name, "appeal": view.appeal,
            "strikes": view.strikes, "suspension": view.suspension}


@router.post("/takedowns/listing/{int:listing_id}/appeal", response={201: AppealOut})
def appeal_file_api(request: HttpRequest, listing_id: int, payload: AppealIn) -> Any:
    """The seller appeals the takedown once, with a statement."""
    return Status(201, services.appeal_file(actor=request.user, listing_id=listing_id, statement=payload.statement))


@router.get("/appeals", response=list[AppealOut])
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def appeal_list_api(request: HttpRequest) -> Any:
    return selectors.appeals_pending(request.user)


@router.post("/appeals/{int:appeal_id}/decide", response=AppealOut)
def appeal_decide_api(request: HttpRequest, appeal_id: int, payload: AppealDecisionIn) -> Any:
    """Uphold the takedown or grant the appeal (reinstating the listing); by a moderator other than the one who
    took it down."""
    return services.appeal_decide(actor=request.user, appeal_id=appeal_id, grant=payload.decision == "grant",
                                  answer=payload.answer)


@router.get("/suspensions", response=list[SuspensionOut])
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def suspension_list_api(request: HttpRequest) -> Any:
    return selectors.suspensions_active(request.user)


@router.post("/suspensions/{int:suspension_id}/lift", response=SuspensionOut)
def suspension_lift_api(request: HttpRequest, suspension_id: int, payload: LiftIn) -> Any:
    return suspension_lift(actor=request.user, suspension_id=suspension_id, reason=payload.reason)
