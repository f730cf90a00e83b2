"""Forms of the erasure pages. They collect raw input; the services validate (one source of truth)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from recirc.erasure.contracts import CompletionInput, ConsentInput
from recirc.erasure.models import (
    ConsentChannel,
    ConsentScope,
    Destination,
    ErasureKind,
    JobState,
    Level,
    MediaType,
    Method,
    Result,
    VerificationMethod,
)

MOMENT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
TABS = [("queue", _("Waiting")), ("open", _("In progress")), (JobState.VERIFIED, _("Verified erasures")),
        (JobState.FAILED, _("Failed")), ("all", _("All jobs"))]


def moment_field(label: Any, *, help_text: Any = "") -> forms.DateTimeField:
    return forms.DateTimeField(label=label, required=False, input_formats=MOMENT_FORMATS, help_text=help_text,
                               widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))


def choice(label: Any, choices: Any, *, blank: Any = None) -> forms.ChoiceField:
    options = [("", blank), *choices] if blank is not None else list(choices)
    return forms.ChoiceField(label=label, choices=options, required=blank is None)


class ListFilterForm(forms.Form):
    tab = forms.ChoiceField(label=_("Show"), choices=TABS, required=False)
    q = forms.CharField(label=_("Passport code, IMEI, serial or model"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search", "autofocus": True,
                                                      "placeholder": _("Scan or type")}))
    period = forms.RegexField(label=_("Month planned"), regex=r"^\d{4}-(0[1-9]|1[0-2])$", required=False,
                              widget=forms.TextInput(attrs={"type": "month"}))

    def filters(self) -> dict[str, str]:
        data = self.cleaned_data if self.is_valid() else {}
        return {"tab": data.get("tab") or "queue", "query": data.get("q") or "", "period": data.get("period") or ""}


class CertificateFilterForm(forms.Form):
    q = forms.CharField(label=_("Certificate number, passport code, IMEI or model"), required=False,
                        max_length=100, widget=forms.TextInput(attrs={"type": "search"}))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[
        ("", _("All")), ("valid", _("Valid")), ("revoked", _("Revoked"))])
    period = forms.RegexField(label=_("Month issued"), regex=r"^\d{4}-(0[1-9]|1[0-2])$", required=False,
                              widget=forms.TextInput(attrs={"type": "month"}))

    def filters(self) -> dict[str, str]:
        data = self.cleaned_data if self.is_valid() else {}
        return {"query": data.get("q") or "", "status": data.get("status") or "", "period": data.get("period") or ""}


class OpenForm(forms.Form):
    """The owner's consent and the storage facts: one form for the technician at the bench."""

    subject_reference = forms.CharField(label=_("Who consented (reference)"), max_length=80, help_text=_(
        "The register entry or the number of the signed form. Never a name, phone or identity number."))
    channel = choice(_("How consent was given"), ConsentChannel.choices)
    given_at = moment_field(_("Consent given at"), help_text=_("Empty: now."))
    scope = choice(_("What the erasure covers"), ConsentScope.choices)
    erasure_kind = choice(_("Kind of erasure agreed"), ErasureKind.choices)
    effect_explained = forms.BooleanField(label=_("The owner was told that erased data cannot be recovered"),
                                          required=False)
    text_version = forms.CharField(label=_("Version of the consent text"), max_length=40)
    media_type = choice(_("Media type"), MediaType.choices)
    storage_serial = forms.CharField(label=_("Storage serial number"), max_length=60, required=False)

    def consent(self) -> ConsentInput:
        data = self.cleaned_data
        return ConsentInput(subject_reference=data["subject_reference"], scope=data["scope"],
                            erasure_kind=data["erasure_kind"], channel=data["channel"],
                            effect_explained=bool(data.get("effect_explained")), given_at=data.get("given_at"),
                            text_version=data["text_version"])


class StartForm(forms.Form):
    started_at = moment_field(_("Started at"), help_text=_("Empty: now."))


class CompleteForm(forms.Form):
    method = choice(_("Method"), Method.choices, blank=_("Choose…"))
    level = choice(_("Level (NIST SP 800-88)"), Level.choices, blank=_("Choose…"))
    tool = forms.CharField(label=_("Tool"), max_length=80, required=False)
    tool_version = forms.CharField(label=_("Tool version"), max_length=40, required=False)
    ended_at = moment_field(_("Ended at"), help_text=_("Empty: now."))
    destination = choice(_("Destination"), Destination.choices, blank=_("Choose…"))
    note = forms.CharField(label=_("Note"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def completion(self) -> CompletionInput:
        data = self.cleaned_data
        return CompletionInput(method=data["method"], level=data["level"], tool=data["tool"],
                               tool_version=data["tool_version"], destination=data["destination"],
                               ended_at=data.get("ended_at"), note=data["note"])


class FailForm(forms.Form):
    reason = forms.CharField(label=_("What went wrong"), max_length=500, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


class VerifyForm(forms.Form):
    method = choice(_("Verification method"), VerificationMethod.choices, blank=_("Choose…"))
    result = forms.ChoiceField(label=_("Result"), choices=Result.choices, widget=forms.RadioSelect, required=False)
    note = forms.CharField(label=_("Note (required when it failed)"), max_length=500, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ReplanForm(forms.Form):
    consent = forms.TypedChoiceField(label=_("Consent"), coerce=int, required=False, empty_value=None)
    media_type = choice(_("Media type"), MediaType.choices, blank=_("Unchanged"))

    def __init__(self, *args: Any, consent_choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].choices = [("", _("Unchanged")), *consent_choices]  # type: ignore[attr-defined]


class DrawForm(forms.Form):
    operator = forms.TypedChoiceField(label=_("Operator"), coerce=int)
    period = forms.RegexField(label=_("Month"), regex=r"^\d{4}-(0[1-9]|1[0-2])$",
                              widget=forms.TextInput(attrs={"type": "month"}),
                              error_messages={"invalid": _("Write the month as YYYY-MM, such as 2026-11.")})
    seed = forms.IntegerField(label=_("Random seed"), required=False, min_value=0, help_text=_(
        "Empty: derived from the month and the operator, so the same draw can be repeated and checked."))

    def __init__(self, *args: Any, operator_choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["operator"].choices = operator_choices  # type: ignore[attr-defined]


class CheckForm(forms.Form):
    method = choice(_("Verification method"), VerificationMethod.choices, blank=_("Choose…"))
    result = forms.ChoiceField(label=_("Result"), choices=Result.choices, widget=forms.RadioSelect, required=False)
    note = forms.CharField(label=_("Note (required when it failed)"), max_length=500, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
