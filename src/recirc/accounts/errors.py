"""Errors of the accounts context, with stable codes. Messages never repeat the identity number."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from recirc.core.errors import NotFound, PermissionDenied, ValidationFailed

ID_NUMBER = "id_number"


class InvalidIdNumber(ValidationFailed):
    """The identity document number failed a check; the error sits on the `id_number` field."""

    code = "accounts.id_number_invalid"
    default_message = _("This identity document number is not valid.")

    def __init__(self, message: object = None, *, code: str | None = None, params: dict | None = None) -> None:
        super().__init__(message, code=code, field=ID_NUMBER, params=params)


def id_number_format_error() -> InvalidIdNumber:
    return InvalidIdNumber(_("A resident identity number has 18 characters: 17 digits, then a digit or X."),
                           code="accounts.id_number_format")


def id_check_digit_error() -> InvalidIdNumber:
    return InvalidIdNumber(_("The check digit (the last character) of this identity number is wrong. "
                             "Compare the number with the card."), code="accounts.id_check_digit")


def id_birth_date_error() -> InvalidIdNumber:
    return InvalidIdNumber(_("The birth date in this identity number (characters 7 to 14) is not a valid date."),
                           code="accounts.id_birth_date")


def id_region_error() -> InvalidIdNumber:
    return InvalidIdNumber(_("The region code of this identity number (its first 6 digits) is not a known region "
                             "for the year of birth."), code="accounts.id_region")


def document_format_error() -> InvalidIdNumber:
    return InvalidIdNumber(_("This document number does not have the format of the chosen document type."),
                           code="accounts.document_number_format")


def too_young_error(minimum_age: int) -> InvalidIdNumber:
    return InvalidIdNumber(_("Sellers must be at least %(age)s years old."), code="accounts.too_young",
                           params={"age": minimum_age})


class OnlyConsumers(PermissionDenied):
    code = "accounts.only_consumers"
    default_message = _("Real-name verification is for consumer accounts.")


class NotAVerifier(PermissionDenied):
    code = "accounts.not_a_verifier"
    default_message = _("Only platform moderators and administrators may verify another person's identity.")


class ApiTokenNotFound(NotFound):
    code = "accounts.token_not_found"
    default_message = _("There is no such API token.")
