"""The point of sale page: phone and tablet friendly; the item code field has the focus, so a barcode scanner
(which types the code and Enter) looks the item up at once; the sale prints the receipt."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from recirc.core.errors import DomainError, ValidationFailed
from recirc.core.htmx import redirect_after_post, render_page
from recirc.core.http import apply_to_form
from recirc.trade import pos
from recirc.trade.errors import TradeForbidden
from recirc.trade.forms import PosLookupForm, PosSaleForm
from recirc.trade.idempotency import idempotent
from recirc.trade.policy import may_use_pos


def _buyer_id(username: str) -> int | None:
    """A registered buyer named at the counter (the username on their account page)."""
    if not username.strip():
        return None
    found = get_user_model().objects.filter(username=username.strip()).values_list("pk", flat=True).first()
    if found is None:
        raise ValidationFailed(_("No consumer has this account."), field="buyer_username", code="trade.buyer_unknown")
    return int(found)


def _sell(request: HttpRequest, form: PosSaleForm) -> Any:
    data = form.cleaned_data
    body = {key: data[key] for key in ("listing_id", "expected_version", "method", "buyer_username", "stall_code")}

    def work() -> tuple[int, dict[str, Any]]:
        order = pos.pos_sale(actor=request.user, listing_id=data["listing_id"],
                             expected_version=data["expected_version"], method=data["method"],
                             buyer_user_id=_buyer_id(data["buyer_username"]), stall_code=data["stall_code"])
        return 201, {"order_id": order.pk, "number": order.number}

    return idempotent(scope="pos_sale", actor=request.user, key=data["idempotency_key"], body=body, work=work)


@login_required
@require_http_methods(["GET", "POST"])
def pos_view(request: HttpRequest) -> HttpResponse:
    if not may_use_pos(request.user):
        raise TradeForbidden()
    lookup = PosLookupForm(request.GET or None)
    offer, sale = None, None
    if request.method == "POST":
        sale = PosSaleForm(request.POST)
        if sale.is_valid():
            try:
                answer = _sell(request, sale)
                return redirect_after_post(request, reverse("trade-receipt", args=[answer.body["order_id"]])
                                           + "?print=1")
            except DomainError as error:
                apply_to_form(sale, error)
    elif lookup.is_valid():
        try:
            offer = pos.pos_lookup(actor=request.user, item_code=lookup.cleaned_data["item_code"])
            sale = PosSaleForm(initial={"listing_id": offer.id, "expected_version": offer.version})
        except DomainError as error:
            apply_to_form(lookup, error)
    return render_page(request, "trade/pos.html", {"lookup": lookup, "offer": offer, "sale": sale},
                       partial="sale")
