"""Forms parse input only; the rules live in services (their errors come back via apply_to_form)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from recirc.operators.facade import district_choices
from recirc.operators.models import Operator, OperatorKind, OperatorStatus, OutletKind

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _with_blank(choices: Any, label: Any) -> list[tuple[str, Any]]:
    return [("", label), *choices]


def _set_choices(form: forms.Form, name: str, choices: list[tuple[Any, Any]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class FilterForm(forms.Form):
    """A GET filter form: fields with bad values are simply not applied."""

    def filters(self) -> dict[str, Any]:
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


class OperatorFilterForm(FilterForm):
    query = forms.CharField(label=_("Search"), required=False, max_length=120,
                            widget=forms.TextInput(attrs={"type": "search",
                                                          "placeholder": _("Name or credit code")}))
    kind = forms.ChoiceField(label=_("Type"), required=False)
    district_code = forms.ChoiceField(label=_("District"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "kind", _with_blank(OperatorKind.choices, _("All types")))
        _set_choices(self, "district_code", _with_blank(district_choices(), _("All districts")))
        _set_choices(self, "status", _with_blank(OperatorStatus.choices, _("Any status")))


class OutletFilterForm(FilterForm):
    query = forms.CharField(label=_("Search"), required=False, max_length=120,
                            widget=forms.TextInput(attrs={"type": "search",
                                                          "placeholder": _("Outlet name or address")}))
    kind = forms.ChoiceField(label=_("Type"), required=False)
    district_code = forms.ChoiceField(label=_("District"), required=False)
    is_active = forms.NullBooleanField(label=_("Active"), required=False, widget=forms.Select(choices=[
        ("", _("Active and closed")), ("true", _("Active only")), ("false", _("Closed only"))]))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "kind", _with_blank(OutletKind.choices, _("All types")))
        _set_choices(self, "district_code", _with_blank(district_choices(), _("All districts")))


class OperatorCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=OperatorKind.choices)
    name = forms.CharField(label=_("Name"), max_length=120)
    name_en = forms.CharField(label=_("English name"), max_length=160, required=False)
    credit_code = forms.CharField(label=_("Unified social credit code"), max_length=40,
                                  help_text=_("18 characters, as printed on the business licence."))
    district_code = forms.ChoiceField(label=_("District"))
    licence_number = forms.CharField(label=_("Business licence number"), max_length=40, required=False)
    licence_valid_from = forms.DateField(label=_("Licence valid from"), required=False, widget=DATE_INPUT)
    licence_valid_until = forms.DateField(label=_("Licence valid until"), required=False, widget=DATE_INPUT,
                                          help_text=_("Leave empty for a licence without an end date."))
    registered_address = forms.CharField(label=_("Registered business address"), max_length=200, required=False)
    legal_representative = forms.CharField(
        label=_("Legal representative"), max_length=60, required=False,
        help_text=_("Kept encrypted in the privacy vault; the registry shows it masked."))
    parent_id = forms.TypedChoiceField(label=_("Chain or franchise parent"), required=False, coerce=int,
                                       empty_value=None)
    is_franchise = forms.BooleanField(label=_("Franchise (not directly owned by the parent)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "district_code", _with_blank(district_choices(), _("Choose a district")))
        parents = Operator.objects.order_by("name").values_list("id", "name")
        _set_choices(self, "parent_id", _with_blank(list(parents), _("None (independent)")))
