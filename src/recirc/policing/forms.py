"""Forms of the police portal. They collect raw input; the services validate (one source of truth)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recirc.core.errors import ValidationFailed
from recirc.policing.models import AlertKind, AlertResolution, AlertStatus, WatchlistKind, WatchlistStatus

CONFIRM = _("I confirm")
LINE = re.compile(r"[:：=]")


def identifier_lines(text: str) -> list[tuple[str, str]]:
    """Lines of "kind: value" into pairs (blank lines skipped); ValidationFailed names a malformed line."""
    pairs = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = LINE.split(line, maxsplit=1)
        if len(parts) != 2 or not parts[1].strip():
            raise ValidationFailed(_("Line %(number)s: write one identifier per line as “kind: value”.")
                                   % {"number": number}, field="identifiers", code="policing.identifier_line_invalid")
        pairs.append((parts[0].strip(), parts[1].strip()))
    return pairs


def end_of(day: dt.date) -> dt.datetime:
    """A hold end chosen as a date: that day at the current time of day (so "30 days" is exactly 30 days)."""
    now = timezone.localtime()
    return timezone.make_aware(dt.datetime.combine(day, now.time().replace(microsecond=0)))


class AlertFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *AlertStatus.choices])
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *AlertKind.choices])
    operator = forms.TypedChoiceField(label=_("Operator"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, operator_choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["operator"].choices = [("", _("All operators")), *operator_choices]  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        return {"status": data.get("status") or "", "kind": data.get("kind") or "", "operator": data.get("operator")}


class AlertCloseForm(forms.Form):
    resolution = forms.ChoiceField(label=_("Outcome"), choices=AlertResolution.choices)
    note = forms.CharField(label=_("Case note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class CaseNoteForm(forms.Form):
    text = forms.CharField(label=_("Case note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Seen by the police only. Do not write identity or phone numbers here."))


class HoldPlaceForm(forms.Form):
    order_number = forms.CharField(label=_("Hold order number"), max_length=80)
    ends_on = forms.DateField(label=_("Hold until"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def ends_at(self) -> dt.datetime:
        return end_of(self.cleaned_data["ends_on"])


class HoldExtendForm(forms.Form):
    ends_on = forms.DateField(label=_("New end"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    confirm = forms.BooleanField(label=CONFIRM)

    def ends_at(self) -> dt.datetime:
        return end_of(self.cleaned_data["ends_on"])


class HoldReleaseForm(forms.Form):
    reason = forms.CharField(label=_("Reason for release"), max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}))
    confirm = forms.BooleanField(label=CONFIRM)


class WatchlistFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100, widget=forms.TextInput(attrs={
        "type": "search", "placeholder": _("Case number, unit, brand, model or identifier")}))
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("active", _("Active")), ("withdrawn", _("Withdrawn")), ("all", _("All"))])
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *WatchlistKind.choices])

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or WatchlistStatus.ACTIVE
        return {"query": data.get("q") or "", "status": "" if status == "all" else status,
                "kind": data.get("kind") or ""}


class WatchlistEntryForm(forms.Form):
    case_number = forms.CharField(label=_("Case number"), max_length=64)
    reporting_unit = forms.CharField(label=_("Reporting unit"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=WatchlistKind.choices)
    category_code = forms.ChoiceField(label=_("Category"), required=False)
    brand = forms.CharField(label=_("Brand"), max_length=60, required=False)
    model_name = forms.CharField(label=_("Model"), max_length=80, required=False)
    colour = forms.CharField(label=_("Colour"), max_length=40, required=False)
    description = forms.CharField(label=_("Distinguishing features"), max_length=2000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}), help_text=_(
                                      "Engravings, stickers, damage, cases: what sets this article apart. "
                                      "Separate facts with commas."))
    identifiers = forms.CharField(label=_("Identifiers"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text=_("One per line as “kind: value”, e.g. “imei: 490154203237518”. "
                                              "Kinds: imei, meid, serial, mac."))

    def __init__(self, *args: Any, category_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category_code"].choices = [("", _("Any category")), *category_choices]  # type: ignore[attr-defined]


class WatchlistImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"), help_text=_("One article per row; download the template."))


class WatchlistWithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason for withdrawal"), max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}))
    confirm = forms.BooleanField(label=CONFIRM)


class WatchlistPhotoForm(forms.Form):
    """Photos from the case file; the files themselves are read from request.FILES ("photos", several)."""

    caption = forms.CharField(label=_("Caption"), max_length=120, required=False,
                              help_text=_("Optional, e.g. “back cover with the engraving”."))
