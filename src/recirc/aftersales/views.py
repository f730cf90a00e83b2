"""After-sales pages. Buyers: their purchases and warranties (pulled from trade on opening), a record's page with
its cases, and forms to ask for a return, a repair under warranty or the platform's decision. Sellers, operators
and the platform: the queue (a tab per kind, overdue first, filters, pagination, CSV/XLSX export) and each case's
page with the steps this person may take now (confirmation before refusing, refunding, deciding, withdrawing).
Views parse, call one service or selector, and render."""

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

from recirc.aftersales import deadlines, disputes, pages, policy, returns, selectors, tickets, warranties
from recirc.aftersales.deadlines import CASE_MODELS
from recirc.aftersales.errors import OpenForbidden
from recirc.aftersales.exports import queue_export
from recirc.aftersales.forms import DisputeOpenForm, QueueFilterForm, ReceiptForm, ReturnOpenForm, TicketOpenForm
from recirc.core.errors import DomainError
from recirc.core.htmx import redirect_after_post, render_page
from recirc.core.http import apply_to_form

PAGE_SIZE = 20
OPEN_FORMS: dict[str, Any] = {"return": ReturnOpenForm, "ticket": TicketOpenForm, "dispute": DisputeOpenForm}


def _page(request: HttpRequest, rows: Any) -> tuple[Any, str]:
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


@login_required
def purchases_view(request: HttpRequest) -> HttpResponse:
    """The buyer's purchases: delivered sales get their records now (an idempotent pull from trade)."""
    warranties.warranties_for_buyer_sync(actor=request.user)
    page, query = _page(request, selectors.warranties_of_buyer(request.user))
    return render(request, "aftersales/purchases.html", {
        "page": page, "query": query, "rows": pages.warranty_rows(page.object_list), "receipt_form": ReceiptForm(),
        "notices": pages.notice_rows(selectors.notices_for(request.user))})


@login_required
@require_POST
def receipt_claim_view(request: HttpRequest) -> HttpResponse:
    form = ReceiptForm(request.POST)
    if form.is_valid():
        try:
            records = warranties.warranty_claim_by_receipt(actor=request.user,
                                                           receipt_code=form.cleaned_data["receipt_code"])
        except DomainError as error:
            messages.error(request, error.text())
        else:
            messages.success(request, _("The purchase is now in your list."))
            return redirect_after_post(request, reverse("aftersales-record", args=[records[0].pk]))
    else:
        messages.error(request, _("Enter the code printed on your receipt."))
    return redirect_after_post(request, reverse("aftersales-purchases"))


@login_required
def record_view(request: HttpRequest, warranty_id: int) -> HttpResponse:
    record = selectors.warranty_get(request.user, warranty_id)
    row = pages.warranty_rows([record])[0]
    return render(request, "aftersales/record.html", {
        **row, "cases": selectors.cases_of_warranty(record), "may_open": policy.may_open(request.user, record)})


def _open_call(kind: str, user: Any, record: Any, form: Any) -> Any:
    data, files = form.cleaned_data, form.evidence()
    if kind == "return":
        return returns.return_open(actor=user, warranty_id=record.pk, kind=data["kind"], reason=data["reason"],
                                   amount=data["amount"], evidence=files)
    if kind == "ticket":
        return tickets.ticket_open(actor=user, warranty_id=record.pk, fault=data["fault"], evidence=files)
    return disputes.dispute_open(actor=user, warranty_id=record.pk, claim=data["claim"],
                                 amount_claimed=data["amount_claimed"], evidence=files, **form.links())


