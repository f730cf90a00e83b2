"""Forms of the trade pages: thin; the services validate. Every money-moving form carries a hidden idempotency
key drawn when the form is shown, so a double click or a resubmitted page never moves money twice."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from recirc.trade.models import Fulfilment, OrderState, PaymentMethod


def new_key() -> str:
    return secrets.token_urlsafe(18)


class KeyedForm(forms.Form):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=80)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", new_key())


class CheckoutForm(KeyedForm):
    fulfilment = forms.ChoiceField(label=_("How you receive it"), widget=forms.RadioSelect,
                                   choices=[(Fulfilment.SHIPPING, _("Ship it to me")),
                                            (Fulfilment.PICKUP, _("I collect it (pickup code)"))],
                                   initial=Fulfilment.SHIPPING)
    address = forms.CharField(label=_("Shipping address"), required=False, max_length=300,
                              widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "street-address"}),
                              help_text=_("Kept encrypted in the privacy vault; the seller sees it only to ship."))
    inspection = forms.BooleanField(label=_("Platform inspection (验货) for items from individual sellers"),
                                    required=False,
                                    help_text=_("The item goes to the platform's inspectors first; if it is not as "
                                                "described you get your money back."))


class ShipForm(forms.Form):
    carrier = forms.CharField(label=_("Carrier"), max_length=40)
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=40)


class InspectionPassForm(ShipForm):
    note = forms.CharField(label=_("Inspection notes"), required=False, max_length=500)


class InspectionFailForm(forms.Form):
    note = forms.CharField(label=_("What the inspection found"), max_length=500,
                           widget=forms.Textarea(attrs={"rows": 2}))


class PickupForm(forms.Form):
    pickup_code = forms.CharField(label=_("Buyer's pickup code"), max_length=8,
                                  widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))


class RefundForm(KeyedForm):
    amount = forms.DecimalField(label=_("Amount (CNY)"), max_digits=12, decimal_places=2, min_value=0)
    reason = forms.CharField(label=_("Reason"), max_length=500)


class OrderFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=60,
                        widget=forms.TextInput(attrs={"placeholder": _("Order number, title or item code")}))
    state = forms.ChoiceField(label=_("State"), required=False,
                              choices=[("", _("Any")), ("open", _("Open (not finished)")), *OrderState.choices])

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {"state": "", "query": ""}
        return {"state": self.cleaned_data["state"], "query": self.cleaned_data["q"]}


class PosLookupForm(forms.Form):
    item_code = forms.CharField(label=_("Item code"), max_length=24, widget=forms.TextInput(attrs={
        "autofocus": True, "autocomplete": "off", "autocapitalize": "characters", "enterkeyhint": "search",
        "placeholder": _("Scan or type the passport code")}))


class PosSaleForm(KeyedForm):
    listing_id = forms.IntegerField(widget=forms.HiddenInput)
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    method = forms.ChoiceField(label=_("Payment"), widget=forms.RadioSelect, initial=PaymentMethod.CASH,
                               choices=[(PaymentMethod.CASH, _("Cash")), (PaymentMethod.CARD, _("Bank card")),
                                        (PaymentMethod.QR, _("QR code (Alipay / WeChat Pay terminal)"))])
    buyer_username = forms.CharField(label=_("Registered buyer (username, optional)"), required=False,
                                     max_length=150, help_text=_("Leave empty for a walk-in buyer: the warranty "
                                                                 "then rides on the receipt code."))
    stall_code = forms.CharField(label=_("Stall number (market vendors)"), required=False, max_length=20)
