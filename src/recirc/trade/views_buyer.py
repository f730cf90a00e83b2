"""Buyer pages: the cart, the checkout, the local provider's payment page, my orders and the confirmation.

Views parse, call one service or selector, and render; who may do what is decided by policy and services.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from recirc.core.errors import DomainError
from recirc.core.htmx import redirect_after_post, render_page
from recirc.core.http import apply_to_form
from recirc.core.permissions import role_required
from recirc.core.roles import Role
from recirc.trade import checkout as checkout_services
from recirc.trade import offers, pages, paying, selectors
from recirc.trade.forms import CheckoutForm, OrderFilterForm
from recirc.trade.idempotency import idempotent
from recirc.trade.models import CartLine, Order


def _cart_rows(user: Any) -> list[dict[str, Any]]:
    rows = []
    for line in CartLine.objects.filter(user=user).order_by("added_at", "id"):
        try:
            offer = offers.listing_offer(line.listing_id)
        except DomainError:
            continue
        rows.append({"line": line, "offer": offer, "changed": offer.version != line.version_seen,
                     "available": offer.status == "published"})
    return rows


@role_required(Role.CONSUMER)
def cart_view(request: HttpRequest) -> HttpResponse:
    rows = _cart_rows(request.user)
    total = sum((row["offer"].price for row in rows if row["available"]), start=0)
    return render_page(request, "trade/cart.html", {"rows": rows, "total": total,
                                                    "has_inspection": any(r["offer"].platform_inspection_offered
                                                                          for r in rows)}, partial="cart")


@role_required(Role.CONSUMER)
@require_POST
def cart_add_view(request: HttpRequest) -> HttpResponse:
    try:
        checkout_services.cart_add(actor=request.user, listing_id=int(request.POST.get("listing_id", "0")))
        messages.success(request, _("Added to your cart."))
    except (DomainError, ValueError) as error:
        messages.error(request, error.text() if isinstance(error, DomainError) else _("No such listing."))
    return redirect_after_post(request, reverse("trade-cart"))


@role_required(Role.CONSUMER)
@require_POST
def cart_remove_view(request: HttpRequest, listing_id: int) -> HttpResponse:
    checkout_services.cart_remove(actor=request.user, listing_id=listing_id)
    return cart_view(request) if getattr(request, "htmx", False) else redirect("trade-cart")


def _place(request: HttpRequest, form: CheckoutForm) -> Any:
    lines = checkout_services.cart_lines(request.user)
    data = form.cleaned_data
    # The form's own fields: a resubmitted page (the cart emptied by the first submission) matches.
    body = {"fulfilment": data["fulfilment"], "address": data["address"], "inspection": data["inspection"]}

    def work() -> tuple[int, dict[str, Any]]:
        placed = checkout_services.checkout_place(actor=request.user, lines=lines, fulfilment=data["fulfilment"],
                                                  address=data["address"], inspection=data["inspection"])
        return 201, {"checkout_id": placed.pk, "payment_reference": placed.payment.provider_reference}

    return idempotent(scope="checkout", actor=request.user, key=data["idempotency_key"], body=body, work=work)


@role_required(Role.CONSUMER)
@require_http_methods(["GET", "POST"])
def checkout_view(request: HttpRequest) -> HttpResponse:
    rows = _cart_rows(request.user)
    form = CheckoutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            answer = _place(request, form)
            return redirect_after_post(request, reverse("trade-local-pay",
                                                        args=[answer.body["payment_reference"]]))
        except DomainError as error:
            apply_to_form(form, error)
    total = sum((row["offer"].price for row in rows if row["available"]), start=0)
    return render(request, "trade/checkout.html", {"form": form, "rows": rows, "total": total,
                                                   "has_inspection": any(r["offer"].platform_inspection_offered
                                                                         for r in rows)})


@login_required
@require_http_methods(["GET", "POST"])
def local_pay_view(request: HttpRequest, reference: str) -> HttpResponse:
    """The local provider's payment page (stands in for the Alipay / WeChat Pay cashier)."""
    payment = paying.payment_for_buyer(request.user, reference)
    if request.method == "POST":
        try:
            paying.payment_pay_local(actor=request.user, reference=reference)
            messages.success(request, _("Paid. The sellers have been told to send your items."))
            return redirect_after_post(request, reverse("trade-orders"))
        except DomainError as error:
            messages.error(request, error.text())
    orders = Order.objects.filter(payment=payment).prefetch_related("lines").order_by("pk")
    return render(request, "trade/local_pay.html", {"payment": payment, "orders": orders})


@role_required(Role.CONSUMER)
@require_POST
def checkout_cancel_view(request: HttpRequest, checkout_id: int) -> HttpResponse:
    from recirc.trade.fulfilment import checkout_cancel

    try:
        checkout_cancel(actor=request.user, checkout_id=checkout_id)
        messages.success(request, _("Checkout cancelled. Nothing was charged."))
    except DomainError as error:
        messages.error(request, error.text())
    return redirect_after_post(request, reverse("trade-orders"))


@login_required
def order_list_view(request: HttpRequest) -> HttpResponse:
    form = OrderFilterForm(request.GET or None)
    filters = form.filters()
    orders = selectors.order_list_bought(request.user, **filters)
    page, query = pages.page_of(request, orders)
    rows = [{"order": order, "badge": pages.badge(order.state)} for order in page.object_list]
    return render_page(request, "trade/order_list.html", {
        "form": form, "page": page, "query": query, "rows": rows, "filtered": any(filters.values()),
        "mode": "bought"}, partial="results")