@login_required
@require_http_methods(["GET", "POST"])
def case_open_view(request: HttpRequest, warranty_id: int, kind: str) -> HttpResponse:
    if kind not in OPEN_FORMS:
        raise Http404()
    record = selectors.warranty_get(request.user, warranty_id)
    if not policy.may_open(request.user, record):
        raise OpenForbidden()
    options = {"cases": pages.dispute_about_choices(record)} if kind == "dispute" else {}
    form = OPEN_FORMS[kind](request.POST or None, request.FILES or None, **options)
    status = 422 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            case = _open_call(kind, request.user, record, form)
        except DomainError as error:
            apply_to_form(form, error)
            status = error.status
        else:
            messages.success(request, _("Sent. Case %(number)s is open.") % {"number": case.number})
            return redirect_after_post(request, reverse("aftersales-case", args=[kind, case.pk]))
    return render(request, "aftersales/open.html", {
        "form": form, "record": record, "kind": kind, "title": pages.OPEN_TITLES[kind],
        **pages.warranty_rows([record])[0]}, status=status)


@login_required
def case_view(request: HttpRequest, kind: str, case_id: int) -> HttpResponse:
    case = selectors.case_get(request.user, kind, case_id)
    return render(request, "aftersales/case.html", pages.case_context(request.user, kind, case))


@login_required
@require_POST
def case_action_view(request: HttpRequest, kind: str, case_id: int, verb: str) -> HttpResponse:
    """One step of a case (the forms of the case page post here); errors re-render the page."""
    if kind not in pages.STEPS or verb not in pages.STEPS[kind]:
        raise Http404()
    case = selectors.case_get(request.user, kind, case_id)
    form = pages.make_form(kind, verb, request.POST, request.FILES)
    status = 422
    if form.is_valid():
        try:
            pages.run_step(request.user, kind, verb, case.pk, form)
        except DomainError as error:
            apply_to_form(form, error)
            status = error.status
        else:
            messages.success(request, str(pages.STEPS[kind][verb].done))
            return redirect_after_post(request, reverse("aftersales-case", args=[kind, case.pk]))
    case = selectors.case_get(request.user, kind, case_id)
    return render_page(request, "aftersales/case.html", pages.case_context(request.user, kind, case, {verb: form}),
                       partial="actions", status=status)


@login_required
def evidence_view(request: HttpRequest, evidence_id: int) -> FileResponse:
    row = selectors.evidence_get(request.user, evidence_id)
    response = FileResponse(row.file.open("rb"), content_type=row.content_type)
    disposition = "inline" if row.is_image else "attachment"  # PDFs download: no viewer runs in our origin
    response["Content-Disposition"] = f'{disposition}; filename="evidence-{row.pk}.{row.file.name.rsplit(".", 1)[-1]}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def queue_view(request: HttpRequest) -> HttpResponse:
    """The after-sales queue of the selling side and the platform (consumers who also sell C2C see theirs)."""
    kind = request.GET.get("kind", "return")
    if kind not in CASE_MODELS:
        kind = "return"
    form = QueueFilterForm(request.GET or None, states=pages.STATE_CHOICES[kind])
    cases = selectors.case_list(request.user, kind, **form.filters())
    if request.GET.get("format") in ("csv", "xlsx"):
        return queue_export(cases, request.GET["format"], kind)
    page, query = _page(request, cases)
    counts = selectors.queue_counts(request.user)
    return render_page(request, "aftersales/queue.html", {
        "form": form, "page": page, "query": query, "kind": kind, "counts": counts,
        "tabs": [{"kind": key, "label": label, **counts[key]} for key, label in pages.KIND_LABELS.items()],
        "overdue_total": sum(row["overdue"] for row in counts.values()), "filtered": any(form.filters().values()),
        "notices": pages.notice_rows(selectors.notices_for(request.user)),
        "is_platform": policy.is_platform(request.user)}, partial="results")


@login_required
@require_POST
def notice_dismiss_view(request: HttpRequest, notice_id: int) -> HttpResponse:
    deadlines.notice_dismiss(actor=request.user, notice_id=notice_id)
    target = request.POST.get("next", "")
    return redirect_after_post(request, target if target.startswith("/aftersales/") else
                               reverse("aftersales-queue"))
