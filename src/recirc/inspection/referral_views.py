"""Market supervision's referral pages: the queue (search, status tabs, exports), a referral with its
evidence, acknowledge, close with an outcome (confirmed), and the evidence package as JSON or CSV."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from recirc.core.errors import DomainError
from recirc.core.htmx import redirect_after_post, render_page
from recirc.core.http import apply_to_form
from recirc.inspection import referrals, selectors
from recirc.inspection.exports import evidence_package, evidence_response, referrals_export
from recirc.inspection.forms import ReferralCloseForm, ReferralFilterForm
from recirc.inspection.models import CounterfeitReferral, ReferralStatus
from recirc.inspection.public_views import report_view
from recirc.inspection.reports import verify
from recirc.inspection.views import page_of
from recirc.items.facade import ItemState, item_ref
from recirc.operators.facade import operator_refs


@login_required
def referral_list_view(request: HttpRequest) -> HttpResponse:
    form = ReferralFilterForm(request.GET or None)
    rows = selectors.referral_list(request.user, **form.filters())
    if request.GET.get("format") in ("csv", "xlsx"):
        return referrals_export(rows, request.GET["format"])
    page, query = page_of(request, rows)
    names = {pk: ref.name for pk, ref in operator_refs({row.operator_id for row in page if row.operator_id}).items()}
    return render_page(request, "inspection/referral_list.html", {
        "form": form, "page": page, "query": query, "counts": selectors.referral_counts(request.user),
        "rows": [{"referral": row, "operator_name": names.get(row.operator_id or 0, "")} for row in page],
        "filtered": any(form.filters().values())}, partial="results")


def _detail(request: HttpRequest, referral: CounterfeitReferral, *, form: ReferralCloseForm | None = None,
            status: int = 200) -> HttpResponse:
    item, report = item_ref(referral.item_id), referral.inspection.report
    operator = operator_refs([referral.operator_id]).get(referral.operator_id) if referral.operator_id else None
    return render_page(request, "inspection/referral_detail.html", {
        "referral": referral, "item": item, "item_state_label": ItemState(item.state).label, "operator": operator,
        "report": report, "view": report_view(report.payload),
        "verification": verify(report.code, report.payload, report.sha256),
        "indicators": referral.indicators, "form": form or ReferralCloseForm(),
        "may_acknowledge": referral.status == ReferralStatus.OPEN,
        "is_closed": referral.status == ReferralStatus.CLOSED}, status=status)


@login_required
def referral_detail_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    return _detail(request, selectors.referral_get(request.user, referral_id))


@login_required
@require_POST
def referral_acknowledge_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = selectors.referral_get(request.user, referral_id)
    try:
        referrals.referral_acknowledge(actor=request.user, referral_id=referral.pk)
    except DomainError as error:
        messages.error(request, error.text())
    else:
        messages.success(request, _("Referral acknowledged."))
    return redirect_after_post(request, reverse("inspection-referral-detail", args=[referral.pk]))


@login_required
@require_POST
def referral_close_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = selectors.referral_get(request.user, referral_id)
    form = ReferralCloseForm(request.POST)
    if form.is_valid():
        try:
            referrals.referral_close(actor=request.user, referral_id=referral.pk,
                                     outcome=form.cleaned_data["outcome"], case_number=form.cleaned_data["case_number"],
                                     note=form.cleaned_data["note"])
        except DomainError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Referral closed."))
            return redirect_after_post(request, reverse("inspection-referral-detail", args=[referral.pk]))
    return _detail(request, selectors.referral_get(request.user, referral_id), form=form, status=422)


@login_required
def referral_evidence_view(request: HttpRequest, referral_id: int, export_format: str) -> HttpResponse:
    if export_format not in ("json", "csv"):
        raise Http404
    referral = selectors.referral_get(request.user, referral_id)
    return evidence_response(evidence_package(referral), export_format, referral.pk)
