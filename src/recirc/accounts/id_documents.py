"""Checks of identity document numbers. Resident identity numbers follow GB 11643 via python-stdnum's cn.ric."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from django.utils import timezone
from stdnum.cn import ric
from stdnum.exceptions import ValidationError as StdnumValidationError

from recirc.accounts.errors import (
    document_format_error,
    id_birth_date_error,
    id_check_digit_error,
    id_number_format_error,
    id_region_error,
    too_young_error,
)
from recirc.accounts.models import IdDocumentType

_SEPARATORS = re.compile(r"[\s\-‐‑–—.]+")
_RESIDENT_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")
# Basic shapes only: the issuing authorities publish no check digit for these documents.
_DOCUMENT_SHAPES: dict[str, tuple[re.Pattern[str], ...]] = {
    IdDocumentType.PASSPORT: (re.compile(r"^[A-Z0-9]{5,17}$"),),
    IdDocumentType.HK_MACAO_PERMIT: (re.compile(r"^[HM]\d{8}(\d{2})?$"),),
    IdDocumentType.TAIWAN_PERMIT: (re.compile(r"^\d{8}(\d{2})?$"),),
    # Old 15-character card (3 letters, 12 digits) and the 2023 18-digit card starting with 9.
    IdDocumentType.FOREIGNER_PERMIT: (re.compile(r"^[A-Z]{3}\d{12}$"), re.compile(r"^9\d{16}[\dX]$")),
}


@dataclass(frozen=True)
class CheckedDocument:
    """A document number that passed its checks, in canonical form, with what it tells about the holder."""

    number: str
    birth_date: dt.date | None
    region_code: str


def compact_number(value: str) -> str:
    """Full-width characters folded, spaces and dashes removed, upper case."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", value or "")).upper()


def check_resident_id(value: str) -> CheckedDocument:
    """Length and shape, check digit, birth date, then the region code known for the birth year."""
    number = compact_number(value)
    if not _RESIDENT_ID_SHAPE.match(number):
        raise id_number_format_error()
    if number[-1] != ric.calc_check_digit(number):
        raise id_check_digit_error()
    try:
        birth_date = ric.get_birth_date(number)
    except StdnumValidationError:
        raise id_birth_date_error() from None
    if birth_date > timezone.localdate():
        raise id_birth_date_error()
    try:
        ric.get_birth_place(number)
    except (StdnumValidationError, KeyError):
        # stdnum raises KeyError when the province is known but the county is not.
        raise id_region_error() from None
    return CheckedDocument(number=number, birth_date=birth_date, region_code=number[:6])


def check_other_document(document_type: str, value: str) -> CheckedDocument:
    number = compact_number(value)
    shapes = _DOCUMENT_SHAPES.get(document_type, ())
    if not any(shape.match(number) for shape in shapes):
        raise document_format_error()
    if document_type == IdDocumentType.FOREIGNER_PERMIT and len(number) == 18 \
            and number[-1] != ric.calc_check_digit(number):
        # The 2023 card uses the same ISO 7064 MOD 11-2 check digit as resident identity numbers.
        raise id_check_digit_error()
    return CheckedDocument(number=number, birth_date=None, region_code="")


def check_document(document_type: str, value: str) -> CheckedDocument:
    if document_type == IdDocumentType.RESIDENT_ID:
        return check_resident_id(value)
    return check_other_document(document_type, value)


def age_on(birth_date: dt.date, day: dt.date) -> int:
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


def check_minimum_age(birth_date: dt.date | None, minimum_age: int) -> None:
    """Refuse holders younger than the policy minimum; documents without a birth date are checked by staff."""
    if birth_date is not None and age_on(birth_date, timezone.localdate()) < minimum_age:
        raise too_young_error(minimum_age)
