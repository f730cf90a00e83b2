"""Forms of the review queue pages. They collect raw input; the services validate and their errors come back
here (core.http.apply_to_form)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from recirc.moderation.models import ReviewKind


class QueueFilterForm(forms.Form):
    q = forms.CharField(label=_("Listing number"), required=False, max_length=40,
                        widget=forms.TextInput(attrs={"placeholder": "L261201-7K3QF", "autocomplete": "off"}))
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *ReviewKind.choices])
    category = forms.ChoiceField(label=_("Reason category"), required=False)

    def __init__(self, *args: Any, categories: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["category"]).choices = [("", _("All reason categories")), *categories]

    def filters(self) -> dict[str, str]:
        if not self.is_bound or not self.is_valid():
            return {"kind": "", "category": "", "query": ""}
        data = self.cleaned_data
        return {"kind": data["kind"], "category": data["category"], "query": data["q"]}


class TakeDownForm(forms.Form):
    category = forms.ChoiceField(label=_("Category of the prohibited-goods taxonomy"), required=False)
    reason = forms.CharField(label=_("Reason shown to the seller"), required=False, max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Say what in the listing breaks which rule; the seller reads this "
                                         "and may appeal once."))

    def __init__(self, *args: Any, categories: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["category"]).choices = [("", _("Choose a reason category")), *categories]


class AppealForm(forms.Form):
    statement = forms.CharField(label=_("Your statement"), required=False, max_length=2000,
                                widget=forms.Textarea(attrs={"rows": 4}),
                                help_text=_("Explain why the listing should be reinstated. You can appeal once; "
                                            "another moderator decides."))


class AppealDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect,
                                 choices=[("uphold", _("Uphold the takedown")),
                                          ("grant", _("Grant the appeal and reinstate the listing"))])
    answer = forms.CharField(label=_("Answer to the seller"), required=False, max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class LiftForm(forms.Form):
    reason = forms.CharField(label=_("Reason for lifting"), required=False, max_length=1000)
