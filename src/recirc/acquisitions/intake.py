"""Validation of an intake, all of it before anything is written: every problem is reported at once, keyed by
field ("seller.document_number", "article.identifiers", "article.attributes.storage_gb", "outlet_id", ...).

Nothing here writes. The cleaned values are plain (the seller's name and number); services.py sends them to
the vault and keeps only tokens and masks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import phonenumbers
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumValidationError

from recirc.accounts.facade import IdDocumentType, VerificationMethod, age_on, identity_document_check
from recirc.acquisitions import policy
from recirc.acquisitions.contracts import ArticleInput, SellerInput
from recirc.acquisitions.errors import IntakeInvalid
from recirc.acquisitions.models import Condition, PaymentMethod, SellerKind, TransactionType
from recirc.catalog.contracts import CategoryRef
from recirc.catalog.facade import attributes_validate, category_get
from recirc.core.errors import NotFound, ValidationFailed
from recirc.core.money import money_non_negative
from recirc.items.facade import identifier_normalise
from recirc.privacy.facade import PiiKind

HARDWARE_KINDS = frozenset({"imei", "meid", "serial", "mac"})
CLOCK_SKEW = dt.timedelta(minutes=5)
DOCUMENT_PII_KIND = {IdDocumentType.RESIDENT_ID: PiiKind.RESIDENT_ID, IdDocumentType.PASSPORT: PiiKind.PASSPORT}


def document_pii_kind(document_type: str) -> str:
    """The vault kind of a document number (pseudonyms are computed under the same kind)."""
    return str(DOCUMENT_PII_KIND.get(document_type, PiiKind.OTHER_ID))  # type: ignore[call-overload]


class Problems:
    """Collects field errors; `raise_if_any` raises one ValidationFailed naming them all."""

    def __init__(self) -> None:
        self.errors: dict[str, list[Any]] = {}
        self.codes: list[str] = []

    def add(self, field_name: str, message: Any, code: str) -> None:
        self.errors.setdefault(field_name, []).append(message)
        self.codes.append(code)

    def absorb(self, error: ValidationFailed, rename: Any) -> None:
        """Take over another context's error, renaming its field keys with `rename(key) -> key`."""
        for key, messages in (error.errors or {(error.field or "__all__"): [error.text()]}).items():
            for message in messages:
                self.add(rename(key), message, error.code)

    def raise_if_any(self) -> None:
        if not self.errors:
            return
        codes = set(self.codes)
        raise IntakeInvalid(code=self.codes[0] if len(codes) == 1 else IntakeInvalid.code, errors=self.errors)


def text(problems: Problems, field_name: str, value: Any, *, max_length: int, required: bool = False) -> str:
    cleaned = " ".join(str(value or "").split()) if max_length <= 200 else str(value or "").strip()
    if required and not cleaned:
        problems.add(field_name, _("This field is required."), "acquisitions.required")
    elif len(cleaned) > max_length:
        problems.add(field_name, _("Use at most %(count)s characters.") % {"count": max_length},
                     "acquisitions.too_long")
    return cleaned


@dataclass(frozen=True)
class CleanDocument:
    document_type: str
    pii_kind: str
    number: str
    birth_date: dt.date | None


@dataclass(frozen=True)
class CleanSeller:
    kind: str
    ownership_declared: bool
    account_of_origin: str
    legal_name: str = ""
    document: CleanDocument | None = None
    address: str = ""
    phone: str = ""
    birth_year: int | None = None
    age: int | None = None
    identity_check_method: str = ""
    face_matched: bool = False
    organisation_name: str = ""
    credit_code: str = ""
    handler_name: str = ""
    handler_document: CleanDocument | None = None
    proof_of_origin: str = ""


@dataclass(frozen=True)
class CleanArticle:
    category: CategoryRef
    title: str
    brand: str
    model_name: str
    colour: str
    specification: str
    condition: str
    distinguishing_features: str
    identifiers: tuple[tuple[str, str], ...]
    attributes: dict[str, Any] = field(hash=False, compare=False)
    invoice_details: str
    price_paid: Decimal


