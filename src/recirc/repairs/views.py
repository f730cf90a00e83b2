"""Repair pages: the work order list (filters, search, export), opening an order, the order's page with the
state's next steps as forms (htmx), the quote page a consumer approves from, and the printable receipt.

Views parse, call one service or selector, and render; who may do what is decided by policy and services.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from recirc.core.errors import DomainError, NotFound
from recirc.core.htmx import redirect_after_post, render_page
from recirc.core.http import apply_to_form
from recirc.core.permissions import has_role
from recirc.core.roles import Role
from recirc.repairs import pages, policy, selectors, services, work
from recirc.repairs.errors import OpenForbidden
from recirc.repairs.exports import work_orders_export
from recirc.repairs.forms import OpenForm, WorkOrderFilterForm
from recirc.repairs.models import WorkOrder

PAGE_SIZE = 25
Write = Callable[..., Any]
# action -> (the service, the message after it). Form fields are named as the services' arguments.
WRITES: dict[str, tuple[Write, Any]] = {
    "diagnose": (services.work_order_diagnose, gettext_lazy("Diagnosis recorded.")),
    "quote": (services.work_order_quote, gettext_lazy("Quote recorded.")),
    "approve": (services.work_order_approve, gettext_lazy("Quote approved.")),
    "decline": (services.work_order_decline, gettext_lazy("Quote declined.")),
    "start_repair": (services.work_order_start_repair, gettext_lazy("Repair started.")),
    "part": (work.part_add, gettext_lazy("Part recorded.")),
    "labour": (work.labour_add, gettext_lazy("Labour recorded.")),
    "submit": (work.work_order_submit, gettext_lazy("Sent to the quality check.")),
    "check": (work.quality_check_record, gettext_lazy("Quality check recorded.")),
    "cancel": (services.work_order_cancel, gettext_lazy("Work order cancelled.")),
}


def _page(request: HttpRequest, rows: Any) -> tuple[Any, str]:
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


@login_required
def repair_list_view(request: HttpRequest) -> HttpResponse:
    form = WorkOrderFilterForm(request.GET or None)
    filters = form.filters()
    orders = selectors.work_order_list(request.user, **filters)
    if request.GET.get("format") in ("csv", "xlsx"):
        return work_orders_export(orders, request.GET["format"])
    page, query = _page(request, orders)
    context = {"form": form, "page": page, "query": query, "filtered": any(filters.values()),
               "rows": pages.list_rows(page.object_list), "may_open": policy.may_open(request.user),
               "state_tabs": pages.state_tabs(selectors.state_counts(request.user)),
               "is_consumer": has_role(request.user, Role.CONSUMER)}
    return render_page(request, "repairs/work_order_list.html", context, partial="results")


@login_required
@require_http_methods(["GET", "POST"])
def repair_open_view(request: HttpRequest) -> HttpResponse:
    if not policy.may_open(request.user):
        raise OpenForbidden()
    form = OpenForm(request.POST or None, initial={"item": request.GET.get("item", "")})
    if request.method == "POST" and form.is_valid():
        item = selectors.item_lookup(request.user, form.cleaned_data["item"])
        if item is None:
            form.add_error("item", _("No item of yours matches. Give the item's number, or its IMEI or serial."))
        else:
            try:
                order = services.work_order_open(
                    actor=request.user, item_id=item.id, reported_fault=form.cleaned_data["reported_fault"],
                    intake_notes=form.cleaned_data["intake_notes"],
                    refurbishment=form.cleaned_data["refurbishment"])
            except DomainError as error:
                apply_to_form(form, error)
            else:
                messages.success(request, _("Work order %(number)s opened.") % {"number": order.number})
                return redirect_after_post(request, reverse("repair-detail", args=[order.pk]))
    return render(request, "repairs/work_order_open.html", {"form": form}, status=422 if form.errors else 200)


@login_required
def repair_detail_view(request: HttpRequest, work_order_id: int) -> HttpResponse:
    order = selectors.work_order_get(request.user, work_order_id)
    if has_role(request.user, Role.CONSUMER):
        return redirect("repair-quote", work_order_id=order.pk)
    return render(request, "repairs/work_order_detail.html", pages.detail_context(request.user, order))


@login_required
def repair_quote_view(request: HttpRequest, work_order_id: int) -> HttpResponse:
    order = selectors.work_order_get(request.user, work_order_id)
    return render(request, "repairs/quote.html", pages.quote_context(request.user, order))


@login_required
def repair_print_view(request: HttpRequest, work_order_id: int) -> HttpResponse:
    order = selectors.work_order_get(request.user, work_order_id)
    context = {**pages.record_context(order), "printed_at": timezone.now(), "printed_by": request.user,
               "may_see_costs": not has_role(request.user, Role.CONSUMER)}
    return render(request, "repairs/work_order_print.html", context)


def _cleaned(action: str, form: forms.Form) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data.pop("confirm", None)
    if action == "check":
        return {"results": form.results(), "notes": data.get("notes", "")}  # type: ignore[attr-defined]
    return data


def _rerender(request: HttpRequest, order: WorkOrder, action: str, form: forms.Form, status: int) -> HttpResponse:
    if request.POST.get("next") == "quote":
        context, template = pages.quote_context(request.user, order, {action: form}), "repairs/quote.html"
    else:
        context, template = pages.detail_context(request.user, order, {action: form}), "repairs/work_order_detail.html"
    return render_page(request, template, context, partial="actions", status=status)


@login_required
@require_POST
def repair_action_view(request: HttpRequest, work_order_id: int, action: str) -> HttpResponse:
    """One step of the work order (the forms of the order's page post here); errors re-render the page."""
    if action not in WRITES:
        raise Http404()
    order = selectors.work_order_get(request.user, work_order_id)
    form = pages.make_form(action, order, request.POST)
    status = 422
    if form.is_valid():
        write, message = WRITES[action]
        try:
            write(actor=request.user, work_order_id=order.pk, **_cleaned(action, form))
        except DomainError as error:
            apply_to_form(form, error)
            status = error.status
        else:
            messages.success(request, str(message))
            target = "repair-quote" if request.POST.get("next") == "quote" else "repair-detail"
            return redirect_after_post(request, reverse(target, args=[order.pk]))
    return _rerender(request, selectors.work_order_get(request.user, work_order_id), action, form, status)


@login_required
@require_POST
def repair_part_remove_view(request: HttpRequest, work_order_id: int, part_id: int) -> HttpResponse:
    order = selectors.work_order_get(request.user, work_order_id)
    try:
        work.part_remove(actor=request.user, work_order_id=order.pk, part_id=part_id)
    except DomainError as error:
        if isinstance(error, NotFound):
            raise
        messages.error(request, error.text())
    else:
        messages.success(request, _("Part removed from the record."))
    return redirect_after_post(request, reverse("repair-detail", args=[order.pk]))
