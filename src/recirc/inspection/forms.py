"""Forms of the inspection pages. They collect raw input; the services validate (one source of truth), so the
checklist form's fields are all optional text and the service names what is missing or wrong."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from recirc.catalog.facade import ChecklistItemRef, GradingChecklistRef, category_list
from recirc.inspection.models import InspectionOutcome, ReferralOutcome, ReferralStatus
from recirc.items.facade import ItemRef

SECTION_LABELS = {"appearance": _("Appearance"), "function": _("Function"), "hygiene": _("Hygiene"),
                  "measurements": _("Measurements"), "authenticity": _("Authenticity")}
PASS_FAIL_CHOICES: list[tuple[str, Any]] = [("pass", _("Pass")), ("fail", _("Fail"))]


class SegmentedRadio(forms.RadioSelect):
    """Radio buttons in a row: one tap on a tablet, arrow keys on a keyboard."""

    template_name = "inspection/widgets/segmented.html"
    option_template_name = "django/forms/widgets/radio_option.html"


def _field(entry: ChecklistItemRef, initial: Any) -> forms.Field:
    help_text = entry.display_help
    if entry.kind == "number":
        attributes = {"inputmode": "numeric", "min": entry.minimum, "max": entry.maximum, "step": 1,
                      "class": "number"}
        return forms.CharField(label=entry.display_label, required=False, initial=initial, help_text=help_text,
                               widget=forms.NumberInput(attrs={key: value for key, value in attributes.items()
                                                               if value is not None}))
    choices: list[tuple[str, Any]] = PASS_FAIL_CHOICES if entry.kind == "pass_fail" else [
        (option.value, option.display) for option in entry.options]
    return forms.CharField(label=entry.display_label, required=False, initial=initial, help_text=help_text,
                           widget=SegmentedRadio(choices=choices))


def initial_answer(entry: ChecklistItemRef, item: ItemRef) -> Any:
    """The item's own attribute (battery health, dimensions) when the checklist names one, else the default."""
    if entry.attribute and item.attributes.get(entry.attribute) not in (None, ""):
        return item.attributes[entry.attribute]
    return entry.default or None


class ChecklistForm(forms.Form):
    """One field per checklist item, in the checklist's order (the keyboard order), grouped by section."""

    def __init__(self, *args: Any, checklist: GradingChecklistRef, item: ItemRef, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.checklist = checklist
        for entry in checklist.items:
            self.fields[entry.key] = _field(entry, initial_answer(entry, item))

    def answers(self) -> dict[str, str]:
        return {entry.key: str(self.data.get(entry.key, "")).strip() for entry in self.checklist.items}

    def sections(self) -> list[dict[str, Any]]:
        grouped: list[dict[str, Any]] = []
        for entry in self.checklist.items:
            if not grouped or grouped[-1]["code"] != entry.section:
                grouped.append({"code": entry.section, "label": SECTION_LABELS.get(entry.section, entry.section),
                                "fields": []})
            grouped[-1]["fields"].append(self[entry.key])
        return grouped


def _category_choices() -> list[tuple[str, str]]:
    return [("", str(_("All categories")))] + [(category.code, category.display_name) for category in category_list()]


class InspectionFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Code, IMEI, title, brand")}))
    category = forms.ChoiceField(label=_("Category"), required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), required=False,
                                choices=[("", _("All outcomes")), *InspectionOutcome.choices])
    grade = forms.ChoiceField(label=_("Internal grade"), required=False,
                              choices=[("", _("All grades"))] + [(code, code) for code in "ABCDE"])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = _category_choices()  # type: ignore[attr-defined]

    def filters(self) -> dict[str, str]:
        data = self.cleaned_data if self.is_valid() else {}
        return {name: str(data.get(name) or "") for name in ("q", "category", "outcome", "grade")}


class ReferralFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search",
                                                      "placeholder": _("Code, report, brand, case number")}))
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All")), *ReferralStatus.choices])

    def filters(self) -> dict[str, str]:
        data = self.cleaned_data if self.is_valid() else {}
        return {"query": str(data.get("q") or ""), "status": str(data.get("status") or "")}


class ReferralCloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "—"), *ReferralOutcome.choices], required=False)
    case_number = forms.CharField(label=_("Case number"), required=False, max_length=200,
                                  help_text=_("Market supervision's own case number, if one was opened."))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    confirm = forms.BooleanField(label=_("I confirm: the outcome is final."), required=True)
