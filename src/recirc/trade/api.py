"""Trade API: the cart, checkout, payment, fulfilment and refunds. Every money-moving call (checkout, pay,
confirm, refund) needs an `Idempotency-Key` header: the same key and body answer the stored response exactly,
the same key with another body answers 422 "trade.idempotency_mismatch".

No `from __future__ import annotations` here: @paginate wraps the handler, and Ninja must see real types.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from ninja import Query, Router, Status
from ninja.pagination import PageNumberPagination, paginate

from recirc.accounts.auth import api_auth
from recirc.trade import checkout as checkout_services
from recirc.trade import fulfilment, paying, refunds, selectors
from recirc.trade.idempotency import Answer, idempotent
from recirc.trade.models import Checkout
from recirc.trade.schemas import (
    CartIn,
    CartLineOut,
    CheckoutIn,
    CheckoutOut,
    OrderFilter,
    OrderOut,
    PaymentOut,
    RefundIn,
    RefundOut,
    ShipIn,
)

router = Router(tags=["trade"], auth=api_auth)
KEY_HEADER = "Idempotency-Key"


def _replay(answer: Answer) -> HttpResponse:
    response = JsonResponse(answer.body, status=answer.status)
    response["Idempotent-Replayed"] = "true" if answer.replayed else "false"
    return response


def _key(request: HttpRequest) -> str | None:
    return request.headers.get(KEY_HEADER)


def checkout_answer(placed: Checkout) -> dict[str, Any]:
    payment = placed.payment
    return {"checkout_id": placed.pk, "number": placed.number, "total": str(placed.total),
            "payment_id": payment.pk, "payment_reference": payment.provider_reference,
            "payment_url": reverse("trade-local-pay", args=[payment.provider_reference]),
            "order_ids": sorted(placed.orders.values_list("pk", flat=True))}


@router.get("/cart", response=list[CartLineOut])
def cart_list_api(request: HttpRequest) -> Any:
    return [{"listing_id": line.listing_id, "version_seen": line.version_seen}
            for line in checkout_services.cart_lines(request.user)]


@router.post("/cart", response={201: CartLineOut})
def cart_add_api(request: HttpRequest, payload: CartIn) -> Any:
    line = checkout_services.cart_add(actor=request.user, listing_id=payload.listing_id)
    return Status(201, {"listing_id": line.listing_id, "version_seen": line.version_seen})


@router.delete("/cart/{int:listing_id}", response={204: None})
def cart_remove_api(request: HttpRequest, listing_id: int) -> Any:
    checkout_services.cart_remove(actor=request.user, listing_id=listing_id)
    return Status(204, None)


@router.post("/checkouts", response={201: CheckoutOut})
def checkout_place_api(request: HttpRequest, payload: CheckoutIn) -> HttpResponse:
    lines = [checkout_services.CheckoutLine(listing_id=line.listing_id, version_seen=line.version)
             for line in payload.lines] or checkout_services.cart_lines(request.user)

    def work() -> tuple[int, dict[str, Any]]:
        placed = checkout_services.checkout_place(actor=request.user, lines=lines, fulfilment=payload.fulfilment,
                                                  address=payload.address, inspection=payload.inspection)
        return 201, checkout_answer(placed)

    return _replay(idempotent(scope="checkout", actor=request.user, key=_key(request), body=payload.dict(),
                              work=work))


@router.post("/payments/{reference}/pay", response={200: PaymentOut})
def payment_pay_api(request: HttpRequest, reference: str) -> HttpResponse:
    """Pay with the local provider (the buyer's own action on its payment page)."""

    def work() -> tuple[int, dict[str, Any]]:
        payment = paying.payment_pay_local(actor=request.user, reference=reference)
        return 200, {"payment_id": payment.pk, "number": payment.number, "state": payment.state,
                     "amount": str(payment.amount)}

    return _replay(idempotent(scope="pay", actor=request.user, key=_key(request), body={"reference": reference},
                              work=work))


@router.post("/webhooks/{provider}", auth=None, response={200: dict})
def payment_webhook_api(request: HttpRequest, provider: str) -> Any:
    """Provider notifications (signed; verified by the provider adapter). Repeats are answered, never re-applied."""
    try:
        outcome = paying.webhook_receive(provider_name=provider, body=request.body, headers=request.headers)
    except LookupError:
        return JsonResponse({"code": "trade.provider_unknown", "message": "Unknown provider."}, status=404)
    return {"outcome": outcome}


@router.get("/orders", response=list[OrderOut])
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def order_list_api(request: HttpRequest, filters: OrderFilter = Query(...)) -> Any:  # noqa: B008
    if filters.role == "seller":
        return selectors.order_list_sold(request.user, state=filters.state, query=filters.q)
    return selectors.order_list_bought(request.user, state=filters.state, query=filters.q)


@router.get("/orders/{int:order_id}", response=OrderOut)
def order_get_api(request: HttpRequest, order_id: int) -> Any:
    return selectors.order_get(request.user, order_id)


@router.post("/orders/{int:order_id}/ship", response=OrderOut)
def order_ship_api(request: HttpRequest, order_id: int, payload: ShipIn) -> Any:
    fulfilment.order_ship(actor=request.user, order_id=order_id, carrier=payload.carrier,
                          tracking_number=payload.tracking_number)
    return selectors.order_get(request.user, order_id)


@router.post("/orders/{int:order_id}/confirm", response=OrderOut)
def order_confirm_api(request: HttpRequest, order_id: int) -> HttpResponse:
    def work() -> tuple[int, dict[str, Any]]:
        order = fulfilment.order_confirm(actor=request.user, order_id=order_id)
        return 200, OrderOut.from_orm(selectors.order_get(request.user, order.pk)).model_dump()

    return _replay(idempotent(scope="confirm", actor=request.user, key=_key(request), body={"order_id": order_id},
                              work=work))


@router.post("/orders/{int:order_id}/refunds", response={201: RefundOut})
def order_refund_api(request: HttpRequest, order_id: int, payload: RefundIn) -> HttpResponse:
    answer = refunds.refund_issue(actor=request.user, order_id=order_id, amount=payload.amount,
                                  reason=payload.reason, idempotency_key=_key(request) or "")
    return _replay(answer)
