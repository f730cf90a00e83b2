"""Forms of the after-sales pages. They collect raw input (files as EvidenceFile); the services validate, and their
errors are put back on these forms. Destructive or money-moving steps ask for a confirmation tick."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from recirc.aftersales.contracts import EvidenceFile
from recirc.aftersales.models import DisputeOutcome, ReturnKind, TicketOutcome
from recirc.core.forms import MultipleFileField

AMOUNT = {"inputmode": "decimal", "autocomplete": "off", "placeholder": "0.00"}


class EvidenceMixin(forms.Form):
    attachments = MultipleFileField(label=_("Photos or documents"), help_text=_(
        "JPEG, PNG or WebP photos, or PDF documents; up to 5 MB each."))
    file_note = forms.CharField(label=_("What the files show"), required=False, max_length=300)

    def evidence(self) -> list[EvidenceFile]:
        note = self.cleaned_data.get("file_note", "")
        return [EvidenceFile(name=upload.name, content=upload.read(), description=note)
                for upload in self.cleaned_data.get("attachments") or []]


class ReturnOpenForm(EvidenceMixin):
    kind = forms.ChoiceField(label=_("Why return it"), choices=ReturnKind.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("What is wrong"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Not needed for a no-reason return."))
    amount = forms.CharField(label=_("Refund asked (¥)"), required=False, max_length=20,
                             widget=forms.TextInput(attrs=AMOUNT), help_text=_("Leave empty for the price paid."))
    field_order = ["kind", "reason", "amount", "attachments", "file_note"]


class TicketOpenForm(EvidenceMixin):
    fault = forms.CharField(label=_("The fault"), required=False, max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 3}))
    field_order = ["fault", "attachments", "file_note"]


class DisputeOpenForm(EvidenceMixin):
    about = forms.ChoiceField(label=_("About"), required=False)
    claim = forms.CharField(label=_("What you ask the platform and why"), required=False, max_length=4000,
                            widget=forms.Textarea(attrs={"rows": 4}))
    amount_claimed = forms.CharField(label=_("Refund asked (¥)"), required=False, max_length=20,
                                     widget=forms.TextInput(attrs=AMOUNT))
    field_order = ["about", "claim", "amount_claimed", "attachments", "file_note"]

    def __init__(self, *args: Any, cases: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["about"].choices = [("", _("The purchase in general")), *(cases or [])]  # type: ignore[attr-defined]

    def links(self) -> dict[str, int | None]:
        about = self.cleaned_data.get("about") or ""
        kind, _sep, number = about.partition(":")
        case_id = int(number) if number.isdigit() else None
        return {"return_id": case_id if kind == "return" else None, "ticket_id": case_id if kind == "ticket" else None}


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, do this"))


class RefuseForm(ConfirmForm):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 2}))
    field_order = ["reason", "confirm"]


class ShipBackForm(forms.Form):
    carrier = forms.CharField(label=_("Carrier (empty when brought back in person)"), required=False, max_length=60)
    tracking_number = forms.CharField(label=_("Tracking number"), required=False, max_length=60)


class AcceptForm(forms.Form):
    work_order_number = forms.CharField(label=_("Repair work order (optional)"), required=False, max_length=20,
                                        help_text=_("The number of the repair work order opened for it."))


class CompleteForm(ConfirmForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=TicketOutcome.choices, widget=forms.RadioSelect)
    resolution = forms.CharField(label=_("What was done"), required=False, max_length=2000,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    refund_amount = forms.CharField(label=_("Refund (¥), when refunded"), required=False, max_length=20,
                                    widget=forms.TextInput(attrs=AMOUNT))
    field_order = ["outcome", "resolution", "refund_amount", "confirm"]


class StatementForm(EvidenceMixin):
    text = forms.CharField(label=_("Statement"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    field_order = ["text", "attachments", "file_note"]


class EvidenceForm(EvidenceMixin):
    """More files on an open case."""


class DecideForm(ConfirmForm):
    outcome = forms.ChoiceField(label=_("Decision"), choices=DisputeOutcome.choices, widget=forms.RadioSelect)
    refund_amount = forms.CharField(label=_("Refund (¥)"), required=False, max_length=20,
                                    widget=forms.TextInput(attrs=AMOUNT))
    reasons = forms.CharField(label=_("Reasons (both parties read them)"), required=False, max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 4}))
    field_order = ["outcome", "refund_amount", "reasons", "confirm"]


class ReceiptForm(forms.Form):
    receipt_code = forms.CharField(label=_("Receipt code"), max_length=32, widget=forms.TextInput(attrs={
        "autocomplete": "off", "autocapitalize": "characters"}))


class QueueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=60, widget=forms.TextInput(attrs={
        "type": "search", "placeholder": _("Case, order or passport number")}))
    state = forms.ChoiceField(label=_("State"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    open = forms.BooleanField(label=_("Open only"), required=False)

    def __init__(self, *args: Any, states: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("All states")), *states]  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        return {"query": data.get("q") or "", "state": data.get("state") or "", "overdue": bool(data.get("overdue")),
                "open_only": bool(data.get("open"))}
