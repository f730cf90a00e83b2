"""Forms of the listing pages. They collect raw input; the services validate (every problem at once) and their
errors are put back on these forms, so fields are optional here unless the page itself needs them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from recirc.catalog.facade import category_list
from recirc.listings.drafting import DECLARED_GRADES
from recirc.listings.models import Channel, ListingStatus, SellerKind
from recirc.operators.facade import district_choices

PRICE = {"inputmode": "decimal", "autocomplete": "off", "placeholder": "0.00"}
DAYS = {"inputmode": "numeric", "autocomplete": "off"}
GRADE_LABELS = {"99": _("99 % new"), "95": _("95 % new"), "90": _("90 % new"), "80": _("80 % new"),
                "70-": _("70 % new or less")}


class MineFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100, widget=forms.TextInput(attrs={
        "type": "search", "placeholder": _("Listing number, passport code or title")}))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *ListingStatus.choices])
    seller_kind = forms.ChoiceField(label=_("Seller"), required=False,
                                    choices=[("", _("All")), *SellerKind.choices])

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        return {"query": data.get("q") or "", "status": data.get("status") or "",
                "seller_kind": data.get("seller_kind") or ""}


class FromItemForm(forms.Form):
    item = forms.CharField(label=_("Item"), max_length=60, help_text=_(
        "The item's passport code or number, or its IMEI or serial number."),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}))
    price = forms.CharField(label=_("Price (¥)"), required=False, max_length=20, widget=forms.TextInput(attrs=PRICE))


class NewItemForm(forms.Form):
    """A consumer describes the item they sell; it gets a passport."""

    category = forms.TypedChoiceField(label=_("Category"), coerce=int, choices=())
    title = forms.CharField(label=_("Title"), max_length=160)
    brand = forms.CharField(label=_("Brand"), required=False, max_length=60)
    model_name = forms.CharField(label=_("Model"), required=False, max_length=80)
    price = forms.CharField(label=_("Price (¥)"), required=False, max_length=20, widget=forms.TextInput(attrs=PRICE))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [  # type: ignore[attr-defined]
            (category.id, category.display_name) for category in category_list() if category.is_leaf]


class ListingForm(forms.Form):
    """The draft's fields; the declared_* fields are shown to individual sellers only."""

    title = forms.CharField(label=_("Title"), required=False, max_length=160)
    description = forms.CharField(label=_("Description"), required=False, max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    price = forms.CharField(label=_("Price (¥)"), required=False, max_length=20, widget=forms.TextInput(attrs=PRICE))
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    warranty_days = forms.CharField(label=_("Warranty (days)"), required=False, max_length=5,
                                    widget=forms.TextInput(attrs=DAYS))
    return_window_days = forms.CharField(label=_("No-reason return window (days)"), required=False, max_length=5,
                                         widget=forms.TextInput(attrs=DAYS))
    terms_text = forms.CharField(label=_("After-sales conditions"), required=False, max_length=2000,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    known_defects = forms.CharField(label=_("Known defects"), required=False, help_text=_(
        "One per line. Once published, a defect stays disclosed."), widget=forms.Textarea(attrs={"rows": 3}))
    no_known_defects = forms.BooleanField(label=_("No defects are known"), required=False)
    seller_notes = forms.CharField(label=_("Notes for the buyer"), required=False, max_length=2000,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    declared_grade = forms.ChoiceField(label=_("Condition"), required=False,
                                       choices=[("", "—"), *((code, GRADE_LABELS[code]) for code in DECLARED_GRADES)])
    declared_condition = forms.CharField(label=_("Condition in your words"), required=False, max_length=1000,
                                         widget=forms.Textarea(attrs={"rows": 2}))
    declared_repairs = forms.CharField(label=_("Repairs done"), required=False, max_length=1000,
                                       widget=forms.Textarea(attrs={"rows": 2}))
    declared_no_repairs = forms.BooleanField(label=_("Never repaired"), required=False)
    declared_battery_percent = forms.CharField(label=_("Battery health (%)"), required=False, max_length=3,
                                               widget=forms.TextInput(attrs=DAYS))
    district_code = forms.ChoiceField(label=_("District"), required=False, choices=())

    CONSUMER_ONLY = ("declared_grade", "declared_condition", "declared_repairs", "declared_no_repairs",
                     "declared_battery_percent", "district_code")

    def __init__(self, *args: Any, is_consumer: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if is_consumer:
            self.fields["district_code"].choices = [("", "—"), *district_choices()]  # type: ignore[attr-defined]
        else:
            for name in self.CONSUMER_ONLY:
                del self.fields[name]

    def changes(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items()}


def listing_initial(listing: Any) -> dict[str, Any]:
    values = {name: getattr(listing, name) for name in ListingForm.base_fields}
    values["known_defects"] = "\n".join(listing.known_defects)
    return {name: ("" if value is None else value) for name, value in values.items()}


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Photo"), help_text=_("JPEG, PNG or WebP, at most 10 MB. Location data is "
                                                          "removed."))
