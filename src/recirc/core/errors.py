"""Domain errors with stable codes. Turned into HTTP in core.http and into form errors in core.forms."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule of the domain refused the request; `code` is stable, `message` is translated."""

    code = "core.error"
    status = 400
    default_message: Any = _("The request could not be completed.")

    def __init__(self, message: Any = None, *, code: str | None = None, field: str | None = None,
                 params: Mapping[str, Any] | None = None) -> None:
        self.message = message if message is not None else self.default_message
        if code is not None:
            self.code = code
        self.field = field
        self.params = dict(params or {})
        super().__init__(self.code)

    def text(self) -> str:
        return str(self.message) % self.params if self.params else str(self.message)

    def __str__(self) -> str:
        return f"{self.code}: {self.text()}"


class ValidationFailed(DomainError):
    """Input broke a rule. `errors` maps field names to translated messages."""

    code = "core.invalid"
    status = 422
    default_message = _("Some fields are not valid.")

    def __init__(self, message: Any = None, *, code: str | None = None, field: str | None = None,
                 errors: Mapping[str, list[Any]] | None = None, params: Mapping[str, Any] | None = None) -> None:
        super().__init__(message, code=code, field=field, params=params)
        # Messages stay lazy: they are rendered in the language of the response, not of the raise.
        self.errors: dict[str, list[Any]] = {key: list(value) for key, value in (errors or {}).items()}
        if field and not self.errors:
            self.errors = {field: [lazy(self.text, str)()]}


class NotFound(DomainError):
    """Missing and forbidden objects answer the same, so ids cannot be probed."""

    code = "core.not_found"
    status = 404
    default_message = _("Not found.")


class PermissionDenied(DomainError):
    """The actor may not perform this action (used where existence is not secret)."""

    code = "core.forbidden"
    status = 403
    default_message = _("You do not have permission to do this.")


class Conflict(DomainError):
    """The request conflicts with the current state (wrong state, duplicate)."""

    code = "core.conflict"
    status = 409
    default_message = _("The request conflicts with the current state.")


def validation_from_django(error: Any, *, code: str = "core.invalid") -> ValidationFailed:
    """Wrap a django ValidationError raised by full_clean() as a ValidationFailed."""
    if hasattr(error, "message_dict"):
        errors = {field: list(messages) for field, messages in error.message_dict.items()}
    else:
        errors = {"__all__": [str(m) for m in error.messages]}
    return ValidationFailed(code=code, errors=errors)
