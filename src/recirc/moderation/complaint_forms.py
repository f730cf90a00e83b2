"""Forms of the complaint pages. They collect raw input (files as ComplaintFile); the services validate, and their
errors are put back on these forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from recirc.core.forms import MultipleFileField
from recirc.moderation.complaint_contracts import ComplaintFile
from recirc.moderation.models import ComplaintCategory, ComplaintDecision, ComplaintState, ComplaintSubject


class ComplaintFileForm(forms.Form):
    subject_kind = forms.ChoiceField(label=_("What is it about"), choices=ComplaintSubject.choices,
                                     widget=forms.RadioSelect)
    reference = forms.CharField(label=_("Listing number, order number or operator registry number"), max_length=40,
                                required=False, widget=forms.TextInput(attrs={"autocomplete": "off"}),
                                help_text=_("For a seller: the number of one of their listings, or the operator's "
                                            "registry number."))
    category = forms.ChoiceField(label=_("Kind of problem"), choices=ComplaintCategory.choices,
                                 widget=forms.RadioSelect)
    statement = forms.CharField(label=_("Your statement"), max_length=4000, required=False,
                                widget=forms.Textarea(attrs={"rows": 5}),
                                help_text=_("What happened, when, and what you ask the seller to do."))
    attachments = MultipleFileField(label=_("Photos or documents"), help_text=_(
        "JPEG, PNG or WebP photos, or PDF documents; up to 5 MB each."))

    def files_sent(self) -> list[ComplaintFile]:
        return [ComplaintFile(name=upload.name, content=upload.read())
                for upload in self.cleaned_data.get("attachments") or []]


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Your answer"), max_length=4000, required=False,
                             widget=forms.Textarea(attrs={"rows": 4}),
                             help_text=_("What you found and what you offer the consumer."))


class ConfirmForm(forms.Form):
    """Accepting the answer or withdrawing: nothing to fill in."""


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Why the answer does not settle it"), max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))


class OpenCaseForm(forms.Form):
    findings = forms.CharField(label=_("First findings"), max_length=8000, required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))


class ReferForm(forms.Form):
    reason = forms.CharField(label=_("Why the police should take this up"), max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))


class CloseForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=ComplaintDecision.choices, widget=forms.RadioSelect)
    reasons = forms.CharField(label=_("Reasons for the decision"), max_length=4000, required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    findings = forms.CharField(label=_("Findings"), max_length=8000, required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3}))


STEP_FORMS: dict[str, type[forms.Form]] = {
    "answer": AnswerForm, "accept": ConfirmForm, "reject": RejectForm, "withdraw": ConfirmForm,
    "open_case": OpenCaseForm, "refer": ReferForm, "close": CloseForm, "note": NoteForm}


class QueueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search",
                                                      "placeholder": _("Number, listing, order or operator")}))
    state = forms.ChoiceField(label=_("State"), required=False)
    category = forms.ChoiceField(label=_("Kind of problem"), required=False,
                                 choices=[("", _("All kinds of problem")), *ComplaintCategory.choices])
    overdue = forms.BooleanField(label=_("Not answered in time"), required=False)

    def __init__(self, *args: Any, states: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [  # type: ignore[attr-defined]
            ("", _("All states")), *(states or ComplaintState.choices)]

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {"state": "", "category": "", "q": "", "overdue": False}
        data = self.cleaned_data
        return {"state": data["state"], "category": data["category"], "q": data["q"], "overdue": data["overdue"]}


class StatisticsForm(forms.Form):
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end of the period comes before its start."))
        return data
