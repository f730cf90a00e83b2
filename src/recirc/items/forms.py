"""Forms of the item pages. They collect raw input; the services validate (one source of truth)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from recirc.catalog.contracts import AttributeSpec, CategoryRef
from recirc.core.errors import DomainError, ValidationFailed
from recirc.core.http import apply_to_form
from recirc.items.identifiers import identifiers_parse
from recirc.items.models import ItemState

NAME_KEYS = frozenset({"brand", "model"})  # filled from the item's own brand and model fields
FIELD_ALIASES = {"category_id": "category", "outlet_id": "outlet_id"}


class ItemFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _(
                            "Code, title, brand, model or identifier")}))
    category = forms.ChoiceField(label=_("Category"), required=False)
    state = forms.ChoiceField(label=_("State"), required=False,
                              choices=[("", _("All states")), *ItemState.choices])
    outlet = forms.IntegerField(label=_("Outlet"), required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, category_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories")), *category_choices]  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        return {"query": data.get("q") or "", "category": data.get("category") or None,
                "state": data.get("state") or "", "outlet": data.get("outlet")}


def _attribute_field(spec: AttributeSpec) -> forms.Field:
    attrs: dict[str, Any] = {"required": True} if spec.required else {}
    label = f"{spec.display_label} ({spec.unit})" if spec.unit and spec.type != "choice" else spec.display_label
    if spec.type == "choice":
        options = [("", "—"), *((choice.value, choice.display) for choice in spec.choices)]
        return forms.ChoiceField(label=label, required=False, choices=options, widget=forms.Select(attrs=attrs))
    if spec.type == "boolean":
        yes_no: list[tuple[str, Any]] = [("", "—"), ("true", _("Yes")), ("false", _("No"))]
        return forms.ChoiceField(label=label, required=False, choices=yes_no, widget=forms.Select(attrs=attrs))
    if spec.type in ("integer", "decimal"):
        attrs["step"] = "1" if spec.type == "integer" else "any"
        for bound in ("min", "max"):
            if getattr(spec, bound) is not None:
                attrs[bound] = str(getattr(spec, bound))
        return forms.CharField(label=label, required=False, widget=forms.NumberInput(attrs=attrs))
    return forms.CharField(label=label, required=False, max_length=spec.max_length or 200,
                           widget=forms.TextInput(attrs=attrs))


class ItemRegisterForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"))
    title = forms.CharField(label=_("Title"), max_length=160)
    brand = forms.CharField(label=_("Brand"), max_length=60, required=False)
    model_name = forms.CharField(label=_("Model"), max_length=80, required=False)
    outlet_id = forms.TypedChoiceField(label=_("Outlet"), required=False, coerce=int, empty_value=None,
                                       help_text=_("Where the item is kept."))
    identifiers = forms.CharField(
        label=_("Identifiers"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line as “kind: value”, e.g. “imei: 490154203237518”. Kinds: imei, meid, serial, "
                    "mac, network_licence."))

    def __init__(self, *args: Any, category_choices: list[tuple[str, str]], category: CategoryRef | None,
                 for_staff: bool, outlet_choices: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Choose a category")), *category_choices]  # type: ignore[attr-defined]
        if not for_staff:
            del self.fields["outlet_id"]
        else:
            self.fields["outlet_id"].choices = list(outlet_choices or [])  # type: ignore[attr-defined]
        self.selected_category = category
        for spec in category.schema if category else ():
            if spec.key not in NAME_KEYS:
                self.fields[f"attributes.{spec.key}"] = _attribute_field(spec)

    def attribute_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("attributes.")]

    def service_arguments(self) -> dict[str, Any]:
        """Keyword arguments for item_register; IdentifierInvalid if the identifier lines are malformed."""
        data = self.cleaned_data
        attributes = {name.split(".", 1)[1]: value for name, value in data.items()
                      if name.startswith("attributes.") and value not in (None, "")}
        return {"category_id": int(data["category"]), "title": data["title"], "brand": data.get("brand", ""),
                "model_name": data.get("model_name", ""), "attributes": attributes,
                "identifiers": identifiers_parse(data.get("identifiers", "")), "outlet_id": data.get("outlet_id")}


class ItemTransitionForm(forms.Form):
    to_state = forms.ChoiceField(label=_("New state"))
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Kept with the item's history; do not write personal data here."))
    confirm = forms.BooleanField(label=_("I confirm this change"), required=True)

    def __init__(self, *args: Any, targets: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_state"].choices = targets  # type: ignore[attr-defined]


def apply_error(form: forms.Form, error: DomainError) -> None:
    """Show a domain error on the form, mapping service field names to form fields."""
    if isinstance(error, ValidationFailed) and error.errors:
        remapped: dict[str, list[str]] = {}
        for field, messages in error.errors.items():
            name = "identifiers" if field.startswith("identifiers") else FIELD_ALIASES.get(field, field)
            remapped.setdefault(name, []).extend(messages)
        error = ValidationFailed(code=error.code, errors=remapped)
    apply_to_form(form, error)
