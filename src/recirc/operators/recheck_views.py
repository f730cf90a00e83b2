"""The moderators' pages of merchant re-checks: operators due or overdue (filters, pages, CSV), and recording a
re-check of one operator with its history. Rules live in recheck.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recirc.core.errors import DomainError, NotFound
from recirc.core.htmx import redirect_after_post, render_page
from recirc.core.http import apply_to_form
from recirc.core.permissions import role_required
from recirc.core.tables import table_response
from recirc.operators import recheck
from recirc.operators.forms import DATE_INPUT
from recirc.operators.models import Operator, OperatorKind

PAGE_SIZE = 20
STATE_LABELS = {"current": gettext_lazy("Current"), "due_soon": gettext_lazy("Due soon"),
                "overdue": gettext_lazy("Overdue"), "refused": gettext_lazy("Overdue: publication refused")}


class RecheckFilterForm(forms.Form):
    query = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=120,
                            widget=forms.TextInput(attrs={"type": "search",
                                                          "placeholder": gettext_lazy("Name or credit code")}))
    state = forms.ChoiceField(label=gettext_lazy("State"), required=False, choices=[
        ("", gettext_lazy("Due soon or overdue")), *((state, STATE_LABELS[state]) for state in recheck.STATES)])
    kind = forms.ChoiceField(label=gettext_lazy("Type"), required=False,
                             choices=[("", gettext_lazy("All types")), *OperatorKind.choices])

    def filters(self) -> dict[str, Any]:
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class RecheckForm(forms.Form):
    licence_seen = forms.BooleanField(label=gettext_lazy("I have seen the business licence (original or official "
                                                         "copy) and it matches the registry"), required=False)
    licence_valid_until = forms.DateField(label=gettext_lazy("Licence valid until"), required=False,
                                          widget=DATE_INPUT)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=recheck.NOTE_MAX_LENGTH,
                           widget=forms.Textarea(attrs={"rows": 3}))


def _rows(operators: Any) -> list[dict[str, Any]]:
    rows = []
    for operator in operators:
        state = recheck.state_of(operator)
        rows.append({"operator": operator, "state": state, "label": STATE_LABELS[state.state]})
    return rows


@role_required(*recheck.RECHECK_ROLES)
def recheck_list_view(request: HttpRequest) -> HttpResponse:
    form = RecheckFilterForm(request.GET)
    operators = recheck.rechecks_due(request.user, **form.filters())
    page = Paginator(operators, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "rows": _rows(page.object_list), "days": recheck.recheck_days(),
               "grace": recheck.grace_days()}
    return render_page(request, "operators/recheck_list.html", context, partial="results")


@role_required(*recheck.RECHECK_ROLES)
def recheck_export_view(request: HttpRequest) -> HttpResponse:
    operators = recheck.rechecks_due(request.user, **RecheckFilterForm(request.GET).filters())
    header = [_("Unified social credit code"), _("Name"), _("Type"), _("District"), _("Business licence number"),
              _("Licence valid until"), _("Last re-check"), _("Re-check due on"), _("Days overdue"), _("State")]
    rows = ([operator.credit_code, operator.name, operator.get_kind_display(), operator.district.name,
             operator.licence_number, operator.licence_valid_until.isoformat() if operator.licence_valid_until else "",
             row["state"].checked_at.date().isoformat() if row["state"].checked_at else "",
             row["state"].due_on.isoformat(), row["state"].days_overdue, str(row["label"])]
            for row in _rows(operators.iterator(chunk_size=500)) for operator in [row["operator"]])
    return table_response(header, rows, "csv", "merchant-rechecks")


@role_required(*recheck.RECHECK_ROLES)
def recheck_record_view(request: HttpRequest, operator_id: int) -> HttpResponse:
    operator = recheck.with_basis(Operator.objects.select_related("district")).filter(pk=operator_id).first()
    if operator is None:
        raise NotFound()
    form = RecheckForm(request.POST or None, initial={"licence_valid_until": operator.licence_valid_until})
    if request.method == "POST" and form.is_valid():
        try:
            recheck.merchant_recheck_record(actor=request.user, operator_id=operator.pk, **form.cleaned_data)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The re-check of %(name)s is recorded.") % {"name": operator.name})
            return redirect_after_post(request, reverse("operator-recheck-list"))
    state = recheck.state_of(operator)
    context = {"operator": operator, "form": form, "state": state, "label": STATE_LABELS[state.state],
               "history": recheck.recheck_history(request.user, operator.pk)[:20]}
    return render(request, "operators/recheck_record.html", context, status=422 if form.errors else 200)
