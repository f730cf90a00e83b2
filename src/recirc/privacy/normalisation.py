"""Canonical forms of personal values, so that one person's value matches however it was typed."""

from __future__ import annotations

import re
import unicodedata

import phonenumbers
from django.utils.translation import gettext_lazy as _

from recirc.privacy.errors import InvalidPiiValue
from recirc.privacy.models import PiiKind

DOCUMENT_KINDS = frozenset({PiiKind.RESIDENT_ID, PiiKind.PASSPORT, PiiKind.OTHER_ID})
# Photos are stored opaque (a storage reference or encoded bytes); they have no blind index.
UNINDEXED_KINDS = frozenset({PiiKind.ID_PHOTO, PiiKind.FACE_PHOTO})
PHONE_REGION = "CN"
_SPACES = re.compile(r"\s+")
_DOCUMENT_SEPARATORS = re.compile(r"[\s\-‐‑–—.]+")


def normalise_document_number(value: str) -> str:
    """Identity and document numbers: NFKC (full-width digits), upper case, no spaces or dashes."""
    return _DOCUMENT_SEPARATORS.sub("", unicodedata.normalize("NFKC", value)).upper()


def normalise_phone(value: str) -> str:
    """E.164, reading numbers without a country code as mainland China numbers."""
    try:
        number = phonenumbers.parse(unicodedata.normalize("NFKC", value), PHONE_REGION)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        raise InvalidPiiValue(_("Enter a valid phone number, such as 138 1234 5678."), field="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_text(value: str) -> str:
    """Names, addresses and other text: NFKC, surrounding space stripped, inner runs of space collapsed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", value)).strip()


def normalise(kind: str, value: str) -> str:
    if kind in DOCUMENT_KINDS:
        return normalise_document_number(value)
    if kind == PiiKind.PHONE:
        return normalise_phone(value)
    if kind in UNINDEXED_KINDS:
        return value
    return normalise_text(value)
