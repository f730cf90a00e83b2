"""The operators UI: the public registry, an operator's page, outlets in scope, registering an operator."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from recirc.core.errors import DomainError
from recirc.core.htmx import redirect_after_post, render_page
from recirc.core.http import apply_to_form
from recirc.core.permissions import role_required, sees_whole_city
from recirc.core.roles import Role
from recirc.operators import exports, rules, selectors, services
from recirc.operators.forms import OperatorCreateForm, OperatorFilterForm, OutletFilterForm

PAGE_SIZE = 20


def operator_list_view(request: HttpRequest) -> HttpResponse:
    form = OperatorFilterForm(request.GET)
    filters = form.filters()
    operators = selectors.operator_list(request.user, **filters)
    page = Paginator(operators, PAGE_SIZE).get_page(request.GET.get("page"))
    facets = selectors.operator_kind_facets(request.user, **{k: v for k, v in filters.items() if k != "kind"})
    context = {"form": form, "page": page, "facets": facets, "selected_kind": filters.get("kind", ""),
               "show_status_filter": sees_whole_city(request.user),
               "can_register": rules.can_register_operator(request.user)}
    return render_page(request, "operators/operator_list.html", context, partial="results")


def operator_export_view(request: HttpRequest, file_format: str) -> HttpResponse:
    operators = selectors.operator_list(request.user, **OperatorFilterForm(request.GET).filters())
    if file_format == "xlsx":
        response = HttpResponse(exports.registry_xlsx(operators.iterator(chunk_size=2000)), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    else:
        response = HttpResponse(exports.registry_csv(operators.iterator(chunk_size=2000)),
                                content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="operators.{file_format}"'
    return response


def operator_detail_view(request: HttpRequest, operator_id: int) -> HttpResponse:
    detail = selectors.operator_detail(request.user, operator_id)
    return render(request, "operators/operator_detail.html", {"detail": detail, "operator": detail.operator})


@login_required
def outlet_list_view(request: HttpRequest) -> HttpResponse:
    form = OutletFilterForm(request.GET)
    outlets = selectors.outlet_list(request.user, **form.filters())
    page = Paginator(outlets, PAGE_SIZE).get_page(request.GET.get("page"))
    return render_page(request, "operators/outlet_list.html", {"form": form, "page": page}, partial="results")


@role_required(Role.PLATFORM_ADMIN, Role.COMMERCE_REGULATOR)
def operator_create_view(request: HttpRequest) -> HttpResponse:
    form = OperatorCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            operator = services.operator_register(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("%(name)s is now in the registry.") % {"name": operator.name})
            return redirect_after_post(request, reverse("operator-detail", args=[operator.pk]))
    status = 422 if form.errors else 200
    return render(request, "operators/operator_form.html", {"form": form}, status=status)
