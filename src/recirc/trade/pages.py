"""What the order pages show: state badges, the steps of the order's path, the actions open to the viewer."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from recirc.trade.models import Fulfilment, Order, OrderState
from recirc.trade.policy import is_buyer, is_seller_side, may_inspect, may_refund

PAGE_SIZE = 25
S = OrderState
BADGES = {S.PENDING_PAYMENT: "warn", S.PAID: "info", S.IN_PLATFORM_INSPECTION: "warn", S.SHIPPED: "info",
          S.READY_FOR_PICKUP: "info", S.DELIVERED: "info", S.COMPLETED: "ok", S.CANCELLED: "", S.REFUNDED: "bad"}


def badge(state: str) -> str:
    return BADGES.get(OrderState(state), "")


def page_of(request: HttpRequest, rows: Any) -> tuple[Any, str]:
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def steps(order: Order) -> list[dict[str, Any]]:
    """The path this order takes, each step marked done / current / to come."""
    path = [S.PENDING_PAYMENT, S.PAID]
    if order.inspection_requested:
        path.append(S.IN_PLATFORM_INSPECTION)
    if order.fulfilment == Fulfilment.PICKUP:
        path += [S.READY_FOR_PICKUP, S.DELIVERED]
    elif order.fulfilment == Fulfilment.SHIPPING:
        path += [S.SHIPPED, S.DELIVERED]
    path.append(S.COMPLETED)
    if order.state in (S.CANCELLED, S.REFUNDED):
        return [{"label": OrderState(state).label, "status": "done"} for state in path[:1]] + [
            {"label": OrderState(order.state).label, "status": "current"}]
    reached = path.index(OrderState(order.state)) if order.state in path else 0
    return [{"label": OrderState(state).label,
             "status": "done" if index < reached else "current" if index == reached else "todo"}
            for index, state in enumerate(path)]


def actions(actor: Any, order: Order) -> set[str]:
    """The forms to show; the services decide again when they are submitted."""
    found: set[str] = set()
    if is_buyer(actor, order):
        if order.state == S.PENDING_PAYMENT:
            found |= {"pay", "cancel"}
        if order.state in (S.SHIPPED, S.DELIVERED):
            found.add("confirm")
    if is_seller_side(actor, order):
        if order.state == S.PAID and order.fulfilment == Fulfilment.SHIPPING:
            found.add("ship")
        if order.state == S.PAID and order.fulfilment == Fulfilment.PICKUP:
            found.add("ready")
        if order.state == S.READY_FOR_PICKUP:
            found.add("pickup")
        if order.state == S.SHIPPED:
            found.add("deliver")
    if order.state == S.IN_PLATFORM_INSPECTION and may_inspect(actor):
        found |= {"inspection_pass", "inspection_fail"}
    if order.paid_total > order.refunded_total and order.state != S.PENDING_PAYMENT and may_refund(actor, order):
        found.add("refund")
    return found


EVENT_LABELS: dict[str, Any] = {
    "order_placed": _("Order placed"),
    "order_paid": _("Paid"),
    "order_shipped": _("Shipped"),
    "order_ready_for_pickup": _("Ready for pickup"),
    "order_picked_up": _("Collected with the pickup code"),
    "order_delivered": _("Delivered"),
    "order_confirmed": _("Receipt confirmed; the seller was paid"),
    "escrow_released_automatically": _("Completed automatically; the seller was paid"),
    "order_cancelled": _("Cancelled"),
    "order_refunded": _("Refunded in full"),
    "refund_issued": _("Refund issued"),
    "inspection_passed": _("Platform inspection passed"),
    "inspection_failed": _("Platform inspection failed"),
    "order_sold_at_counter": _("Sold at the counter"),
    "listing_kept_reserved": _("Listing kept off sale (item on hold)"),
}


def timeline(order: Order) -> list[dict[str, Any]]:
    return [{"label": EVENT_LABELS.get(event.kind, event.kind), "note": event.note, "at": event.occurred_at,
             "by": (event.actor.display_name or event.actor.username) if event.actor else ""}
            for event in order.events.all()]
