"""The one place where domain errors become HTTP responses (API) and form errors (UI)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from recirc.core.errors import DomainError, ValidationFailed


def error_body(error: DomainError) -> dict[str, Any]:
    body: dict[str, Any] = {"code": error.code, "message": error.text()}
    if isinstance(error, ValidationFailed) and error.errors:
        body["errors"] = {field: [str(message) for message in messages] for field, messages in error.errors.items()}
    elif error.field:
        body["errors"] = {error.field: [error.text()]}
    return body


def error_json_response(error: DomainError) -> JsonResponse:
    return JsonResponse(error_body(error), status=error.status)


def apply_to_form(form: forms.BaseForm, error: DomainError) -> None:
    """Show a domain error on the form: per field where the field exists, else as a form error."""
    fields = error.errors if isinstance(error, ValidationFailed) and error.errors else {
        error.field or "__all__": [error.text()]}
    for field, messages in fields.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)


class DomainErrorMiddleware:
    """UI pages: a DomainError that escapes a view becomes a translated error page with its status."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DomainError):
            return None
        if request.path.startswith("/api/"):
            return error_json_response(exception)
        return render(request, "error.html", {"error": exception, "error_code": exception.code},
                      status=exception.status)
