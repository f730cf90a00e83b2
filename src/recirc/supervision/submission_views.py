"""Data submission pages: an operator's manager uploads a CSV or XLSX file of transactions, acquisitions or
entities for their operator (the administrator for any operator) and sees the log of accepted submissions; the
templates and the JSON Schemas are public, so an operator's developers can build the export first."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from recirc.core.errors import DomainError
from recirc.core.htmx import redirect_after_post, render_page
from recirc.core.http import apply_to_form
from recirc.core.permissions import has_role, role_required
from recirc.core.roles import Role
from recirc.operators.facade import operator_choices_for
from recirc.supervision.exchange import COLUMNS, json_schema, read_file, template_csv, template_xlsx
from recirc.supervision.forms import SubmissionForm
from recirc.supervision.models import SubmissionKind
from recirc.supervision.policy import SUBMITTER_ROLES
from recirc.supervision.selectors import submission_list
from recirc.supervision.submissions import submission_record
from recirc.supervision.tables import XLSX
from recirc.supervision.validation import enum_values

PAGE_SIZE = 25


@role_required(*SUBMITTER_ROLES, Role.COMMERCE_REGULATOR)
@require_http_methods(["GET", "POST"])
def submission_list_view(request: HttpRequest) -> HttpResponse:
    may_upload = has_role(request.user, *SUBMITTER_ROLES)
    choices = operator_choices_for(request.user) if has_role(request.user, Role.PLATFORM_ADMIN) else None
    form = SubmissionForm(request.POST or None, request.FILES or None, operator_choices=choices) if may_upload else None
    if request.method == "POST" and form is not None and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_file(form.cleaned_data["kind"], upload.name or "", upload.read())
            submission = submission_record(actor=request.user, operator_id=form.cleaned_data.get("operator_id"),
                                           kind=form.cleaned_data["kind"], rows=rows, channel="upload",
                                           file_name=upload.name or "", label=_("Line %(number)s"))
        except DomainError as error:
            if error.status == 403:
                raise
            apply_to_form(form, error)
        else:
            messages.success(request, _("%(count)s rows accepted: %(created)s new, %(updated)s replaced, "
                                        "%(unchanged)s already present.") % {
                "count": submission.rows_total, "created": submission.rows_created,
                "updated": submission.rows_updated, "unchanged": submission.rows_unchanged})
            return redirect_after_post(request, reverse("supervision-submissions"))
    page = Paginator(submission_list(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "kinds": [(kind, label, COLUMNS[kind]) for kind, label
                                                     in SubmissionKind.choices]}
    return render_page(request, "supervision/submission_list.html", context, status=422 if form and form.errors
                       else 200)


def submission_template_view(request: HttpRequest, kind: str, extension: str) -> HttpResponse:
    """Public: the CSV or XLSX template, or the JSON Schema, of a kind of records."""
    if kind not in SubmissionKind.values or extension not in {"csv", "xlsx", "json"}:
        raise Http404
    if extension == "json":
        return JsonResponse(json_schema(kind, enum_values()), json_dumps_params={"ensure_ascii": False, "indent": 2})
    content = template_csv(kind) if extension == "csv" else template_xlsx(kind)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8" if extension == "csv" else XLSX)
    response["Content-Disposition"] = f'attachment; filename="recirc-{kind}-template.{extension}"'
    return response
