"""Inspector pages: the queue and list, scan-to-open, the one-screen checklist with a live htmx preview, the
report page and its print view. The public verification page lives in public_views.py, the referral pages in
referral_views.py. Roles and scope are decided by the selectors and services (403 / 404)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from recirc.catalog.facade import category_get, grading_scales_for
from recirc.core.errors import DomainError
from recirc.core.htmx import redirect_after_post, render_page
from recirc.core.http import apply_to_form
from recirc.inspection import selectors, services
from recirc.inspection.exports import inspections_export
from recirc.inspection.forms import ChecklistForm, InspectionFilterForm
from recirc.inspection.grading import GradingResult
from recirc.inspection.identification import VERDICT_LABELS, identify
from recirc.inspection.models import InspectionStatus
from recirc.inspection.policy import may_inspect, require_read
from recirc.inspection.public_views import qr_svg, report_context
from recirc.inspection.queue import queue_sync
from recirc.items.facade import ItemRef, ItemState, identifier_mask

PAGE_SIZE = 25


def page_of(request: HttpRequest, rows: Any) -> tuple[Any, str]:
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


@login_required
def inspection_list_view(request: HttpRequest) -> HttpResponse:
    """The queue (waiting, oldest first) and the completed inspections, with search, filters and exports."""
    require_read(request.user)
    queue_sync()
    status = InspectionStatus.COMPLETED if request.GET.get("status") == "completed" else InspectionStatus.WAITING
    form = InspectionFilterForm(request.GET or None)
    filters = form.filters()
    rows = selectors.inspection_list(request.user, status=status, query=filters["q"], category=filters["category"],
                                     outcome=filters["outcome"], grade=filters["grade"])
    if request.GET.get("format") in ("csv", "xlsx"):
        return inspections_export(rows, request.GET["format"])
    page, query = page_of(request, rows)
    return render_page(request, "inspection/inspection_list.html", {
        "form": form, "page": page, "query": query, "status": status, "counts": selectors.queue_counts(request.user),
        "filtered": any(filters.values()), "may_inspect": may_inspect(request.user)}, partial="results")


@login_required
def inspection_scan_view(request: HttpRequest) -> HttpResponse:
    """A scanned passport QR, passport code, IMEI or report code opens the item's checklist (or its report)."""
    require_read(request.user)
    text = request.GET.get("code", "")
    found = selectors.inspection_for_scan(request.user, text)
    if found is None:
        messages.warning(request, _("No item in your scope matches “%(code)s”.") % {"code": text.strip()[:40]})
        return redirect("inspection-list")
    if found.status == InspectionStatus.WAITING and may_inspect(request.user):
        return redirect("inspection-inspect", item_id=found.item_id)
    if found.status == InspectionStatus.COMPLETED:
        return redirect("inspection-report", code=found.report.code)
    return redirect(f"{reverse('inspection-list')}?q={found.item.code}")


def _identification_rows(item: ItemRef) -> dict[str, Any]:
    found = identify(item)
    return {"found": found, "labels": VERDICT_LABELS,
            "tac": [{"check": check, "masked": identifier_mask(check.kind, check.value)} for check in found.tac_checks],
            "serial": [{"check": check, "masked": identifier_mask("serial", check.value)}
                       for check in found.serial_checks],
            "indicators": found.indicators()}


def _preview(item: ItemRef, result: GradingResult | None, error: DomainError | None) -> dict[str, Any]:
    """The live preview: the grade on each scale by the scale's name, or the error (what is missing)."""
    scales = {scale.code: scale for scale in grading_scales_for(item.category_id)}
    rows = []
    for entry in result.grades if result else ():
        scale = scales.get(entry.scale_code)
        grade = scale.grade(entry.grade) if scale else None
        rows.append({"scale": scale.display_name if scale else entry.scale_code,
                     "grade": grade.display if grade else entry.grade, "is_internal": entry.is_internal})
    return {"preview": result, "preview_grades": rows, "preview_error": error}


def _inspect_page(request: HttpRequest, item: ItemRef, form: ChecklistForm, *, status: int = 200,
                  error: DomainError | None = None) -> HttpResponse:
    return render_page(request, "inspection/inspect.html", {
        "item": item, "form": form, "checklist": form.checklist, "category": category_get(item.category_id),
        "state_label": ItemState(item.state).label, "identification": _identification_rows(item),
        "reports": selectors.reports_for_item(request.user, item.id), **_preview(item, None, error)},
        status=status)


@login_required
@require_http_methods(["GET", "POST"])
def inspection_inspect_view(request: HttpRequest, item_id: int) -> HttpResponse:
    """The one-screen checklist: GET shows it filled with defaults; POST completes the inspection."""
    item = services.inspectable_item(request.user, item_id)
    checklist = services.checklist_for(item)
    form = ChecklistForm(request.POST or None, checklist=checklist, item=item)
    if request.method == "POST" and form.is_valid():
        try:
            inspection = services.inspection_complete(actor=request.user, item_id=item.id, answers=form.answers())
        except DomainError as error:
            apply_to_form(form, error)
            return _inspect_page(request, item, form, status=422, error=error)
        messages.success(request, _("Inspection completed: report %(code)s.") % {"code": inspection.report.code})
        return redirect_after_post(request, reverse("inspection-report", args=[inspection.report.code]))
    return _inspect_page(request, item, form)


@login_required
@require_POST
def inspection_preview_view(request: HttpRequest, item_id: int) -> HttpResponse:
    """htmx: the grade the answers give so far, or what is still missing or wrong (nothing is saved)."""
    item = services.inspectable_item(request.user, item_id)
    form = ChecklistForm(request.POST, checklist=services.checklist_for(item), item=item)
    try:
        result, error = services.inspection_preview(actor=request.user, item_id=item.id, answers=form.answers()), None
    except DomainError as caught:
        result, error = None, caught
    return render_page(request, "inspection/inspect.html", _preview(item, result, error), partial="preview")


@login_required
def inspection_report_view(request: HttpRequest, code: str) -> HttpResponse:
    report = selectors.report_get(request.user, code)
    context = report_context(request, report)
    context["inspection"] = report.inspection
    context["referrals"] = list(report.inspection.referrals.all())
    return render_page(request, "inspection/report.html", context)


@login_required
def inspection_report_print_view(request: HttpRequest, code: str) -> HttpResponse:
    report = selectors.report_get(request.user, code)
    context = report_context(request, report)
    context["qr_svg"] = qr_svg(context["verify_url"], report.code, scale=3)
    return render_page(request, "inspection/report_print.html", context)
