"""Forms of the repair pages. They collect raw input for a fast, keyboard-first counter and workbench; the
services validate (one source of truth: every problem at once) and their errors are put back on these forms.
Fields are therefore optional here unless the page itself needs them (the item to look up, confirmations)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recirc.repairs.checklists import CHECK_LABELS, RESULT_LABELS, RESULTS, checklist_for
from recirc.repairs.models import WorkOrderKind, WorkOrderState
from recirc.repairs.parts import PartOrigin, part_choices

AMOUNT = {"inputmode": "decimal", "autocomplete": "off", "placeholder": "0.00"}
DEFAULT_QUOTE_DAYS = 14
DEFAULT_RATE = "80.00"


class WorkOrderFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100, widget=forms.TextInput(attrs={
        "type": "search", "placeholder": _("Order number, passport code, item or IMEI")}))
    state = forms.ChoiceField(label=_("State"), required=False,
                              choices=[("", _("All states")), ("open", _("Open (not finished)")),
                                       *WorkOrderState.choices])
    kind = forms.ChoiceField(label=_("Whose item"), required=False,
                             choices=[("", _("All")), *WorkOrderKind.choices])

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        return {"query": data.get("q") or "", "state": data.get("state") or "", "kind": data.get("kind") or ""}


class OpenForm(forms.Form):
    item = forms.CharField(label=_("Item"), max_length=60, help_text=_(
        "The item's number (as in its page's address), or its IMEI, MEID, serial number or MAC address."),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}))
    reported_fault = forms.CharField(label=_("Reported fault"), required=False, max_length=1000,
                                     widget=forms.Textarea(attrs={"rows": 3}))
    intake_notes = forms.CharField(label=_("Condition at intake"), required=False, max_length=1000,
                                   help_text=_("Scratches, missing parts, accessories handed over."),
                                   widget=forms.Textarea(attrs={"rows": 2}))
    refurbishment = forms.BooleanField(label=_("This is a refurbishment (declared now, cannot be withdrawn)"),
                                       required=False)


class DiagnoseForm(forms.Form):
    diagnosis = forms.CharField(label=_("Diagnosis"), required=False, max_length=2000, widget=forms.Textarea(attrs={
        "rows": 3, "autofocus": True}))
    faults = forms.CharField(label=_("Faults found"), required=False, help_text=_("One per line."),
                             widget=forms.Textarea(attrs={"rows": 3}))


class QuoteForm(forms.Form):
    parts_amount = forms.CharField(label=_("Parts (¥)"), required=False, max_length=20, widget=forms.TextInput(attrs={
        **AMOUNT, "autofocus": True}))
    labour_amount = forms.CharField(label=_("Labour (¥)"), required=False, max_length=20,
                                    widget=forms.TextInput(attrs=AMOUNT))
    valid_until = forms.CharField(label=_("Valid until"), required=False, max_length=10,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    notes = forms.CharField(label=_("What the quote covers"), required=False, max_length=1000,
                            widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["valid_until"].initial = (timezone.localdate() + dt.timedelta(days=DEFAULT_QUOTE_DAYS)).isoformat()


class ApproveForm(forms.Form):
    confirm = forms.BooleanField(label=_("I accept this quote"))


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=500)


class StartForm(forms.Form):
    """No fields: starting the repair is one button."""


class PartForm(forms.Form):
    kind = forms.ChoiceField(label=_("Part (★ main part)"), required=False)
    origin = forms.ChoiceField(label=_("Origin"), required=False, choices=PartOrigin.choices,
                               widget=forms.RadioSelect)
    brand = forms.CharField(label=_("Brand"), required=False, max_length=60)
    producer = forms.CharField(label=_("Producer"), required=False, max_length=120,
                               help_text=_("The company that made the part."))
    part_number = forms.CharField(label=_("Part number"), required=False, max_length=60)
    serial_number = forms.CharField(label=_("Serial number of the part"), required=False, max_length=60)
    cost = forms.CharField(label=_("Cost (¥)"), required=False, max_length=20, widget=forms.TextInput(attrs=AMOUNT))
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args: Any, category_code: str, item_brand: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = part_choices(category_code)  # type: ignore[attr-defined]
        self.fields["brand"].initial = item_brand
        self.fields["origin"].initial = PartOrigin.ORIGINAL


class LabourForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), required=False, max_length=5,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 1440}))
    rate = forms.CharField(label=_("Hourly rate (¥)"), required=False, max_length=20, initial=DEFAULT_RATE,
                           widget=forms.TextInput(attrs=AMOUNT))
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class SubmitForm(forms.Form):
    refurbishment = forms.BooleanField(label=_("Cosmetic refurbishment done (declared, cannot be withdrawn)"),
                                       required=False)


class CheckForm(forms.Form):
    """One pass / fail / not applicable choice per check of the category's checklist."""

    notes = forms.CharField(label=_("Notes"), required=False, max_length=1000, help_text=_(
        "Required when a check fails: say what failed."), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, category_code: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(result, RESULT_LABELS[result]) for result in RESULTS]
        self.check_codes = checklist_for(category_code)
        for code in self.check_codes:
            self.fields[code] = forms.ChoiceField(label=CHECK_LABELS[code], choices=choices,
                                                  widget=forms.RadioSelect)
        self.order_fields([*self.check_codes, "notes"])

    def check_fields(self) -> list[Any]:
        return [self[code] for code in self.check_codes]

    def results(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(code, "") for code in self.check_codes}


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), required=False, max_length=500)
    confirm = forms.BooleanField(label=_("Yes, cancel this work order"))
