"""Forms of the rules pages. They collect raw input; the services validate and their errors come back here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recirc.moderation.models import RulesState


class RulesForm(forms.Form):
    title_zh = forms.CharField(label=_("Title (Chinese)"), required=False, max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), required=False, max_length=200)
    summary_zh = forms.CharField(label=_("Summary of changes (Chinese)"), required=False, max_length=4000,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    summary_en = forms.CharField(label=_("Summary of changes (English)"), required=False, max_length=4000,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    body_zh = forms.CharField(label=_("Text (Chinese, Markdown)"), required=False, max_length=100_000,
                              widget=forms.Textarea(attrs={"rows": 18, "class": "mono"}))
    body_en = forms.CharField(label=_("Text (English, Markdown)"), required=False, max_length=100_000,
                              widget=forms.Textarea(attrs={"rows": 18, "class": "mono"}))


class ConsultationForm(forms.Form):
    ends_at = forms.CharField(label=_("Consultation ends on"), required=False, max_length=20,
                              widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, days: int = 7, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ends_at"].initial = (timezone.localdate() + dt.timedelta(days=days + 1)).isoformat()


class PublishForm(forms.Form):
    effective_from = forms.CharField(label=_("In force from"), required=False, max_length=20,
                                     widget=forms.DateInput(attrs={"type": "date"}))
    confirm = forms.BooleanField(label=_("Publish this version now: its text can no longer change"))

    def __init__(self, *args: Any, days: int = 7, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["effective_from"].initial = (timezone.localdate() + dt.timedelta(days=days + 1)).isoformat()


class ReviseForm(forms.Form):
    confirm = forms.BooleanField(label=_("End the consultation and return this version to draft"))


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Your comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))


class ModerateForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[("approve", _("Show")), ("reject", _("Do not show"))],
                                 widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason (required when not shown)"), required=False, max_length=300)


class RulesFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", _("All states")), *RulesState.choices])
