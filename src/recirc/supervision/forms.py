"""Forms of the supervision pages: thin, the services validate (their errors land on the fields)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from recirc.supervision.dimensions import category_labels, district_labels, region_prefix
from recirc.supervision.models import (
    Authority,
    CaseKind,
    CaseOutcome,
    CaseStatus,
    Channel,
    GoalMeasure,
    Method,
    SubmissionKind,
)
from recirc.supervision.policy import policy_value


def set_choices(form: forms.Form, name: str, choices: list[tuple[Any, Any]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def _blank(label: Any) -> list[tuple[str, Any]]:
    return [("", label)]


def region_choices() -> list[tuple[str, str]]:
    """The pilot region and every district below it (a city covers its districts)."""
    pilot = str(policy_value("PILOT_REGION_CODE"))
    prefix = region_prefix(pilot)
    return [(code, f"{name} ({code})") for code, name in sorted(district_labels().items())
            if code == pilot or (code.startswith(prefix) and not code.endswith("00"))]


def category_choices() -> list[tuple[str, Any]]:
    return [*_blank(_("All categories")), *category_labels().items()]


class FilterForm(forms.Form):
    """The dashboard's filters (plain GET parameters, also accepted by the API)."""

    from_ = forms.CharField(label=_("From month"), required=False,
                            widget=forms.TextInput(attrs={"type": "month"}))
    to = forms.CharField(label=_("To month"), required=False, widget=forms.TextInput(attrs={"type": "month"}))
    region = forms.ChoiceField(label=_("Region"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    channel = forms.ChoiceField(label=_("Channel"), required=False,
                                choices=[*_blank(_("All channels")), *Channel.choices])
    method = forms.ChoiceField(label=_("Method"), required=False,
                               choices=[*_blank(_("All methods")), *Method.choices])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "region", region_choices())
        set_choices(self, "category", category_choices())

    def add_prefix(self, field_name: str) -> str:
        return "from" if field_name == "from_" else super().add_prefix(field_name)


class GoalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    region_code = forms.ChoiceField(label=_("Region"))
    category_code = forms.ChoiceField(label=_("Category"), required=False)
    measure = forms.ChoiceField(label=_("Measure"), choices=GoalMeasure.choices)
    baseline_year = forms.IntegerField(label=_("Baseline year"), initial=2024)
    target_year = forms.IntegerField(label=_("Target year"), initial=2027)
    target_growth_percent = forms.DecimalField(label=_("Target growth (%)"), required=False,
                                               help_text=_("For example 40 for growth of 40 percent over the "
                                                           "baseline year."))
    target_level = forms.DecimalField(label=_("Or a target level"), required=False,
                                      help_text=_("For example 1200 operating entities."))
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "region_code", region_choices())
        set_choices(self, "category_code", category_choices())


class ReportCreateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    region_code = forms.ChoiceField(label=_("Region"))
    baseline_year = forms.IntegerField(label=_("Baseline year"), initial=2024)
    target_year = forms.IntegerField(label=_("Target year"), initial=2027)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "region_code", region_choices())


class ReportTextForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    basic_situation = forms.CharField(label=_("1. Basic situation"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 8}))
    main_goals = forms.CharField(label=_("2. Main goals"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    pilot_areas = forms.CharField(label=_("3. Pilot areas"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    work_content = forms.CharField(label=_("4. Pilot work content"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 6}))
    support_measures = forms.CharField(label=_("5. Support measures"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 5}))


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[*_blank(_("All statuses")), *CaseStatus.choices])
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[*_blank(_("All kinds")), *CaseKind.choices])


class CaseOpenForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CaseKind.choices)
    title = forms.CharField(label=_("Title"), max_length=160)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
                              help_text=_("Facts of the case. Refer to people by their records, not by name."))
    operator_id = forms.TypedChoiceField(label=_("Operator concerned"), required=False, coerce=int, empty_value=None)
    item_code = forms.CharField(label=_("Item concerned (passport code)"), required=False, max_length=16)
    source_ref = forms.CharField(label=_("Source"), required=False, max_length=80,
                                 help_text=_("Where the case came from, such as “inspection.referral:12”."))
    authority = forms.ChoiceField(label=_("Held by"), required=False, choices=[*_blank("—"), *Authority.choices],
                                  help_text=_("Only the platform administrator chooses; others open cases for "
                                              "their own authority."))

    def __init__(self, *args: Any, operator_choices: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "operator_id", [*_blank("—"), *(operator_choices or [])])


class ReferForm(forms.Form):
    to_authority = forms.ChoiceField(label=_("Refer to"), choices=Authority.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=CaseOutcome.choices)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))


class EvidenceForm(forms.Form):
    description = forms.CharField(label=_("Description"), max_length=300)
    file = forms.FileField(label=_("File"), required=False)
    record_ref = forms.CharField(label=_("Or a record in Recirc"), required=False, max_length=120,
                                 help_text=_("A record in Recirc, such as a passport code or “acquisitions.entry:…”."))


class SubmissionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of records"), choices=SubmissionKind.choices)
    file = forms.FileField(label=_("CSV or XLSX file"))
    operator_id = forms.TypedChoiceField(label=_("Operator"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, operator_choices: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if operator_choices is None:
            del self.fields["operator_id"]
        else:
            set_choices(self, "operator_id", [*_blank("—"), *operator_choices])
