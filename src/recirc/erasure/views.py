"""The technician's pages: the queue and jobs, opening a job (consent), the job with its actions, and the
colleague's verification. Each view parses, calls one service or selector, and renders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from recirc.core.errors import DomainError
from recirc.core.htmx import redirect_after_post, render_page
from recirc.core.http import apply_to_form
from recirc.erasure import exports, pages, policy, selectors, services, verification
from recirc.erasure.errors import ErasureForbidden
from recirc.erasure.forms import CompleteForm, FailForm, ListFilterForm, OpenForm, ReplanForm, StartForm, VerifyForm
from recirc.erasure.models import JobState

OPEN_JOB_STATES = (JobState.PLANNED, JobState.IN_PROGRESS, JobState.ERASED)


def _require_jobs_reader(request: HttpRequest) -> None:
    if not policy.may_read_jobs(request.user):
        raise ErasureForbidden()


@login_required
def erasure_list_view(request: HttpRequest) -> HttpResponse:
    """The queue of devices waiting for erasure, and the jobs, with filters, search, pages and exports."""
    if policy.reads_every_certificate(request.user):
        return redirect("erasure-certificates")
    _require_jobs_reader(request)
    form = ListFilterForm(request.GET or None)
    filters = form.filters()
    tab = filters["tab"]
    counts = selectors.state_counts(request.user)
    context: dict[str, Any] = {"form": form, "tab": tab, "filtered": bool(filters["query"] or filters["period"]),
               "counts": counts, "open_total": sum(counts[state] for state in OPEN_JOB_STATES),
               "may_perform": policy.may_perform(request.user),
               "query": _query(request)}
    if tab == "queue":
        context["page"] = pages.queue_page(request, filters["query"])
    else:
        jobs = selectors.job_list(request.user, state="" if tab == "all" else tab, query=filters["query"],
                                  period=filters["period"])
        context["page"] = Paginator(jobs, pages.PAGE_SIZE).get_page(request.GET.get("page"))
        context["rows"] = pages.job_rows(list(context["page"].object_list))
    return render_page(request, "erasure/list.html", context, partial="results")


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def erasure_export_view(request: HttpRequest) -> HttpResponse:
    _require_jobs_reader(request)
    filters = ListFilterForm(request.GET or None).filters()
    tab = filters["tab"]
    jobs = selectors.job_list(request.user, state="" if tab in ("all", "queue") else tab, query=filters["query"],
                              period=filters["period"])
    return exports.jobs_export(actor=request.user, jobs=jobs, export_format=request.GET.get("format", "csv"),
                               filters=filters)


@login_required
@require_http_methods(["GET", "POST"])
def erasure_open_view(request: HttpRequest, item_id: int) -> HttpResponse:
    """Record the owner's consent and plan the erasure of one device."""
    policy.require(request.user, policy.PERFORMER_ROLES)
    item, _operator = services.item_in_scope(request.user, item_id)
    existing = selectors.job_for_item(request.user, item_id)
    if existing is not None:
        return redirect("erasure-job", job_id=existing.pk)
    form = OpenForm(request.POST or None, initial=pages.open_initial(item))
    if request.method == "POST" and form.is_valid():
        try:
            job = services.job_open(actor=request.user, item_id=item_id, consent=form.consent(),
                                    media_type=form.cleaned_data["media_type"],
                                    storage_serial=form.cleaned_data["storage_serial"])
        except DomainError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Consent recorded; the erasure of %(code)s is planned.") % {"code": item.code})
            return redirect_after_post(request, reverse("erasure-job", args=[job.pk]))
    context = {"item": item, "form": form, "category_name": pages.category_names().get(item.category_code, ""),
               "consents": selectors.consents_for_item(item_id)}
    return render(request, "erasure/open.html", context, status=422 if form.errors else 200)


@login_required
def erasure_job_view(request: HttpRequest, job_id: int) -> HttpResponse:
    job = selectors.job_get(request.user, job_id)
    return render(request, "erasure/job.html", pages.job_context(request.user, job))


def _job_action(request: HttpRequest, job_id: int, form_name: str, form: forms.Form, act: Callable[[], object],
                done: str) -> HttpResponse:
    """Run one transition from the job page; on refusal show the page again with the errors on the form."""
    job = selectors.job_get(request.user, job_id)
    if form.is_valid():
        try:
            act()
        except DomainError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, done)
            return redirect_after_post(request, reverse("erasure-job", args=[job_id]))
    job.refresh_from_db()
    return render(request, "erasure/job.html", pages.job_context(request.user, job, **{form_name: form}), status=422)


@login_required
@require_POST
def erasure_job_start_view(request: HttpRequest, job_id: int) -> HttpResponse:
    form = StartForm(request.POST)
    return _job_action(request, job_id, "start_form", form, lambda: services.job_start(
        actor=request.user, job_id=job_id, started_at=form.cleaned_data.get("started_at")),
        _("Erasure started. Complete it when the tool has finished."))


@login_required
@require_POST
def erasure_job_complete_view(request: HttpRequest, job_id: int) -> HttpResponse:
    form = CompleteForm(request.POST)
    return _job_action(request, job_id, "complete_form", form, lambda: services.job_complete(
        actor=request.user, job_id=job_id, data=form.completion()),
        _("Erasure recorded. A colleague must now verify it."))


@login_required
@require_POST
def erasure_job_fail_view(request: HttpRequest, job_id: int) -> HttpResponse:
    form = FailForm(request.POST)
    return _job_action(request, job_id, "fail_form", form, lambda: services.job_fail(
        actor=request.user, job_id=job_id, reason=form.cleaned_data["reason"]),
        _("The failure is recorded; the device stays blocked."))


@login_required
@require_POST
def erasure_job_replan_view(request: HttpRequest, job_id: int) -> HttpResponse:
    job = selectors.job_get(request.user, job_id)
    form = ReplanForm(request.POST, consent_choices=pages.consent_choices(job.item_id))
    return _job_action(request, job_id, "replan_form", form, lambda: services.job_replan(
        actor=request.user, job_id=job_id, consent_id=form.cleaned_data.get("consent"),
        media_type=form.cleaned_data.get("media_type") or ""), _("A new attempt is planned."))


@login_required
@require_http_methods(["GET", "POST"])
def erasure_job_verify_view(request: HttpRequest, job_id: int) -> HttpResponse:
    """The colleague's verification: a different person from the one who erased the device."""
    policy.require(request.user, policy.VERIFIER_ROLES)
    job = selectors.job_get(request.user, job_id)
    form = VerifyForm(request.POST or None, initial={
        "method": "physical_inspection" if job.level == "destroy" else ""})
    if request.method == "POST" and form.is_valid():
        try:
            verified = verification.job_verify(actor=request.user, job_id=job_id, **form.cleaned_data)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            if verified.state == JobState.VERIFIED:
                certificate = verification.job_certificate(verified)
                messages.success(request, _("Verified. Certificate %(code)s issued; the device may now be listed.")
                                 % {"code": certificate.code if certificate else ""})
            else:
                messages.warning(request, _("Verification failed: the device stays blocked until it is erased "
                                            "again."))
            return redirect_after_post(request, reverse("erasure-job", args=[job_id]))
    context = {"job": job, "form": form, "is_operator": job.erased_by_id == request.user.pk,
               "category_name": pages.category_names().get(job.category_code, "")}
    return render(request, "erasure/verify.html", context, status=422 if form.errors else 200)
