"""Observation pages: the price pool with search, filters, pagination and CSV/XLSX export; the import with
per-row errors and its template. Reading: every estimate role; importing: platform administrator and
operator managers (their own operator's prices)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from recirc.catalog.facade import category_list
from recirc.core.errors import NotFound
from recirc.core.htmx import redirect_after_post, render_page
from recirc.core.permissions import role_required
from recirc.operators.facade import operator_refs
from recirc.valuation import imports, policy, selectors
from recirc.valuation.comparables import details
from recirc.valuation.errors import ImportInvalid
from recirc.valuation.exports import XLSX, observations_export
from recirc.valuation.forms import ImportForm, ObservationFilterForm
from recirc.valuation.views import category_choices, estimate_roles, grade_labels, nav_flags

PAGE_SIZE = 25
record_roles = role_required(*policy.RECORD_ROLES)


@estimate_roles
def observation_list_view(request: HttpRequest) -> HttpResponse:
    form = ObservationFilterForm(request.GET or None, category_choices=category_choices())
    filters = form.filters()
    rows = selectors.observation_list(request.user, **filters)
    shows_operator = selectors.operator_visible(request.user)
    if request.GET.get("format") in ("csv", "xlsx"):
        return observations_export(rows, request.GET["format"], shows_operator)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    names = {pk: ref.name for pk, ref in operator_refs(
        {row.operator_id for row in page.object_list if row.operator_id and shows_operator(row.operator_id)}).items()}
    categories = {ref.id: ref for ref in category_list(include_inactive=True)}
    labels = grade_labels({row.category_id for row in page.object_list})
    context = {**nav_flags(request), "form": form, "page": page,
               "rows": [{"row": row, "category": categories[row.category_id].display_name,
                         "details": details(categories[row.category_id], row.attributes),
                         "grade": labels.get(f"{row.grading_scheme}:{row.grade}", row.grade),
                         "operator": names.get(row.operator_id or 0, "")} for row in page.object_list],
               "filtered": any(value for value in filters.values())}
    return render_page(request, "valuation/observation_list.html", context, partial="results")


@record_roles
@require_http_methods(["GET", "POST"])
def observation_import_view(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = imports.observations_import(actor=request.user, file_name=upload.name, content=upload.read())
        except ImportInvalid as error:
            row_errors = [str(message) for message in error.errors.get("file", [])]
        else:
            messages.success(request, _("%(count)s price observations imported.") % {"count": len(rows)})
            return redirect_after_post(request, reverse("valuation-observations"))
    status = 422 if request.method == "POST" else 200
    return render_page(request, "valuation/import.html", {**nav_flags(request), "form": form, "row_errors": row_errors},
                       status=status)


@record_roles
def import_template_view(request: HttpRequest, export_format: str) -> HttpResponse:
    if export_format == "xlsx":
        response = HttpResponse(imports.template_xlsx(), content_type=XLSX)
    elif export_format == "csv":
        response = HttpResponse(imports.template_csv(), content_type="text/csv; charset=utf-8")
    else:
        raise NotFound()
    response["Content-Disposition"] = f'attachment; filename="price-observations-template.{export_format}"'
    return response
