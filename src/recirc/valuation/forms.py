"""Forms of the valuation pages. They collect raw input; the services and estimates validate."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from recirc.catalog.facade import AttributeSpec, CategoryRef, grading_scales_for
from recirc.valuation.models import ObservationSource

ATTRIBUTE_PREFIX = "attr_"
SKIPPED_TEXT = ("licence", "number", "serial", "isbn", "title", "author")


def grade_choices(category: CategoryRef | None) -> list[tuple[str, Any]]:
    """"scheme:code" per grade of every scale in force for the category."""
    choices: list[tuple[str, Any]] = [("", _("Not graded"))]
    if category is None:
        return choices
    for scale in grading_scales_for(category.id):
        choices += [(f"{scale.code}:{grade.code}", f"{scale.display_name} · {grade.display}")
                    for grade in scale.grades]
    return choices


def estimate_attributes(category: CategoryRef | None) -> list[AttributeSpec]:
    """The attributes worth asking for an estimate: public, not brand or model, no identifiers."""
    if category is None:
        return []
    return [spec for spec in category.schema if spec.public and spec.key not in ("brand", "model")
            and not (spec.type == "text" and any(word in spec.key for word in SKIPPED_TEXT))]


def choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])


def attribute_field(spec: AttributeSpec) -> forms.Field:
    label = spec.display_label + (f" ({spec.unit})" if spec.unit and spec.type != "choice" else "")
    if spec.type == "choice":
        return forms.ChoiceField(label=label, required=False,
                                 choices=[("", "—"), *[(choice.value, choice.display) for choice in spec.choices]])
    if spec.type == "boolean":
        return forms.ChoiceField(label=label, required=False, choices=[("", "—"), ("true", _("Yes")),
                                                                        ("false", _("No"))])
    if spec.type in ("integer", "decimal"):
        return forms.DecimalField(label=label, required=False, min_value=spec.min, max_value=spec.max)
    return forms.CharField(label=label, required=False, max_length=spec.max_length or 200)


class EstimateForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"))
    brand = forms.CharField(label=_("Brand"), max_length=60, required=False)
    model_name = forms.CharField(label=_("Model"), max_length=80, required=False)
    grade = forms.ChoiceField(label=_("Grade"), required=False)
    on_date = forms.DateField(label=_("Valuation date"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                              help_text=_("Empty: today."))

    def __init__(self, *args: Any, category_choices: list[tuple[str, str]], category: CategoryRef | None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.category_ref = category
        choice_field(self, "category").choices = category_choices
        choice_field(self, "grade").choices = grade_choices(category)
        self.attribute_specs = estimate_attributes(category)
        for spec in self.attribute_specs:
            self.fields[ATTRIBUTE_PREFIX + spec.key] = attribute_field(spec)

    def attribute_fields(self) -> list[forms.BoundField]:
        return [self[ATTRIBUTE_PREFIX + spec.key] for spec in self.attribute_specs]

    def base_fields_bound(self) -> list[forms.BoundField]:
        return [self[name] for name in ("brand", "model_name", "grade", "on_date")]

    def query(self) -> dict[str, Any]:
        """Keyword arguments for estimates.estimate."""
        data = self.cleaned_data
        scheme, _sep, code = (data.get("grade") or "").partition(":")
        attributes = {}
        for spec in self.attribute_specs:
            value = data.get(ATTRIBUTE_PREFIX + spec.key)
            if value not in (None, ""):
                attributes[spec.key] = (value == "true") if spec.type == "boolean" else (
                    int(Decimal(str(value))) if spec.type == "integer" else str(value))
        return {"brand": data.get("brand") or "", "model_name": data.get("model_name") or "",
                "attributes": attributes, "grade": code, "grading_scheme": scheme if code else "",
                "on_date": data.get("on_date")}


class ObservationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"placeholder": _("Brand, model or reference")}))
    category = forms.TypedChoiceField(label=_("Category"), required=False, coerce=int, empty_value=None)
    source = forms.ChoiceField(label=_("Source"), required=False,
                               choices=[("", _("All sources")), *ObservationSource.choices])
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, category_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "category").choices = [("", _("All categories")), *category_choices]

    def filters(self) -> dict[str, Any]:
        if not self.is_bound or not self.is_valid():
            return {"query": "", "category_id": None, "source": "", "date_from": None, "date_to": None}
        data = self.cleaned_data
        return {"query": data["q"], "category_id": data["category"], "source": data["source"],
                "date_from": data["date_from"], "date_to": data["date_to"]}


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"), help_text=_("At most 20 MB; the first row names the columns."))


class TrainForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"))
    quick = forms.BooleanField(label=_("Quick search (fewer hyper-parameters; for small data)"), required=False)
    activate_anyway = forms.BooleanField(label=_("Activate even if it does not beat the active model"),
                                         required=False)
    notes = forms.CharField(label=_("Notes"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    confirm = forms.BooleanField(label=_("I confirm: train a new version now"), required=True)

    def __init__(self, *args: Any, category_choices: list[tuple[str, str]], may_force: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "category").choices = category_choices
        if not may_force:
            del self.fields["activate_anyway"]


class ActivateForm(forms.Form):
    confirm = forms.BooleanField(label=_("I confirm: this model will price every estimate of its category"),
                                 required=True)