def clean_document(problems: Problems, field_name: str, document_type: str, number: str) -> CleanDocument | None:
    if document_type not in IdDocumentType.values:
        problems.add(field_name.replace("number", "type"), _("Choose the type of identity document."),
                     "acquisitions.document_type")
        return None
    try:
        checked = identity_document_check(document_type, number)
    except ValidationFailed as error:
        problems.absorb(error, lambda _key: field_name)
        return None
    return CleanDocument(document_type=document_type, pii_kind=document_pii_kind(document_type),
                         number=checked.number, birth_date=checked.birth_date)


def clean_phone(problems: Problems, value: str) -> str:
    phone = (value or "").strip()
    if not phone:
        return ""
    try:
        parsed = phonenumbers.parse(phone, "CN")
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_possible_number(parsed):
        problems.add("seller.phone", _("Enter a valid phone number, such as 138 1234 5678."),
                     "acquisitions.phone_invalid")
    return phone


def clean_credit_code(problems: Problems, value: str) -> str:
    try:
        return str(uscc.validate(value or ""))
    except InvalidChecksum:
        problems.add("seller.credit_code", _("The check digit (the last character) of this unified social credit "
                                             "code is wrong."), "acquisitions.credit_code_checksum")
    except StdnumValidationError:
        problems.add("seller.credit_code", _("A unified social credit code has 18 digits or capital letters."),
                     "acquisitions.credit_code_invalid")
    return ""


def _identity_required(problems: Problems, category: CategoryRef | None, price: Decimal | None,
                       field_name: str) -> bool:
    """True when the document may be left out (low-value exemption); otherwise records the refusal."""
    threshold = policy.low_value_exemption_yuan()
    exempt = (category is not None and not category.high_risk and threshold > 0 and price is not None
              and price <= threshold)
    if not exempt:
        message = (_("No acquisition of this category without a checked identity document (no low-value "
                     "exemption): enter the seller's document number.") if category is not None and category.high_risk
                   else _("No acquisition without a checked identity document: enter the seller's document number."))
        problems.add(field_name, message, "acquisitions.identity_required")
    return exempt


def _check_method(problems: Problems, seller: SellerInput) -> str:
    if seller.identity_check_method not in VerificationMethod.values:
        problems.add("seller.identity_check_method", _("Say how the identity was checked."),
                     "acquisitions.check_method_required")
    elif seller.identity_check_method == VerificationMethod.ONLINE_FACE_MATCH and not seller.face_matched:
        problems.add("seller.face_matched", _("The online face match must succeed before the acquisition."),
                     "acquisitions.face_not_matched")
    return seller.identity_check_method


def _age(problems: Problems, birth_date: dt.date | None, on_day: dt.date) -> int | None:
    if birth_date is None:
        return None
    age = age_on(birth_date, on_day)
    if policy.refuse_minors() and age < policy.minimum_seller_age():
        problems.add("seller.document_number", _("Sellers must be at least %(age)s years old.")
                     % {"age": policy.minimum_seller_age()}, "acquisitions.seller_too_young")
    return age


def _clean_individual(problems: Problems, seller: SellerInput, category: CategoryRef | None,
                      price: Decimal | None, on_day: dt.date) -> dict[str, Any]:
    if not (seller.document_number or "").strip():
        _identity_required(problems, category, price, "seller.document_number")
        return {"legal_name": text(problems, "seller.legal_name", seller.legal_name, max_length=80),
                "address": text(problems, "seller.address", seller.address, max_length=200),
                "phone": clean_phone(problems, seller.phone)}
    document = clean_document(problems, "seller.document_number", seller.document_type, seller.document_number)
    birth_date = (document.birth_date if document else None) or seller.birth_date
    if document is not None and birth_date is None:
        problems.add("seller.birth_date", _("Enter the date of birth shown on the document."),
                     "acquisitions.birth_date_required")
    return {
        "legal_name": text(problems, "seller.legal_name", seller.legal_name, max_length=80, required=True),
        "document": document,
        "address": text(problems, "seller.address", seller.address, max_length=200, required=True),
        "phone": clean_phone(problems, seller.phone),
        "birth_year": birth_date.year if birth_date else None, "age": _age(problems, birth_date, on_day),
        "identity_check_method": _check_method(problems, seller), "face_matched": bool(seller.face_matched),
    }


