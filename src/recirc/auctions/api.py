"""Auctions API: browse and read auctions (public), bid and buy now (signed in, with an `Idempotency-Key`
header: a retry with the same key and body gets the stored answer, another body 422), create and cancel
(operator staff).

No `from __future__ import annotations` here: @paginate wraps the handler, and Ninja must see real types.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from ninja import Router, Status
from ninja.pagination import PageNumberPagination, paginate

from recirc.accounts.auth import api_auth
from recirc.auctions import selectors, services
from recirc.auctions.models import Auction
from recirc.auctions.schemas import (
    AuctionIn,
    AuctionOut,
    BidHistoryOut,
    BidIn,
    BidOut,
    CancelIn,
    CheckoutIn,
    CheckoutOut,
)
from recirc.trade.facade import idempotent

router = Router(tags=["auctions"])
KEY_HEADER = "Idempotency-Key"


def auction_out(auction: Auction, viewer: Any = None) -> dict[str, Any]:
    state = services.public_state(auction)
    you_lead = bool(viewer is not None and getattr(viewer, "pk", None) and auction.format == "english"
                    and auction.leader_id == viewer.pk)
    return {
        "code": auction.code, "format": auction.format, "state": auction.state, "outcome": auction.outcome,
        "title": auction.title, "description": auction.description, "starts_at": auction.starts_at,
        "ends_at": auction.ends_at, "scheduled_end": auction.scheduled_end, "start_price": auction.start_price,
        "reserve_met": state.reserve_met if auction.format == "english" else False,
        "buy_now_price": auction.buy_now_price,
        "price": auction.price if auction.format == "english" else None,
        "minimum_bid": state.minimum_bid() if auction.format == "english" else auction.start_price,
        "bid_count": auction.bid_count, "extensions": auction.extensions, "final_price": auction.final_price,
        "you_lead": you_lead, "your_maximum": auction.leader_max if you_lead else None,
        "lot": [{"listing_code": item.listing_code, "item_code": item.item_code, "title": item.title,
                 "disclosure_sha256": item.disclosure_sha256} for item in auction.lot.all()],
    }


def _replay(answer: Any) -> HttpResponse:
    response = JsonResponse(answer.body, status=answer.status)
    response["Idempotent-Replayed"] = "true" if answer.replayed else "false"
    return response


@router.get("", response=list[AuctionOut])
@paginate(PageNumberPagination, page_size=20)
def auctions_list_api(request: HttpRequest, state: str = "", format: str = "", operator_id: int | None = None,
                      q: str = "") -> Any:
    found = selectors.auctions_list(state=state, format=format, operator_id=operator_id, q=q)
    return [auction_out(auction, request.user) for auction in found.prefetch_related("lot")]


@router.get("/{code}", response=AuctionOut)
def auction_get_api(request: HttpRequest, code: str) -> Any:
    return auction_out(selectors.auction_by_code(code), request.user)


@router.get("/{code}/bids", response=list[BidHistoryOut])
def auction_bids_api(request: HttpRequest, code: str) -> Any:
    return selectors.bid_history(selectors.auction_by_code(code))


@router.post("/{code}/bids", auth=api_auth, response={201: BidOut})
def bid_place_api(request: HttpRequest, code: str, payload: BidIn) -> HttpResponse:
    def work() -> tuple[int, dict[str, Any]]:
        bid = services.bid_place(actor=request.user, code=code, maximum=payload.maximum)
        auction = bid.auction
        return 201, {"sequence": bid.sequence, "price": str(bid.price_after) if bid.price_after is not None
                     else None, "leading": bid.leading_after, "extended": bid.extended,
                     "ends_at": auction.ends_at.isoformat(),
                     "minimum_next": str(services.public_state(auction).minimum_bid())}

    return _replay(idempotent(scope=f"bid:{code}"[:40], actor=request.user, key=request.headers.get(KEY_HEADER),
                              body={"maximum": str(payload.maximum)}, work=work))


@router.post("/{code}/buy-now", auth=api_auth, response={200: AuctionOut})
def buy_now_api(request: HttpRequest, code: str) -> HttpResponse:
    auction_id = selectors.auction_by_code(code).pk

    def work() -> tuple[int, dict[str, Any]]:
        return 200, auction_out(services.auction_buy_now(actor=request.user, auction_id=auction_id), request.user)

    return _replay(idempotent(scope=f"buy-now:{code}", actor=request.user, key=request.headers.get(KEY_HEADER),
                              body={}, work=work))


@router.post("", auth=api_auth, response={201: AuctionOut})
def auction_create_api(request: HttpRequest, payload: AuctionIn) -> Any:
    auction = services.auction_create(
        actor=request.user, operator_id=payload.operator_id, listing_ids=payload.listing_ids, title=payload.title,
        description=payload.description, format=payload.format, starts_at=payload.starts_at,
        ends_at=payload.ends_at, start_price=payload.start_price, reserve_price=payload.reserve_price,
        buy_now_price=payload.buy_now_price, extension_window=dt.timedelta(seconds=payload.extension_window_seconds),
        extension_cap=dt.timedelta(seconds=payload.extension_cap_seconds), increments=payload.increments)
    return Status(201, auction_out(auction, request.user))


@router.post("/{code}/cancel", auth=api_auth, response=AuctionOut)
def auction_cancel_api(request: HttpRequest, code: str, payload: CancelIn) -> Any:
    auction = services.auction_cancel(actor=request.user, auction_id=selectors.auction_by_code(code).pk,
                                      reason=payload.reason)
    return auction_out(auction, request.user)


@router.post("/{code}/checkout", auth=api_auth, response={201: CheckoutOut})
def auction_checkout_api(request: HttpRequest, code: str, payload: CheckoutIn) -> HttpResponse:
    """The winner checks out the lot at the final price; pay it at `payment_url` like any checkout."""
    auction_id = selectors.auction_by_code(code).pk

    def work() -> tuple[int, dict[str, Any]]:
        placed = services.auction_checkout(actor=request.user, auction_id=auction_id,
                                           fulfilment=payload.fulfilment, address=payload.address)
        return 201, {"number": placed.number, "total": str(placed.total),
                     "payment_reference": placed.payment_reference,
                     "payment_url": reverse("trade-local-pay", args=[placed.payment_reference]),
                     "order_ids": list(placed.order_ids)}

    return _replay(idempotent(scope=f"auction-pay:{code}", actor=request.user, key=request.headers.get(KEY_HEADER),
                              body=payload.dict(), work=work))
