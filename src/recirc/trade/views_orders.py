"""The order page (timeline and the viewer's next steps as forms), the seller's orders, the platform
inspection queue, and the receipt (the legally required voucher with the disclosure)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from recirc.core.errors import DomainError
from recirc.core.htmx import redirect_after_post, render_page
from recirc.core.http import apply_to_form
from recirc.privacy.facade import pii_reveal
from recirc.trade import fulfilment, offers, pages, selectors
from recirc.trade.errors import TradeForbidden
from recirc.trade.forms import (
    InspectionFailForm,
    InspectionPassForm,
    OrderFilterForm,
    PickupForm,
    RefundForm,
    ShipForm,
)
from recirc.trade.models import Order
from recirc.trade.policy import is_buyer, is_seller_side, may_inspect
from recirc.trade.refunds import refund_issue


class NoFields(forms.Form):
    pass


def _refund(actor: Any, order_id: int, idempotency_key: str, amount: Any, reason: str) -> Any:
    return refund_issue(actor=actor, order_id=order_id, amount=amount, reason=reason,
                        idempotency_key=idempotency_key)


# action -> (form, service, message). Form fields are named as the services' arguments.
WRITES: dict[str, tuple[type[forms.Form], Callable[..., Any], Any]] = {
    "ship": (ShipForm, fulfilment.order_ship, gettext_lazy("Marked as shipped.")),
    "ready": (NoFields, fulfilment.order_ready_for_pickup, gettext_lazy("The buyer has been told to collect it.")),
    "pickup": (PickupForm, fulfilment.order_pickup_done, gettext_lazy("Handed over.")),
    "deliver": (NoFields, fulfilment.order_mark_delivered, gettext_lazy("Marked as delivered.")),
    "confirm": (NoFields, fulfilment.order_confirm, gettext_lazy("Thank you. The seller has been paid.")),
    "inspection_pass": (InspectionPassForm, fulfilment.inspection_pass,
                        gettext_lazy("Inspection passed; sent on to the buyer.")),
    "inspection_fail": (InspectionFailForm, fulfilment.inspection_fail,
                        gettext_lazy("Inspection failed; the buyer was refunded.")),
    "refund": (RefundForm, _refund, gettext_lazy("Refund issued.")),
}


def _forms(order: Order, available: set[str], bound: dict[str, forms.Form] | None = None) -> dict[str, Any]:
    bound = bound or {}
    initial = {"refund": {"amount": order.paid_total - order.refunded_total}}
    return {name: bound.get(name) or WRITES[name][0](initial=initial.get(name), prefix=name)
            for name in available if name in WRITES}


def _detail_context(request: HttpRequest, order: Order, bound: dict[str, forms.Form] | None = None) -> dict[str, Any]:
    available = pages.actions(request.user, order)
    return {"order": order, "badge": pages.badge(order.state), "steps": pages.steps(order),
            "actions": available, "forms": _forms(order, available, bound), "lines": list(order.lines.all()),
            "events": pages.timeline(order), "refunds": list(order.refunds.all()),
            "is_buyer_view": is_buyer(request.user, order)}


@login_required
def order_detail_view(request: HttpRequest, order_id: int) -> HttpResponse:
    order = selectors.order_get(request.user, order_id)
    return render_page(request, "trade/order_detail.html", _detail_context(request, order), partial="panel")


@login_required
@require_POST
def order_action_view(request: HttpRequest, order_id: int, action: str) -> HttpResponse:
    if action not in WRITES:
        raise Http404
    order = selectors.order_get(request.user, order_id)
    form_class, service, message = WRITES[action]
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        try:
            service(actor=request.user, order_id=order.pk, **form.cleaned_data)
            messages.success(request, str(message))
            return redirect_after_post(request, reverse("trade-order", args=[order.pk]))
        except DomainError as error:
            if error.status in (403, 404):
                raise
            apply_to_form(form, error)
    order = selectors.order_get(request.user, order_id)
    return render_page(request, "trade/order_detail.html", _detail_context(request, order, {action: form}),
                       partial="panel", status=422)


@login_required
def sales_list_view(request: HttpRequest) -> HttpResponse:
    form = OrderFilterForm(request.GET or None)
    filters = form.filters()
    orders = selectors.order_list_sold(request.user, **filters)
    page, query = pages.page_of(request, orders)
    rows = [{"order": order, "badge": pages.badge(order.state)} for order in page.object_list]
    return render_page(request, "trade/order_list.html", {
        "form": form, "page": page, "query": query, "rows": rows, "filtered": any(filters.values()),
        "mode": "sold"}, partial="results")


@login_required
def inspection_queue_view(request: HttpRequest) -> HttpResponse:
    if not may_inspect(request.user):
        raise TradeForbidden()
    orders = selectors.inspection_queue(request.user)
    page, query = pages.page_of(request, orders)
    rows = [{"order": order, "badge": pages.badge(order.state)} for order in page.object_list]
    return render(request, "trade/order_list.html", {"form": None, "page": page, "query": query, "rows": rows,
                                                     "filtered": False, "mode": "inspection"})


def sealed_disclosure(listing_id: int, sha256: str) -> offers.DisclosureRef | None:
    """The sealed disclosure the buyer was shown: the one whose hash the order line recorded (the current one,
    or an earlier version when the listing's facts changed since). None when none matches."""
    try:
        current = offers.disclosure_for_listing(listing_id)
    except DomainError:
        return None
    for version in range(current.version, 0, -1):
        try:
            found = current if version == current.version else offers.disclosure_for_listing(listing_id, version)
        except DomainError:
            continue
        if found.sha256 == sha256:
            return found
    return None


def _receipt(request: HttpRequest, order: Order) -> HttpResponse:
    lines = []
    for line in order.lines.all():
        disclosure = sealed_disclosure(line.listing_id, line.disclosure_sha256)
        lines.append({"line": line, "disclosure": disclosure, "intact": disclosure is not None})
    return render(request, "trade/receipt.html", {"order": order, "lines": lines,
                                                  "refunds": list(order.refunds.all())})


@login_required
def receipt_view(request: HttpRequest, order_id: int) -> HttpResponse:
    return _receipt(request, selectors.order_get(request.user, order_id))


def receipt_by_code_view(request: HttpRequest, code: str) -> HttpResponse:
    """The voucher by its printed code: how a walk-in buyer (no account) shows their warranty. It holds no
    personal data; the 12-character code is the key."""
    order = (Order.objects.select_related("seller_operator", "seller_outlet", "seller_user", "payment")
             .prefetch_related("lines", "refunds").filter(receipt_code=code.strip().upper()).first())
    if order is None or order.paid_at is None:
        raise Http404(_("No receipt has this code."))
    return _receipt(request, order)


@login_required
@require_POST
def order_address_view(request: HttpRequest, order_id: int) -> HttpResponse:
    """The seller side reads the full shipping address to ship: revealed by the vault for "delivering an order"
    (logged and audited there), only while the order waits to be sent."""
    order = selectors.order_get(request.user, order_id)
    if not is_seller_side(request.user, order) or not order.address_token or order.state != "paid":
        raise TradeForbidden()
    address = pii_reveal(token=order.address_token, actor=request.user, purpose="order_fulfilment",
                         detail=order.number)
    return render(request, "trade/_address.html", {"address": address, "order": order})