def _clean_organisation(problems: Problems, seller: SellerInput) -> dict[str, Any]:
    handler_document = None
    if not (seller.handler_document_number or "").strip():
        problems.add("seller.handler_document_number", _("Enter the handler's identity document number."),
                     "acquisitions.identity_required")
    else:
        handler_document = clean_document(problems, "seller.handler_document_number", seller.handler_document_type,
                                          seller.handler_document_number)
    return {
        "organisation_name": text(problems, "seller.organisation_name", seller.organisation_name, max_length=120,
                                  required=True),
        "credit_code": clean_credit_code(problems, seller.credit_code),
        "handler_name": text(problems, "seller.handler_name", seller.handler_name, max_length=80, required=True),
        "handler_document": handler_document,
        "proof_of_origin": text(problems, "seller.proof_of_origin", seller.proof_of_origin, max_length=1000,
                                required=True),
        "identity_check_method": _check_method(problems, seller), "face_matched": bool(seller.face_matched),
    }


def clean_seller(problems: Problems, seller: SellerInput, *, category: CategoryRef | None, price: Decimal | None,
                 on_day: dt.date, transaction_type: str) -> CleanSeller:
    if not seller.ownership_declared:
        problems.add("seller.ownership_declared", _("The seller must declare that they own the item."),
                     "acquisitions.ownership_not_declared")
    account = text(problems, "seller.account_of_origin", seller.account_of_origin, max_length=1000)
    common: dict[str, Any] = {"kind": seller.kind, "ownership_declared": bool(seller.ownership_declared),
              "account_of_origin": account}
    if seller.kind == SellerKind.INDIVIDUAL:
        if transaction_type == TransactionType.BULK_PURCHASE:
            problems.add("seller.kind", _("A bulk purchase is made from an organisation."),
                         "acquisitions.bulk_needs_organisation")
        return CleanSeller(**common, **_clean_individual(problems, seller, category, price, on_day))
    if seller.kind == SellerKind.ORGANISATION:
        return CleanSeller(**common, **_clean_organisation(problems, seller))
    problems.add("seller.kind", _("Choose whether the seller is an individual or an organisation."),
                 "acquisitions.seller_kind")
    return CleanSeller(**common)


def clean_category(problems: Problems, category: int | str, field_name: str) -> CategoryRef | None:
    try:
        found = category_get(category)
    except NotFound:
        found = None
    if found is None or not found.is_active or not found.is_leaf:
        problems.add(field_name, _("Choose a specific, active category."), "acquisitions.category")
        return None
    return found


def clean_identifiers(problems: Problems, pairs: Iterable[tuple[str, str]], category: CategoryRef | None,
                      field_name: str) -> tuple[tuple[str, str], ...]:
    cleaned: list[tuple[str, str]] = []
    for kind, value in pairs:
        try:
            pair = identifier_normalise(kind, value)
        except ValidationFailed as error:
            problems.absorb(error, lambda _key: field_name)
            continue
        if pair not in cleaned:
            cleaned.append(pair)
    if category is not None and category.requires_hardware_identifier and field_name not in problems.errors \
            and not any(kind in HARDWARE_KINDS for kind, _value in cleaned):
        problems.add(field_name, _("Phones, tablets and computers need at least one hardware identifier (IMEI, "
                                   "MEID, serial number or MAC address)."), "acquisitions.hardware_identifier_required")
    return tuple(cleaned)


def clean_attributes(problems: Problems, category: CategoryRef, article: ArticleInput, names: Mapping[str, str],
                     prefix: str) -> dict[str, Any]:
    merged = dict(article.attributes or {})
    for key, value in names.items():
        if category.spec(key) and value and not merged.get(key):
            merged[key] = value
    try:
        return attributes_validate(category, merged)
    except ValidationFailed as error:
        problems.absorb(error, lambda key: f"{prefix}{key}")
        return {}


