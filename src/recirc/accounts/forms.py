"""Forms of the accounts pages: parse input only; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from recirc.accounts.models import IdDocumentType

EXPIRY_CHOICES = [("", _("Never")), ("30", _("30 days")), ("90", _("90 days")), ("365", _("1 year"))]


class RealNameVerificationForm(forms.Form):
    document_type = forms.ChoiceField(label=_("Document"), choices=IdDocumentType.choices,
                                      initial=IdDocumentType.RESIDENT_ID)
    id_number = forms.CharField(label=_("Document number"), max_length=40, strip=True,
                                widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false",
                                                              "autocapitalize": "characters"}))
    legal_name = forms.CharField(label=_("Legal name, as on the document"), max_length=80, strip=True,
                                 widget=forms.TextInput(attrs={"autocomplete": "name"}))
    birth_date = forms.DateField(label=_("Date of birth"), required=False,
                                 help_text=_("Only for documents other than the resident identity card."),
                                 widget=forms.DateInput(attrs={"type": "date"}))
    face_matched = forms.BooleanField(label=_("I completed the face check and it matched the document photo"),
                                      required=False)
    consent = forms.BooleanField(label=_("I agree that Recirc processes my identity document number and name "
                                         "for real-name verification, as described above"), required=False)


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80, strip=True,
                           help_text=_("What the token is for, such as \"shop till\" or \"stock sync\"."))
    expires_in_days = forms.TypedChoiceField(label=_("Expires"), choices=EXPIRY_CHOICES, coerce=int,
                                             empty_value=None, required=False)
