"""Errors of the PII vault. None of them ever carries a plain personal value."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from recirc.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed


class PiiNotFound(NotFound):
    code = "privacy.not_found"
    default_message = _("No personal information is stored under this token.")


class PiiErased(DomainError):
    code = "privacy.erased"
    status = 410
    default_message = _("This personal information has been erased and can no longer be revealed.")


class RevealNeedsActor(PermissionDenied):
    code = "privacy.actor_required"
    default_message = _("Personal information can only be revealed to a signed-in person.")


class InvalidPurpose(ValidationFailed):
    code = "privacy.invalid_purpose"
    default_message = _("Choose one of the allowed purposes for revealing personal information.")


class InvalidPiiValue(ValidationFailed):
    code = "privacy.invalid_value"
    default_message = _("This value cannot be stored.")


class VaultKeyUnknown(DomainError):
    """The record was sealed under a key that is no longer configured."""

    code = "privacy.key_unknown"
    status = 500
    default_message = _("The encryption key %(key_id)s is not configured.")


class VaultTampered(DomainError):
    """Authentication of the ciphertext failed: it, its nonce, token or kind was changed."""

    code = "privacy.tampered"
    status = 500
    default_message = _("The stored value failed its integrity check.")
