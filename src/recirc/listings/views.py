"""Seller pages: my listings (filters, export), a new listing (an operator's item, or a consumer's own item),
the listing's page with its draft form, photos, the publication check and the state's actions.

Views parse, call one service or selector, and render; who may do what is decided by policy and services.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from recirc.core.errors import DomainError
from recirc.core.htmx import redirect_after_post, render_page
from recirc.core.http import apply_to_form
from recirc.core.permissions import has_role
from recirc.core.roles import Role
from recirc.listings import drafting, photos, policy, selectors, services
from recirc.listings.errors import CreateForbidden, SellerNotVerified
from recirc.listings.exports import listings_export
from recirc.listings.forms import FromItemForm, ListingForm, MineFilterForm, NewItemForm, PhotoForm, listing_initial
from recirc.listings.lookup import item_lookup
from recirc.listings.models import ListingStatus
from recirc.listings.presentation import disclosure_view, seller_label, terms_lines

PAGE_SIZE = 25
ACTIONS: dict[str, tuple[Any, Any]] = {
    "publish": (services.listing_publish, gettext_lazy("Published.")),
    "withdraw": (services.listing_withdraw, gettext_lazy("Withdrawn.")),
    "edit": (services.listing_reopen, gettext_lazy("Back to draft: change it and publish again.")),
}


@login_required
def listing_list_view(request: HttpRequest) -> HttpResponse:
    form = MineFilterForm(request.GET or None)
    filters = form.filters()
    listings = selectors.listing_list(request.user, **filters)
    if request.GET.get("format") in ("csv", "xlsx"):
        return listings_export(listings, request.GET["format"])
    page = Paginator(listings.prefetch_related("photos"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "filtered": any(filters.values()),
               "counts": selectors.status_counts(request.user), "statuses": ListingStatus.choices,
               "may_create": policy.may_create_as_staff(request.user) or has_role(request.user, Role.CONSUMER)}
    return render_page(request, "listings/listing_list.html", context, partial="results")


def _create_staff(request: HttpRequest, form: FromItemForm) -> Any:
    item = item_lookup(request.user, form.cleaned_data["item"])
    if item is None:
        form.add_error("item", _("No item of yours matches this."))
        return None
    return drafting.listing_create(actor=request.user, item_id=item.id, price=form.cleaned_data["price"])


def _create_consumer(request: HttpRequest, form: NewItemForm) -> Any:
    data = form.cleaned_data
    item = {"category_id": data["category"], "title": data["title"], "brand": data["brand"],
            "model_name": data["model_name"]}
    return drafting.listing_create_c2c(actor=request.user, item=item, price=data["price"])


@login_required
@require_http_methods(["GET", "POST"])
def listing_create_view(request: HttpRequest) -> HttpResponse:
    is_consumer = has_role(request.user, Role.CONSUMER)
    if not is_consumer and not policy.may_create_as_staff(request.user):
        raise CreateForbidden()
    if is_consumer and not policy.may_create_as_consumer(request.user):
        raise SellerNotVerified()
    form: NewItemForm | FromItemForm = NewItemForm(request.POST or None) if is_consumer else FromItemForm(
        request.POST or None, initial={"item": request.GET.get("item", "")})
    if request.method == "POST" and form.is_valid():
        try:
            listing = _create_consumer(request, form) if isinstance(form, NewItemForm) else _create_staff(request, form)
        except DomainError as error:
            apply_to_form(form, error)
            listing = None
        if listing is not None:
            messages.success(request, _("Draft created. Complete it and publish."))
            return redirect_after_post(request, reverse("listing-detail", args=[listing.pk]))
    return render_page(request, "listings/listing_create.html", {"form": form, "is_consumer": is_consumer},
                       status=422 if form.errors else 200)


def _detail_context(request: HttpRequest, listing: Any, form: ListingForm | None = None) -> dict[str, Any]:
    is_consumer = listing.seller_kind == "consumer"
    actions = policy.actions_for(request.user, listing)
    gaps = services.publication_gaps(listing)[1] if "publish" in actions else {}
    return {"listing": listing, "actions": actions, "gaps": gaps, "photos": selectors.photos_of(listing),
            "form": form or ListingForm(initial=listing_initial(listing), is_consumer=is_consumer),
            "photo_form": PhotoForm(), "disclosure": disclosure_view(listing), "seller": seller_label(listing),
            "terms": terms_lines(listing), "is_consumer": is_consumer}


@login_required
@require_http_methods(["GET", "POST"])
def listing_detail_view(request: HttpRequest, listing_id: int) -> HttpResponse:
    listing = selectors.listing_get(request.user, listing_id)
    form = None
    if request.method == "POST":
        form = ListingForm(request.POST, is_consumer=listing.seller_kind == "consumer")
        if form.is_valid():
            try:
                drafting.listing_update(actor=request.user, listing_id=listing.pk, **form.changes())
                messages.success(request, _("Saved."))
                return redirect_after_post(request, reverse("listing-detail", args=[listing.pk]))
            except DomainError as error:
                apply_to_form(form, error)
    context = _detail_context(request, listing, form)
    return render_page(request, "listings/listing_detail.html", context, status=422 if form else 200)


@login_required
@require_POST
def listing_action_view(request: HttpRequest, listing_id: int, action: str) -> HttpResponse:
    service, done = ACTIONS.get(action, (None, ""))
    listing = selectors.listing_get(request.user, listing_id)
    if service is None:
        return redirect("listing-detail", listing_id=listing.pk)
    try:
        service(actor=request.user, listing_id=listing.pk)
    except DomainError as error:
        messages.error(request, error.text())
        if getattr(error, "errors", None):
            for problems in error.errors.values():  # type: ignore[attr-defined]
                for problem in problems:
                    messages.error(request, str(problem))
    else:
        messages.success(request, done)
    return redirect_after_post(request, reverse("listing-detail", args=[listing.pk]))


@login_required
@require_POST
def photo_add_view(request: HttpRequest, listing_id: int) -> HttpResponse:
    listing = selectors.listing_get(request.user, listing_id)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            photos.photo_add(actor=request.user, listing_id=listing.pk,
                             content=form.cleaned_data["photo"].read(photos.MAX_BYTES + 1))
            messages.success(request, _("Photo added."))
        except DomainError as error:
            messages.error(request, error.text())
    else:
        messages.error(request, _("Choose a photo to upload."))
    return redirect_after_post(request, reverse("listing-detail", args=[listing.pk]))


@login_required
@require_POST
def photo_remove_view(request: HttpRequest, listing_id: int, photo_id: int) -> HttpResponse:
    listing = selectors.listing_get(request.user, listing_id)
    try:
        photos.photo_remove(actor=request.user, listing_id=listing.pk, photo_id=photo_id)
        messages.success(request, _("Photo removed."))
    except DomainError as error:
        messages.error(request, error.text())
    return redirect_after_post(request, reverse("listing-detail", args=[listing.pk]))
