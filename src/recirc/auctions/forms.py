"""Forms of the auction pages. They collect raw input; the services validate and their errors are put back on
these forms (the field names are the services' own: listings, title, ends_at, start_price, reserve_price,
buy_now_price, extension_window)."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recirc.auctions.models import AuctionFormat, AuctionState

PRICE = {"inputmode": "decimal", "autocomplete": "off", "placeholder": "0.00"}
MINUTES = {"inputmode": "numeric", "autocomplete": "off"}
LOCAL_TIME = "%Y-%m-%dT%H:%M"


def new_key() -> str:
    return f"web-{secrets.token_urlsafe(18)}"


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100, widget=forms.TextInput(attrs={
        "type": "search", "placeholder": _("Title or auction number")}))
    format = forms.ChoiceField(label=_("Format"), required=False, choices=[("", _("Any format")),
                                                                           *AuctionFormat.choices])
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", _("Live (open or scheduled)")),
                                                                         *AuctionState.choices])

    def filters(self) -> dict[str, str]:
        data = self.cleaned_data if self.is_valid() else {}
        return {"q": data.get("q") or "", "format": data.get("format") or "", "state": data.get("state") or ""}


class BidForm(forms.Form):
    """One bid; the hidden key is new on every render, so a double submit of one page bids once."""

    maximum = forms.DecimalField(label=_("Your maximum (¥)"), max_digits=12, decimal_places=2, min_value=0.01,
                                 widget=forms.TextInput(attrs=PRICE))
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=80)

    def __init__(self, *args: Any, sealed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if sealed:
            self.fields["maximum"].label = _("Your sealed bid (¥)")
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", new_key())


class KeyForm(forms.Form):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=80)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", new_key())


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime(LOCAL_TIME)


class AuctionCreateForm(forms.Form):
    operator = forms.TypedChoiceField(label=_("Seller"), coerce=int, choices=())
    listings = forms.CharField(label=_("Listings in the lot"), max_length=12000, help_text=_(
        "Numbers of your published online listings, one per line (a bulk lot holds up to 500)."),
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off", "spellcheck": "false"}))
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    format = forms.ChoiceField(label=_("Format"), choices=AuctionFormat.choices, widget=forms.RadioSelect)
    starts_at = forms.DateTimeField(label=_("Starts"), input_formats=[LOCAL_TIME, "%Y-%m-%d %H:%M"],
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_TIME))
    ends_at = forms.DateTimeField(label=_("Ends"), input_formats=[LOCAL_TIME, "%Y-%m-%d %H:%M"],
                                  widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_TIME))
    start_price = forms.CharField(label=_("Starting price (¥)"), max_length=20, widget=forms.TextInput(attrs=PRICE))
    reserve_price = forms.CharField(label=_("Reserve price (¥)"), required=False, max_length=20, help_text=_(
        "Optional. Below it nothing sells; bidders only see whether it is met, never the amount."),
        widget=forms.TextInput(attrs=PRICE))
    buy_now_price = forms.CharField(label=_("Buy-it-now price (¥)"), required=False, max_length=20, help_text=_(
        "Optional, English auctions only: offered until a bid reaches the reserve (or the first bid)."),
        widget=forms.TextInput(attrs=PRICE))
    extension_window = forms.IntegerField(label=_("Anti-sniping window (minutes)"), min_value=0, max_value=1440,
                                          help_text=_("A bid this close to the end moves the end this far."),
                                          widget=forms.NumberInput(attrs=MINUTES))
    extension_cap = forms.IntegerField(label=_("Longest extension (minutes)"), min_value=0, max_value=1440,
                                       help_text=_("The end never moves past the scheduled end plus this."),
                                       widget=forms.NumberInput(attrs=MINUTES))

    def __init__(self, *args: Any, operators: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["operator"].choices = operators  # type: ignore[attr-defined]
        if len(operators) == 1:
            self.fields["operator"].widget = forms.HiddenInput()
        if not self.is_bound:
            now = timezone.now().replace(second=0, microsecond=0)
            self.initial = {"operator": operators[0][0] if operators else None, "format": AuctionFormat.ENGLISH,
                            "starts_at": _local(now), "ends_at": _local(now + dt.timedelta(days=3)),
                            "extension_window": 2, "extension_cap": 30, **self.initial}

    def arguments(self) -> dict[str, Any]:
        """The service's keyword arguments (the listing numbers are resolved by the view)."""
        data = self.cleaned_data
        return {"operator_id": data["operator"], "title": data["title"], "description": data["description"],
                "format": data["format"], "starts_at": data["starts_at"], "ends_at": data["ends_at"],
                "start_price": data["start_price"], "reserve_price": data["reserve_price"],
                "buy_now_price": data["buy_now_price"],
                "extension_window": dt.timedelta(minutes=data["extension_window"]),
                "extension_cap": dt.timedelta(minutes=data["extension_cap"])}


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Why is the auction cancelled?"), max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}))
