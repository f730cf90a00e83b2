"""Auction pages: the public list and an auction's page (price area refreshed by htmx polling, bid and buy-it-now
forms with an idempotency key per render), and the seller's staff pages: a new auction, their auctions, cancel.

Views parse, call one service or selector, and render; who may do what is decided by policy and services.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from recirc.auctions import pages, policy, selectors, services
from recirc.auctions.errors import BuyNowUnavailable, ChangeForbidden, CreateForbidden
from recirc.auctions.forms import AuctionCreateForm, BidForm, CancelForm, FilterForm, KeyForm
from recirc.auctions.models import Auction, AuctionFormat, AuctionState
from recirc.core.errors import DomainError
from recirc.core.htmx import redirect_after_post, render_page
from recirc.core.http import apply_to_form
from recirc.trade.facade import idempotent

PAGE_SIZE = 20


def _page(request: HttpRequest, found: Any) -> tuple[Any, str]:
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def auction_list_view(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    filters = form.filters()
    found = selectors.auctions_list(q=filters["q"], format=filters["format"], state=filters["state"])
    page, query = _page(request, found.prefetch_related("lot"))
    context = {"form": form, "page": page, "query": query, "filtered": any(filters.values()),
               "may_sell": bool(pages.selling_operators(request.user))}
    return render_page(request, "auctions/auction_list.html", context, partial="results")


def _detail(request: HttpRequest, auction: Auction, *, bid_form: BidForm | None = None,
            status: int = 200) -> HttpResponse:
    context = pages.face(auction, request.user)
    sealed = auction.format == AuctionFormat.SEALED
    context["bid_form"] = bid_form or BidForm(sealed=sealed, initial={"maximum": context["minimum_bid"]})
    context["buy_form"] = KeyForm()
    return render_page(request, "auctions/auction_detail.html", context, partial="live", status=status)


def auction_detail_view(request: HttpRequest, code: str) -> HttpResponse:
    return _detail(request, selectors.auction_by_code(code))


def _bid_message(answer: dict[str, Any], sealed: bool) -> tuple[int, str]:
    if sealed:
        return messages.SUCCESS, _("Your sealed bid is in. Bids are revealed at the close.")
    if answer["leading"]:
        return messages.SUCCESS, _("You lead at ¥%(price)s. We bid for you up to your maximum, one increment at a "
                                   "time.") % {"price": answer["price"]}
    return messages.WARNING, _("You were outbid at once: another bidder's maximum is higher. The price is now "
                               "¥%(price)s.") % {"price": answer["price"]}


@login_required
@require_POST
def auction_bid_view(request: HttpRequest, code: str) -> HttpResponse:
    auction = selectors.auction_by_code(code)
    sealed = auction.format == AuctionFormat.SEALED
    form = BidForm(request.POST, sealed=sealed)
    if not form.is_valid():
        return _detail(request, auction, bid_form=form, status=422)
    maximum: Decimal = form.cleaned_data["maximum"]

    def work() -> tuple[int, dict[str, Any]]:
        bid = services.bid_place(actor=request.user, auction_id=auction.pk, maximum=maximum)
        return 201, {"sequence": bid.sequence, "leading": bid.leading_after,
                     "price": f"{bid.price_after:.2f}" if bid.price_after is not None else None}

    try:
        answer = idempotent(scope=f"bid:{code}", actor=request.user, key=form.cleaned_data["idempotency_key"],
                            body={"maximum": str(maximum)}, work=work)
    except DomainError as error:
        apply_to_form(form, error)
        return _detail(request, selectors.auction_by_code(code), bid_form=form, status=error.status)
    level, text = _bid_message(answer.body, sealed)
    messages.add_message(request, level, text)
    return redirect_after_post(request, reverse("auction-detail", args=[code]))


@login_required
@require_POST
def auction_buy_now_view(request: HttpRequest, code: str) -> HttpResponse:
    auction = selectors.auction_by_code(code)
    form = KeyForm(request.POST)
    try:
        if not form.is_valid():
            raise BuyNowUnavailable()

        def work() -> tuple[int, dict[str, Any]]:
            bought = services.auction_buy_now(actor=request.user, auction_id=auction.pk)
            return 200, {"price": f"{bought.final_price:.2f}"}

        answer = idempotent(scope=f"buy-now:{code}", actor=request.user, key=form.cleaned_data["idempotency_key"],
                            body={}, work=work)
    except DomainError as error:
        messages.error(request, error.text())
    else:
        messages.success(request, _("You bought the lot at ¥%(price)s.") % {"price": answer.body["price"]})
    return redirect_after_post(request, reverse("auction-detail", args=[code]))


def _operators_or_refuse(request: HttpRequest) -> list[tuple[int, str]]:
    operators = pages.selling_operators(request.user)
    if not operators:
        raise CreateForbidden()
    return operators


def _apply(form: AuctionCreateForm, error: DomainError) -> None:
    if error.code == "auctions.item_not_auctionable":
        form.add_error("listings", error.text())
    elif error.field == "increments":
        form.add_error(None, error.text())
    else:
        apply_to_form(form, error)


@login_required
@require_http_methods(["GET", "POST"])
def auction_create_view(request: HttpRequest) -> HttpResponse:
    operators = _operators_or_refuse(request)
    form = AuctionCreateForm(request.POST or None, operators=operators,
                             initial={"listings": request.GET.get("listing", "")})
    if request.method == "POST" and form.is_valid():
        try:
            auction = services.auction_create(actor=request.user, **form.arguments(),
                                              listing_ids=pages.listing_ids_from_codes(form.cleaned_data["listings"]))
        except DomainError as error:
            _apply(form, error)
        else:
            messages.success(request, _("Auction %(code)s created: its listings are reserved for it until the "
                                        "close.") % {"code": auction.code})
            return redirect_after_post(request, reverse("auction-detail", args=[auction.code]))
    return render_page(request, "auctions/auction_create.html", {"form": form},
                       status=422 if form.errors else 200)


@login_required
def auction_mine_view(request: HttpRequest) -> HttpResponse:
    operators = _operators_or_refuse(request)
    form = FilterForm(request.GET or None)
    filters = form.filters()
    found = pages.auctions_of([pk for pk, _name in operators], state=filters["state"], q=filters["q"])
    if filters["format"]:
        found = found.filter(format=filters["format"])
    page, query = _page(request, found.prefetch_related("lot"))
    context = {"form": form, "page": page, "query": query, "filtered": any(filters.values()),
               "states": AuctionState.choices}
    return render_page(request, "auctions/auction_mine.html", context, partial="results")


@login_required
@require_http_methods(["GET", "POST"])
def auction_cancel_view(request: HttpRequest, code: str) -> HttpResponse:
    auction = selectors.auction_by_code(code)
    if not policy.may_sell(request.user, auction.operator_id):
        raise ChangeForbidden()
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.auction_cancel(actor=request.user, auction_id=auction.pk, reason=form.cleaned_data["reason"])
        except DomainError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Auction %(code)s cancelled: its listings are for sale again.")
                             % {"code": auction.code})
            return redirect_after_post(request, reverse("auction-mine"))
    return render_page(request, "auctions/auction_cancel.html", {"auction": auction, "form": form},
                       status=422 if form.errors else 200)
