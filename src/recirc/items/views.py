"""Item pages: the staff list, detail, register and transition pages, and the public passport."""

from __future__ import annotations

from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from recirc.catalog.contracts import CategoryRef
from recirc.catalog.facade import category_get
from recirc.core.errors import DomainError, NotFound
from recirc.core.htmx import redirect_after_post, render_page
from recirc.core.permissions import is_operator_staff
from recirc.items import policy, selectors, services
from recirc.items.errors import PassportNotFound, RegistrationForbidden
from recirc.items.exports import items_export
from recirc.items.forms import ItemFilterForm, ItemRegisterForm, ItemTransitionForm, apply_error
from recirc.items.models import ItemState
from recirc.operators.facade import outlet_choices_for

PAGE_SIZE = 25


def _rows(items: Any) -> list[dict[str, Any]]:
    names = selectors.operator_names(item.owner_operator_id for item in items)
    return [{"item": item, "operator_name": names.get(item.owner_operator_id or 0, "")} for item in items]


@login_required
def item_list_view(request: HttpRequest) -> HttpResponse:
    form = ItemFilterForm(request.GET or None, category_choices=selectors.category_choices())
    items = selectors.item_list(request.user, **form.filters())
    export_format = request.GET.get("format")
    if export_format in ("csv", "xlsx"):
        return items_export(items, export_format)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "filtered": bool(form.filters()["query"]
               or form.filters()["category"] or form.filters()["state"]),
               "rows": _rows(page.object_list),
               "may_register": policy.may_register(request.user)}
    return render_page(request, "items/item_list.html", context, partial="results")


@login_required
def item_detail_view(request: HttpRequest, item_id: int) -> HttpResponse:
    context = selectors.item_detail(request.user, item_id)
    context["targets"] = selectors.transition_choices(request.user, context["item"])
    context["passport_url"] = reverse("item-passport", args=[context["item"].code])
    return render(request, "items/item_detail.html", context)


def _register_category(request: HttpRequest) -> CategoryRef | None:
    raw = (request.POST or request.GET).get("category", "")
    if not raw.isdigit():
        return None
    try:
        return category_get(int(raw))
    except NotFound:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def item_register_view(request: HttpRequest) -> HttpResponse:
    if not policy.may_register(request.user):
        raise RegistrationForbidden()
    form = ItemRegisterForm(request.POST or None, category_choices=selectors.category_choices(leaf_only=True),
                            category=_register_category(request), for_staff=is_operator_staff(request.user),
                            outlet_choices=outlet_choices_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_register(actor=request.user, **form.service_arguments())
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Item passport %(code)s created.") % {"code": item.code})
            return redirect_after_post(request, reverse("item-detail", args=[item.pk]))
    initial_category = request.GET.get("category") if request.method == "GET" else None
    context = {"form": form, "category": form.selected_category}
    if request.method == "GET" and initial_category is not None:
        return render_page(request, "items/item_register.html", context, partial="attribute-fields")
    return render(request, "items/item_register.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def item_transition_view(request: HttpRequest, item_id: int) -> HttpResponse:
    item = selectors.item_get(request.user, item_id)
    labels = dict(ItemState.choices)
    targets = selectors.transition_choices(request.user, item)
    initial = {"to_state": request.GET.get("to")} if request.GET.get("to") else None
    form = ItemTransitionForm(request.POST or None, initial=initial, targets=targets)
    if request.method == "POST":
        if not targets:
            services.item_transition(actor=request.user, item=item, to_state=request.POST.get("to_state", ""),
                                     reason="")  # raises the precise refusal (forbidden or not allowed)
        if form.is_valid():
            try:
                services.item_transition(actor=request.user, item=item, to_state=form.cleaned_data["to_state"],
                                         reason=form.cleaned_data["reason"])
            except DomainError as error:
                apply_error(form, error)
            else:
                messages.success(request, _("The item is now: %(state)s.") % {
                    "state": labels[form.cleaned_data["to_state"]]})
                return redirect_after_post(request, reverse("item-detail", args=[item.pk]))
    return render(request, "items/item_transition.html", {"item": item, "form": form, "targets": targets})


def item_passport_view(request: HttpRequest, code: str) -> HttpResponse:
    """Public: anyone who scans the QR code. Shows public facts only."""
    try:
        passport = selectors.passport_get(code)
    except PassportNotFound as error:
        return render(request, "items/passport_not_found.html", {"error": error, "code": code}, status=404)
    url = request.build_absolute_uri(reverse("item-passport", args=[passport.code]))
    qr_svg = segno.make(url, error="m").svg_inline(scale=4, dark="#1d2329", title=passport.code)
    return render(request, "items/passport.html", {"passport": passport, "passport_url": url,
                                                   "qr_svg": mark_safe(qr_svg)})  # segno output, no user text
