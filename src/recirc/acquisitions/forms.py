"""Forms of the register pages. They collect raw input; the services validate (one source of truth).

Service errors are keyed "seller.<field>", "article.<field>", "article.attributes.<key>", ...; `apply_error`
maps them to these forms' flat field names ("seller_<field>", "<field>", "attributes.<key>").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from recirc.accounts.facade import IdDocumentType, VerificationMethod
from recirc.acquisitions.contracts import ArticleInput, PhotoInput, SellerInput
from recirc.acquisitions.models import Condition, PaymentMethod, SellerKind, TransactionType
from recirc.catalog.contracts import AttributeSpec, CategoryRef
from recirc.core.errors import DomainError, ValidationFailed
from recirc.core.http import apply_to_form

NAME_KEYS = frozenset({"brand", "model", "colour"})  # filled from the article's own fields
SELLER_FIELDS = ("legal_name", "document_type", "document_number", "birth_date", "address", "phone",
                 "identity_check_method", "face_matched", "organisation_name", "credit_code", "handler_name",
                 "handler_document_type", "handler_document_number", "proof_of_origin", "ownership_declared",
                 "account_of_origin")
PRIVATE = {"autocomplete": "off", "spellcheck": "false"}


def identifiers_parse(text: str) -> list[tuple[str, str]]:
    """Lines of "kind: value" (also "kind=value" or full-width "："); blank lines skipped. A line without a kind
    is read as an IMEI, the commonest case at the counter; the services normalise and check every value."""
    pairs: list[tuple[str, str]] = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = re.split(r"[:：=]", line, maxsplit=1)
        if len(parts) == 1:
            pairs.append(("imei", parts[0].strip()))
        elif not parts[1].strip():
            raise ValidationFailed(_("Line %(number)s: write one identifier per line as “kind: value”, e.g. "
                                     "“imei: 490154203237518”.") % {"number": number},
                                   code="acquisitions.identifier_line_invalid", field="identifiers")
        else:
            pairs.append((parts[0].strip(), parts[1].strip()))
    return pairs


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"})


def attribute_field(spec: AttributeSpec) -> forms.Field:
    label = f"{spec.display_label} ({spec.unit})" if spec.unit and spec.type != "choice" else spec.display_label
    attrs: dict[str, Any] = {"required": True} if spec.required else {}
    if spec.type in ("choice", "boolean"):
        options: list[tuple[str, Any]] = [("true", _("Yes")), ("false", _("No"))]
        if spec.type == "choice":
            options = [(choice.value, choice.display) for choice in spec.choices]
        return forms.ChoiceField(label=label, required=False, choices=[("", "—"), *options],
                                 widget=forms.Select(attrs=attrs))
    if spec.type in ("integer", "decimal"):
        attrs["inputmode"] = "numeric" if spec.type == "integer" else "decimal"
    return forms.CharField(label=label, required=False, max_length=spec.max_length or 200,
                           widget=forms.TextInput(attrs=attrs))


class SellerFieldsMixin(forms.Form):
    """The seller block: an individual with an identity document, or an organisation with its handler."""

    seller_kind = forms.ChoiceField(label=_("Seller"), choices=SellerKind.choices, initial=SellerKind.INDIVIDUAL,
                                    widget=forms.RadioSelect)
    seller_legal_name = forms.CharField(label=_("Legal name"), required=False, max_length=80,
                                        widget=forms.TextInput(attrs=PRIVATE))
    seller_document_type = forms.ChoiceField(label=_("Identity document"), required=False,
                                             choices=IdDocumentType.choices, initial=IdDocumentType.RESIDENT_ID)
    seller_document_number = forms.CharField(label=_("Document number"), required=False, max_length=40,
                                             widget=forms.TextInput(attrs=PRIVATE))
    seller_birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=_date_input(),
                                        help_text=_("Only for documents whose number does not contain it."))
    seller_address = forms.CharField(label=_("Address"), required=False, max_length=200,
                                     widget=forms.TextInput(attrs=PRIVATE))
    seller_phone = forms.CharField(label=_("Phone"), required=False, max_length=32,
                                   widget=forms.TextInput(attrs={**PRIVATE, "inputmode": "tel"}))
    seller_identity_check_method = forms.ChoiceField(
        label=_("How the identity was checked"), required=False, initial=VerificationMethod.ID_CARD_READER,
        choices=VerificationMethod.choices)
    seller_face_matched = forms.BooleanField(label=_("The face matches the document (人证同一)"), required=False)
    seller_organisation_name = forms.CharField(label=_("Organisation name"), required=False, max_length=120)
    seller_credit_code = forms.CharField(label=_("Unified social credit code"), required=False, max_length=24)
    seller_handler_name = forms.CharField(label=_("Handler's legal name"), required=False, max_length=80,
                                          widget=forms.TextInput(attrs=PRIVATE))
    seller_handler_document_type = forms.ChoiceField(label=_("Handler's identity document"), required=False,
                                                     choices=IdDocumentType.choices,
                                                     initial=IdDocumentType.RESIDENT_ID)
    seller_handler_document_number = forms.CharField(label=_("Handler's document number"), required=False,
                                                     max_length=40, widget=forms.TextInput(attrs=PRIVATE))
    seller_proof_of_origin = forms.CharField(label=_("Proof of origin"), required=False, max_length=1000,
                                             widget=forms.Textarea(attrs={"rows": 2}))
    seller_ownership_declared = forms.BooleanField(
        label=_("The seller declares that they own the item and may sell it"), required=False)
    seller_account_of_origin = forms.CharField(label=_("Seller's account of where the item comes from"),
                                               required=False, max_length=1000,
                                               widget=forms.Textarea(attrs={"rows": 2}))

    def seller_input(self) -> SellerInput:
        data = self.cleaned_data
        values: dict[str, Any] = {name: data.get(f"seller_{name}") for name in SELLER_FIELDS}
        values = {name: "" if value is None and name != "birth_date" else value for name, value in values.items()}
        return SellerInput(kind=data.get("seller_kind") or "", **values)

    def individual_fields(self) -> list[forms.BoundField]:
        return [self[f"seller_{name}"] for name in ("legal_name", "document_type", "document_number", "birth_date",
                                                     "address", "phone")]

    def identity_check_fields(self) -> list[forms.BoundField]:
        """How the identity (of the seller, or of an organisation's handler) was checked."""
        return [self["seller_identity_check_method"], self["seller_face_matched"]]

    def organisation_fields(self) -> list[forms.BoundField]:
        return [self[f"seller_{name}"] for name in ("organisation_name", "credit_code", "handler_name",
                                                     "handler_document_type", "handler_document_number",
                                                     "proof_of_origin")]


class IntakeForm(SellerFieldsMixin):
    transaction_type = forms.ChoiceField(label=_("Transaction"), choices=TransactionType.choices,
                                         initial=TransactionType.PURCHASE)
    outlet_id = forms.TypedChoiceField(label=_("Outlet"), coerce=int)
    recorded_at = forms.DateTimeField(label=_("Acquired at (paper back-entry only)"), required=False,
                                      widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    category = forms.ChoiceField(label=_("Category"))
    title = forms.CharField(label=_("Name of the article"), max_length=160, required=False)
    brand = forms.CharField(label=_("Brand"), max_length=60, required=False)
    model_name = forms.CharField(label=_("Model"), max_length=80, required=False)
    colour = forms.CharField(label=_("Colour"), max_length=40, required=False)
    quantity = forms.IntegerField(label=_("Quantity"), initial=1, min_value=0, required=False,
                                  help_text=_("One entry per article."))
    specification = forms.CharField(label=_("Specification"), max_length=200, required=False)
    condition = forms.ChoiceField(label=_("Condition (新旧程度)"), choices=[("", "—"), *Condition.choices],
                                  required=False)
    distinguishing_features = forms.CharField(label=_("Distinguishing features"), required=False, max_length=1000,
                                              widget=forms.Textarea(attrs={"rows": 2}))
    identifiers = forms.CharField(
        label=_("Identifiers"), required=False, widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        help_text=_("One per line as “kind: value”, e.g. “imei: 490154203237518”. Kinds: imei, meid, serial, mac, "
                    "network_licence."))
    invoice_details = forms.CharField(label=_("Invoice details"), max_length=200, required=False)
    price_paid = forms.CharField(label=_("Price paid (CNY)"), max_length=20, required=False,
                                 widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    payment_method = forms.ChoiceField(label=_("Payment method"), choices=PaymentMethod.choices,
                                       initial=PaymentMethod.CASH)
    payment_reference = forms.CharField(label=_("Payment reference"), max_length=80, required=False)
    photos = forms.CharField(required=False, widget=forms.HiddenInput)  # carries photo errors only

    def __init__(self, *args: Any, category_choices: list[tuple[str, str]], category: CategoryRef | None,
                 outlet_choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Choose a category")), *category_choices]  # type: ignore[attr-defined]
        self.fields["outlet_id"].choices = outlet_choices  # type: ignore[attr-defined]
        if len(outlet_choices) == 1:
            self.fields["outlet_id"].initial = outlet_choices[0][0]
        self.selected_category = category
        for spec in category.schema if category else ():
            if spec.key not in NAME_KEYS:
                self.fields[f"attributes.{spec.key}"] = attribute_field(spec)

    def attribute_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("attributes.")]

    def article_input(self) -> ArticleInput:
        """The article; IdentifierInvalid if the identifier lines are malformed."""
        data = self.cleaned_data
        attributes = {name.split(".", 1)[1]: value for name, value in data.items()
                      if name.startswith("attributes.") and value not in (None, "")}
        return ArticleInput(
            category=int(data["category"]), title=data.get("title", ""), condition=data.get("condition", ""),
            price_paid=data.get("price_paid") or "", brand=data.get("brand", ""), model_name=data.get("model_name", ""),
            colour=data.get("colour", ""), quantity=data["quantity"] if data.get("quantity") is not None else 1,
            specification=data.get("specification", ""),
            distinguishing_features=data.get("distinguishing_features", ""),
            identifiers=tuple(identifiers_parse(data.get("identifiers", ""))), attributes=attributes,
            invoice_details=data.get("invoice_details", ""))


def photo_inputs(files: Any) -> list[PhotoInput]:
    """Uploaded item and document photos (multiple file inputs "item_photos" and "document_photos")."""
    photos: list[PhotoInput] = []
    for field_name, kind in (("item_photos", "item"), ("document_photos", "document")):
        uploads: Iterable[UploadedFile] = files.getlist(field_name)
        photos.extend(PhotoInput(kind=kind, name=upload.name or "photo", content=upload.read()) for upload in uploads)
    return photos


class RegisterFilterForm(forms.Form):
    outlet = forms.TypedChoiceField(label=_("Outlet"), required=False, coerce=int, empty_value=None)
    date_from = forms.DateField(label=_("From"), required=False, widget=_date_input())
    date_to = forms.DateField(label=_("To"), required=False, widget=_date_input())
    transaction_type = forms.ChoiceField(label=_("Transaction"), required=False,
                                         choices=[("", _("All transactions")), *TransactionType.choices])
    category = forms.ChoiceField(label=_("Category"), required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=100, widget=forms.TextInput(
        attrs={"type": "search", "placeholder": _("Name, brand, model, passport code, IMEI or serial")}))

    def __init__(self, *args: Any, outlet_choices: list[tuple[int, str]], category_choices: list[tuple[str, str]],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outlet"].choices = [("", _("All outlets")), *outlet_choices]  # type: ignore[attr-defined]
        self.fields["category"].choices = [("", _("All categories")), *category_choices]  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        return {"outlet": data.get("outlet"), "date_from": data.get("date_from"), "date_to": data.get("date_to"),
                "transaction_type": data.get("transaction_type") or "", "category": data.get("category") or "",
                "query": data.get("q") or ""}


class CorrectionForm(SellerFieldsMixin):
    """The facts that may be corrected, prefilled with the entry's; a changed seller is entered again in full."""

    transaction_type = forms.ChoiceField(label=_("Transaction"), choices=TransactionType.choices)
    recorded_at = forms.DateTimeField(label=_("Acquired at"), widget=forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    title = forms.CharField(label=_("Name of the article"), max_length=160)
    brand = forms.CharField(label=_("Brand"), max_length=60, required=False)
    model_name = forms.CharField(label=_("Model"), max_length=80, required=False)
    colour = forms.CharField(label=_("Colour"), max_length=40, required=False)
    specification = forms.CharField(label=_("Specification"), max_length=200, required=False)
    condition = forms.ChoiceField(label=_("Condition (新旧程度)"), choices=Condition.choices)
    distinguishing_features = forms.CharField(label=_("Distinguishing features"), required=False, max_length=1000,
                                              widget=forms.Textarea(attrs={"rows": 2}))
    invoice_details = forms.CharField(label=_("Invoice details"), max_length=200, required=False)
    price_paid = forms.DecimalField(label=_("Price paid (CNY)"), max_digits=12, decimal_places=2)
    payment_method = forms.ChoiceField(label=_("Payment method"), choices=PaymentMethod.choices)
    payment_reference = forms.CharField(label=_("Payment reference"), max_length=80, required=False)
    correct_seller = forms.BooleanField(label=_("Correct the seller (enter the seller again in full)"),
                                        required=False)
    reason = forms.CharField(label=_("Reason for the correction"), max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}))
    confirm = forms.BooleanField(label=_("I confirm: a new entry is added to the register, linked to this one; the "
                                         "original stays unchanged."))

    ARTICLE_FACTS = ("transaction_type", "recorded_at", "title", "brand", "model_name", "colour", "specification",
                     "condition", "distinguishing_features", "invoice_details", "price_paid", "payment_method",
                     "payment_reference")

    def __init__(self, *args: Any, original: Any, **kwargs: Any) -> None:
        initial = {name: getattr(original, name) for name in self.ARTICLE_FACTS}
        initial["recorded_at"] = original.recorded_at
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.original = original
        self.fields["seller_kind"].initial = original.seller_kind

    def changes(self) -> dict[str, Any]:
        data, changes = self.cleaned_data, {}
        for name in self.ARTICLE_FACTS:
            value = data.get(name)
            current = getattr(self.original, name)
            if name == "recorded_at" and isinstance(value, dt.datetime) and abs(value - current) < dt.timedelta(
                    minutes=1):
                continue
            if value != current:
                changes[name] = value
        if data.get("correct_seller"):
            changes["seller"] = self.seller_input()
        return changes


class IdentifierSearchForm(forms.Form):
    value = forms.CharField(label=_("IMEI, MEID, serial number, MAC address or licence number"), max_length=60)


class IdentitySearchForm(forms.Form):
    document_type = forms.ChoiceField(label=_("Identity document"), choices=IdDocumentType.choices,
                                      initial=IdDocumentType.RESIDENT_ID)
    number = forms.CharField(label=_("Document number"), max_length=40, widget=forms.TextInput(attrs=PRIVATE))
    purpose = forms.CharField(label=_("Purpose of the search (case number)"), max_length=200,
                              help_text=_("Required: the search is logged with its purpose."))


def form_field_name(key: str) -> str:
    if key.startswith("article.attributes."):
        return key.removeprefix("article.")
    if key.startswith("article."):
        return key.removeprefix("article.")
    if key.startswith("seller."):
        return "seller_" + key.removeprefix("seller.")
    if key.startswith("articles."):
        return "__all__"
    return key


def apply_error(form: forms.Form, error: DomainError) -> None:
    """Show a service error on the form, mapping its field keys to the form's field names."""
    if isinstance(error, ValidationFailed) and error.errors:
        remapped: dict[str, list[Any]] = {}
        for key, messages in error.errors.items():
            name = "identifiers" if key.startswith("identifiers") else form_field_name(key)
            remapped.setdefault(name, []).extend(messages)
        error = ValidationFailed(error.message, code=error.code, errors=remapped)
    apply_to_form(form, error)
