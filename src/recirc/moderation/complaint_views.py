"""Complaint pages. Consumers: file a complaint (from a listing or an order page), their complaints and each one's
page. Sellers (operator staff, C2C sellers): the complaints about them, and the answer. Market supervision: the
queue of escalated complaints, each case's steps, the evidence package and the statistics (moderators and
administrators read both). The police: the cases referred to them. Views parse, call one service or selector,
and render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from recirc.core.errors import DomainError
from recirc.core.htmx import redirect_after_post, render_page
from recirc.core.http import apply_to_form
from recirc.moderation import complaint_pages as pages
from recirc.moderation import complaint_policy as policy
from recirc.moderation import complaint_selectors as selectors
from recirc.moderation.complaint_errors import ComplaintFileForbidden, ComplaintForbidden
from recirc.moderation.complaint_exports import evidence_package, statistics_export
from recirc.moderation.complaint_forms import STEP_FORMS, ComplaintFileForm, QueueFilterForm, StatisticsForm
from recirc.moderation.complaint_services import complaint_file
from recirc.moderation.complaint_statistics import complaint_statistics, default_range
from recirc.moderation.models import ComplaintState
from recirc.moderation.models.complaints import SUPERVISION_STATES

PAGE_SIZE = 20


def _page(request: HttpRequest, rows: Any) -> tuple[Any, str]:
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


@login_required
@require_http_methods(["GET", "POST"])
def complaint_file_view(request: HttpRequest) -> HttpResponse:
    if not policy.may_file(request.user):
        raise ComplaintFileForbidden()
    form = ComplaintFileForm(request.POST or None, request.FILES or None, initial=pages.file_initial(request.GET))
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            try:
                complaint = complaint_file(actor=request.user, category=data["category"], statement=data["statement"],
                                           subject_kind=data["subject_kind"], reference=data["reference"],
                                           evidence=form.files_sent())
            except DomainError as error:
                apply_to_form(form, error)
                status = error.status
            else:
                messages.success(request, _("Sent. Complaint %(number)s is open.") % {"number": complaint.number})
                return redirect_after_post(request, reverse("complaint-detail", args=[complaint.pk]))
    return render(request, "moderation/complaints/file.html",
                  {"form": form, "answer_days": pages.answer_days()}, status=status)


@login_required
def complaint_mine_view(request: HttpRequest) -> HttpResponse:
    page, query = _page(request, selectors.complaints_filed_by(request.user))
    return render(request, "moderation/complaints/mine.html", {
        "page": page, "query": query, "may_file": policy.may_file(request.user),
        "about_my_sales": selectors.complaints_against(request.user).count()})


@login_required
def complaint_detail_view(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = selectors.complaint_get(request.user, complaint_id)
    return render(request, "moderation/complaints/detail.html", pages.detail_context(request.user, complaint))


@login_required
@require_POST
def complaint_action_view(request: HttpRequest, complaint_id: int, verb: str) -> HttpResponse:
    """One step (the forms of the complaint page post here); errors re-render the page's actions."""
    if verb not in STEP_FORMS:
        raise Http404()
    complaint = selectors.complaint_get(request.user, complaint_id)
    form = STEP_FORMS[verb](request.POST)
    status = 422
    if form.is_valid():
        try:
            pages.run_step(request.user, verb, complaint.pk, form.cleaned_data)
        except DomainError as error:
            apply_to_form(form, error)
            status = error.status
        else:
            messages.success(request, str(pages.DONE[verb]))
            return redirect_after_post(request, reverse("complaint-detail", args=[complaint.pk]))
    complaint = selectors.complaint_get(request.user, complaint_id)
    return render_page(request, "moderation/complaints/detail.html",
                       pages.detail_context(request.user, complaint, {verb: form}), partial="actions", status=status)


@login_required
def complaint_evidence_view(request: HttpRequest, evidence_id: int) -> FileResponse:
    row = selectors.evidence_get(request.user, evidence_id)
    response = FileResponse(row.file.open("rb"), content_type=row.content_type)
    disposition = "inline" if row.is_image else "attachment"  # PDFs download: no viewer runs in our origin
    response["Content-Disposition"] = f'{disposition}; filename="evidence-{row.pk}.{row.file.name.rsplit(".", 1)[-1]}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def complaint_against_view(request: HttpRequest) -> HttpResponse:
    """The complaints about the staff member's operator, or about a consumer's own sales."""
    form = QueueFilterForm(request.GET or None)
    page, query = _page(request, selectors.complaints_against(request.user, **form.filters()))
    return render_page(request, "moderation/complaints/against.html", {
        "form": form, "page": page, "query": query, "filtered": any(form.filters().values()),
        "counts": selectors.counts_for_staff(request.user)}, partial="results")


@login_required
def supervision_queue_view(request: HttpRequest) -> HttpResponse:
    states = [(key, label) for key, label in ComplaintState.choices if key in SUPERVISION_STATES]
    form = QueueFilterForm(request.GET or None, states=states)
    complaints = selectors.supervision_queue(request.user, **form.filters())
    page, query = _page(request, complaints)
    return render_page(request, "moderation/complaints/queue.html", {
        "form": form, "page": page, "query": query, "filtered": any(form.filters().values()),
        "waiting": selectors.supervision_queue(request.user, state=ComplaintState.ESCALATED).count()},
        partial="results")


@login_required
def police_cases_view(request: HttpRequest) -> HttpResponse:
    page, query = _page(request, selectors.police_cases(request.user))
    return render(request, "moderation/complaints/police.html", {"page": page, "query": query})


@login_required
def complaint_package_view(request: HttpRequest, complaint_id: int) -> HttpResponse:
    name, content = evidence_package(actor=request.user, complaint_id=complaint_id)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def complaint_statistics_view(request: HttpRequest) -> HttpResponse:
    if not policy.may_see_statistics(request.user):
        raise ComplaintForbidden()
    date_from, date_to = default_range()
    form = StatisticsForm(request.GET or None, initial={"date_from": date_from, "date_to": date_to})
    if form.is_valid():
        date_from = form.cleaned_data["date_from"] or date_from
        date_to = form.cleaned_data["date_to"] or date_to
    stats = complaint_statistics(request.user, date_from, date_to)
    if request.GET.get("format") in ("csv", "xlsx") and not form.errors:
        return statistics_export(stats, request.GET["format"])
    return render(request, "moderation/complaints/statistics.html", {
        "form": form, "stats": stats, **pages.statistics_context(stats), "query": request.GET.urlencode()})