def clean_quantity(problems: Problems, quantity: Any, field_name: str, *, bulk_from_organisation: bool) -> None:
    try:
        count = int(quantity)
    except (TypeError, ValueError):
        count = 0
    if count == 1:
        return
    if count < 1:
        problems.add(field_name, _("The quantity is 1: one entry per article."), "acquisitions.quantity_invalid")
    elif bulk_from_organisation:
        problems.add(field_name, _("One entry per article, never lumped: use the bulk purchase intake, which records "
                                   "each of the %(count)s articles as an entry of its own.") % {"count": count},
                     "acquisitions.lumped")
    else:
        problems.add(field_name, _("One entry per article, never lumped: record each of the %(count)s articles "
                                   "separately.") % {"count": count}, "acquisitions.lumped")


def clean_price(problems: Problems, value: Any, field_name: str) -> Decimal | None:
    try:
        return money_non_negative(value, field=field_name)
    except ValidationFailed as error:
        problems.absorb(error, lambda _key: field_name)
        return None


def clean_article(problems: Problems, article: ArticleInput, *, prefix: str = "article.",
                  bulk_from_organisation: bool = False) -> CleanArticle | None:
    category = clean_category(problems, article.category, f"{prefix}category")
    clean_quantity(problems, article.quantity, f"{prefix}quantity", bulk_from_organisation=bulk_from_organisation)
    if article.condition not in Condition.values:
        problems.add(f"{prefix}condition", _("Choose the condition (新旧程度)."), "acquisitions.condition")
    values = {name: text(problems, f"{prefix}{name}", getattr(article, name), max_length=length)
              for name, length in (("brand", 60), ("model_name", 80), ("colour", 40), ("specification", 200),
                                   ("distinguishing_features", 1000), ("invoice_details", 200))}
    title = text(problems, f"{prefix}title", article.title, max_length=160, required=True)
    price = clean_price(problems, article.price_paid, f"{prefix}price_paid")
    identifiers = clean_identifiers(problems, article.identifiers, category, f"{prefix}identifiers")
    if category is None or price is None:
        return None
    names = {"brand": values["brand"], "model": values["model_name"], "colour": values["colour"]}
    attributes = clean_attributes(problems, category, article, names, f"{prefix}attributes.")
    return CleanArticle(category=category, title=title, condition=article.condition, identifiers=identifiers,
                        attributes=attributes, price_paid=price, **values)


def clean_payment(problems: Problems, *, transaction_type: str, method: str, reference: str,
                  price: Decimal | None, price_field: str = "article.price_paid") -> str:
    if transaction_type not in TransactionType.values:
        problems.add("transaction_type", _("Choose the transaction type."), "acquisitions.transaction_type")
    if method not in PaymentMethod.values:
        problems.add("payment_method", _("Choose the payment method."), "acquisitions.payment_method")
    elif price is not None and price > 0 and method == PaymentMethod.NONE:
        problems.add("payment_method", _("Say how the price was paid."), "acquisitions.payment_method")
    if transaction_type == TransactionType.DONATION and price is not None and price != 0:
        problems.add(price_field, _("A donation is recorded with a price of 0."), "acquisitions.donation_price")
    return text(problems, "payment_reference", reference, max_length=80)


def clean_recorded_at(problems: Problems, recorded_at: dt.datetime | None, now: dt.datetime) -> dt.datetime:
    """Entry time: now, or earlier for a paper back-entry within the policy window; never in the future."""
    if recorded_at is None:
        return now
    if timezone.is_naive(recorded_at):
        recorded_at = timezone.make_aware(recorded_at)
    hours = policy.back_entry_hours()
    if recorded_at > now + CLOCK_SKEW:
        problems.add("recorded_at", _("The time of acquisition cannot be in the future."),
                     "acquisitions.recorded_in_future")
    elif recorded_at < now - dt.timedelta(hours=hours):
        problems.add("recorded_at", _("Paper entries may be entered at most %(hours)s hours after the acquisition.")
                     % {"hours": hours}, "acquisitions.back_entry_too_late")
    return recorded_at
