"""Case pages for market supervision and the police (and the platform administrator): the list, opening a case,
a case's page with its timeline, evidence and the actions its state allows, and the evidence export."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from recirc.core.errors import DomainError
from recirc.core.htmx import redirect_after_post, render_page
from recirc.core.http import apply_to_form
from recirc.core.permissions import has_role, role_required
from recirc.core.roles import Role
from recirc.operators.facade import operator_choices_for, operator_refs
from recirc.supervision import cases, evidence
from recirc.supervision.forms import (
    CaseFilterForm,
    CaseOpenForm,
    CloseForm,
    EvidenceForm,
    NoteForm,
    ReasonForm,
    ReferForm,
)
from recirc.supervision.imports import referrals_import
from recirc.supervision.models import CASE_TRANSITIONS, Authority, Case, CaseStatus
from recirc.supervision.policy import CASE_ROLES, authority_of

PAGE_SIZE = 25
cases_only = role_required(*CASE_ROLES)


@cases_only
def case_list_view(request: HttpRequest) -> HttpResponse:
    form = CaseFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    rows = cases.case_list(request.user, status=data.get("status", ""), kind=data.get("kind", ""),
                           query=data.get("q", ""))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "filtered": any(data.values()) if data else False,
               "may_import": has_role(request.user, Role.MARKET_SUPERVISION)}
    return render_page(request, "supervision/case_list.html", context, partial="results")


@role_required(Role.MARKET_SUPERVISION)
@require_POST
def case_import_view(request: HttpRequest) -> HttpResponse:
    """Open a case for each counterfeit referral of inspection that has none yet."""
    opened = referrals_import(actor=request.user)
    messages.success(request, _("%(count)s counterfeit referrals imported as cases.") % {"count": len(opened)})
    return redirect_after_post(request, reverse("supervision-cases"))


@cases_only
@require_http_methods(["GET", "POST"])
def case_open_view(request: HttpRequest) -> HttpResponse:
    form = CaseOpenForm(request.POST or None, operator_choices=operator_choices_for(request.user))
    if not has_role(request.user, Role.PLATFORM_ADMIN):
        del form.fields["authority"]
    if request.method == "POST" and form.is_valid():
        try:
            case = cases.case_open(actor=request.user, **{key: value for key, value in form.cleaned_data.items()
                                                          if value not in (None, "")})
        except DomainError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Case %(reference)s opened.") % {"reference": case.reference})
            return redirect_after_post(request, reverse("supervision-case-detail", args=[case.pk]))
    return render_page(request, "supervision/case_open.html", {"form": form}, status=422 if form.errors else 200)


def _may_act(request: HttpRequest, case: Case) -> bool:
    return has_role(request.user, Role.PLATFORM_ADMIN) or authority_of(request.user) == case.authority


def _detail(request: HttpRequest, case: Case, *, status: int = 200, **forms: Any) -> HttpResponse:
    holder = _may_act(request, case)
    allowed = CASE_TRANSITIONS[case.status] if holder else frozenset()
    operator = operator_refs([case.operator_id]).get(case.operator_id) if case.operator_id else None
    labels = dict(Authority.choices)
    context = {"case": case, "operator": operator, "holder": holder,
               "events": [{"event": event, "from": labels.get(event.from_authority, ""),
                           "to": labels.get(event.to_authority, "")}
                          for event in case.events.select_related("actor").order_by("occurred_at", "id")],
               "evidence": case.evidence.select_related("added_by").order_by("added_at", "id"),
               "may_take_up": holder and case.status == CaseStatus.OPEN,
               "may_refer": CaseStatus.REFERRED in allowed, "may_close": CaseStatus.CLOSED in allowed,
               "may_answer": holder and case.status == CaseStatus.REFERRED,
               "may_reopen": holder and case.status == CaseStatus.CLOSED,
               "refer_form": forms.get("refer_form") or ReferForm(initial={"to_authority": _other(case.authority)}),
               "close_form": forms.get("close_form") or CloseForm(), "reason_form": forms.get("reason_form")
               or ReasonForm(), "note_form": forms.get("note_form") or NoteForm(),
               "evidence_form": forms.get("evidence_form") or EvidenceForm()}
    return render_page(request, "supervision/case_detail.html", context, status=status)


def _other(authority: str) -> str:
    return Role.POLICE if authority == Role.MARKET_SUPERVISION else Role.MARKET_SUPERVISION


@cases_only
def case_detail_view(request: HttpRequest, case_id: int) -> HttpResponse:
    return _detail(request, cases.case_get(request.user, case_id))


@cases_only
def case_export_view(request: HttpRequest, case_id: int) -> HttpResponse:
    name, content = evidence.evidence_export(actor=request.user, case_id=case_id)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _actions() -> dict[str, tuple[type, str, Callable[[Any, int, dict[str, Any]], Any], str]]:
    """action -> (form, form name on the page, service call, success message)."""
    return {
        "take-up": (ReasonForm, "reason_form", lambda actor, pk, data: cases.case_take_up(actor=actor, case_id=pk),
                    _("Investigation started.")),
        "refer": (ReferForm, "refer_form", lambda actor, pk, data: cases.case_refer(actor=actor, case_id=pk, **data),
                  _("Case referred.")),
        "accept": (ReasonForm, "reason_form", lambda actor, pk, data: cases.case_answer_referral(
            actor=actor, case_id=pk, accept=True, reason=data.get("reason", "")), _("Referral accepted.")),
        "return": (ReasonForm, "reason_form", lambda actor, pk, data: cases.case_answer_referral(
            actor=actor, case_id=pk, accept=False, reason=data.get("reason", "")), _("Case returned.")),
        "close": (CloseForm, "close_form", lambda actor, pk, data: cases.case_close(actor=actor, case_id=pk, **data),
                  _("Case closed.")),
        "reopen": (ReasonForm, "reason_form", lambda actor, pk, data: cases.case_reopen(
            actor=actor, case_id=pk, reason=data.get("reason", "")), _("Case reopened.")),
        "note": (NoteForm, "note_form", lambda actor, pk, data: cases.case_note_add(actor=actor, case_id=pk, **data),
                 _("Note added.")),
        "evidence": (EvidenceForm, "evidence_form", _add_evidence, _("Evidence added.")),
    }


def _add_evidence(actor: Any, case_id: int, data: dict[str, Any]) -> Any:
    upload = data.get("file")
    return evidence.evidence_add(actor=actor, case_id=case_id, description=data.get("description", ""),
                                 file_name=upload.name if upload else "", content=upload.read() if upload else None,
                                 content_type=upload.content_type if upload else "",
                                 record_ref=data.get("record_ref", ""))


@cases_only
@require_POST
def case_action_view(request: HttpRequest, case_id: int, action: str) -> HttpResponse:
    case = cases.case_get(request.user, case_id)
    actions = _actions()
    if action not in actions:
        return HttpResponse(status=404)
    form_class, name, write, success = actions[action]
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        try:
            write(request.user, case.pk, dict(form.cleaned_data))
        except DomainError as error:
            if error.status == 404:
                raise
            apply_to_form(form, error)
            return _detail(request, cases.case_get(request.user, case.pk), status=error.status, **{name: form})
        messages.success(request, success)
        return redirect_after_post(request, reverse("supervision-case-detail", args=[case.pk]))
    return _detail(request, case, status=422, **{name: form})
