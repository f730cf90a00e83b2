"""Pilot goals and the implementation plan report pages (commerce regulator and platform administrator)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from recirc.core.errors import DomainError, ValidationFailed
from recirc.core.htmx import redirect_after_post, render_page
from recirc.core.http import apply_to_form
from recirc.supervision import goals, report, report_export
from recirc.supervision.dimensions import category_labels, district_labels
from recirc.supervision.forms import GoalForm, ReportCreateForm, ReportTextForm
from recirc.supervision.models import REPORT_PARTS, GoalMeasure, ReportStatus
from recirc.supervision.policy import policy_int, policy_value
from recirc.supervision.tables import XLSX
from recirc.supervision.views import section, statistics_only


def _goal_rows(actor: Any) -> list[dict[str, Any]]:
    regions, categories, measures = district_labels(), category_labels(), dict(GoalMeasure.choices)
    return [{"goal": goal, "progress": (progress := goals.goal_progress(goal)),
             "baseline": _number(progress.baseline), "current": _number(progress.current),
             "region": regions.get(goal.region_code, ""),
             "category": categories.get(goal.category_code, _("All categories")), "measure": measures[goal.measure]}
            for goal in goals.goal_list(actor)]


def _number(value: Any) -> str:
    return "" if value is None else f"{value:,.0f}"


def _goal_initial() -> dict[str, Any]:
    return {"region_code": policy_value("PILOT_REGION_CODE"), "baseline_year": policy_int("STATISTICS_BASELINE_YEAR"),
            "target_year": policy_int("STATISTICS_TARGET_YEAR")}


@statistics_only
@require_http_methods(["GET", "POST"])
def goal_list_view(request: HttpRequest) -> HttpResponse:
    form = GoalForm(request.POST or None, initial=_goal_initial())
    if request.method == "POST" and form.is_valid():
        try:
            goals.goal_create(actor=request.user, data=form.cleaned_data)
        except ValidationFailed as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Goal added."))
            return redirect_after_post(request, reverse("supervision-goals"))
    context = {"rows": _goal_rows(request.user), "form": form}
    return render_page(request, "supervision/goal_list.html", context, status=422 if form.errors else 200)


@statistics_only
@require_http_methods(["GET", "POST"])
def goal_edit_view(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = goals.goal_get(request.user, goal_id)
    initial = {name: getattr(goal, name) for name in goals.GOAL_FIELDS}
    form = GoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            goals.goal_update(actor=request.user, goal_id=goal.pk, data=form.cleaned_data)
        except ValidationFailed as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Goal saved."))
            return redirect_after_post(request, reverse("supervision-goals"))
    return render_page(request, "supervision/goal_edit.html", {"goal": goal, "form": form},
                       status=422 if form.errors else 200)


@statistics_only
@require_http_methods(["GET", "POST"])
def goal_retire_view(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = goals.goal_get(request.user, goal_id)
    if request.method == "POST":
        goals.goal_retire(actor=request.user, goal_id=goal.pk)
        messages.success(request, _("Goal removed."))
        return redirect_after_post(request, reverse("supervision-goals"))
    return render_page(request, "supervision/goal_retire.html", {"goal": goal})


@statistics_only
@require_http_methods(["GET", "POST"])
def report_list_view(request: HttpRequest) -> HttpResponse:
    initial = {**_goal_initial(), "title": _("Second-hand goods circulation pilot: implementation plan")}
    form = ReportCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            created = report.report_create(actor=request.user, data=form.cleaned_data)
        except ValidationFailed as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Report drafted from the current figures. Complete the text."))
            return redirect_after_post(request, reverse("supervision-report-detail", args=[created.pk]))
    return render_page(request, "supervision/report_list.html", {"reports": report.report_list(request.user),
                                                                  "form": form}, status=422 if form.errors else 200)


def _report_page(request: HttpRequest, plan: Any, form: ReportTextForm, status: int = 200) -> HttpResponse:
    tables = report_export.report_tables(plan)
    parts = [{"field": form[part], "sections": [section(tables[slug]) for slug in report_export.PART_TABLES[part]
                                                 if slug in tables]} for part in REPORT_PARTS]
    context = {"report": plan, "form": form, "parts": parts, "is_draft": plan.status == ReportStatus.DRAFT,
               "query": ""}
    return render_page(request, "supervision/report_detail.html", context, status=status)


@statistics_only
@require_http_methods(["GET", "POST"])
def report_detail_view(request: HttpRequest, report_id: int) -> HttpResponse:
    plan = report.report_get(request.user, report_id)
    if request.GET.get("format") in {"docx", "xlsx"}:
        docx = request.GET["format"] == "docx"
        content = report_export.report_docx(plan) if docx else report_export.report_xlsx(plan)
        response = HttpResponse(content, content_type=report_export.DOCX if docx else XLSX)
        response["Content-Disposition"] = f'attachment; filename="plan-report-{plan.pk}.{request.GET["format"]}"'
        return response
    initial = {"title": plan.title, **{part: getattr(plan, part) for part in REPORT_PARTS}}
    form = ReportTextForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report.report_update(actor=request.user, report_id=plan.pk, data=form.cleaned_data)
        except DomainError as error:
            apply_to_form(form, error)
            return _report_page(request, plan, form, status=error.status)
        messages.success(request, _("Report saved."))
        return redirect_after_post(request, reverse("supervision-report-detail", args=[plan.pk]))
    return _report_page(request, plan, form, status=422 if form.errors else 200)


@statistics_only
@require_POST
def report_action_view(request: HttpRequest, report_id: int, action: str) -> HttpResponse:
    """Refresh the figures, finalise or reopen."""
    done = {"refresh": _("Figures refreshed."), "finalise": _("Report finalised."), "reopen": _("Report reopened.")}
    try:
        if action == "refresh":
            report.report_refresh_figures(actor=request.user, report_id=report_id)
        elif action in {"finalise", "reopen"}:
            to_status = ReportStatus.FINAL if action == "finalise" else ReportStatus.DRAFT
            report.report_transition(actor=request.user, report_id=report_id, to_status=to_status)
        else:
            return HttpResponse(status=404)
    except DomainError as error:
        if error.status == 404:
            raise
        messages.error(request, error.text())
    else:
        messages.success(request, done[action])
    return redirect_after_post(request, reverse("supervision-report-detail", args=[report_id]))
