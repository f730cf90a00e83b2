"""Domain errors become {code, message, errors} with their status in one place, and form errors in another."""

from __future__ import annotations

import json

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from recirc.core.errors import (
    Conflict,
    DomainError,
    NotFound,
    PermissionDenied,
    ValidationFailed,
    validation_from_django,
)
from recirc.core.http import DomainErrorMiddleware, apply_to_form, error_body, error_json_response


@pytest.mark.parametrize(
    ("error", "status", "code", "message"),
    [
        (DomainError(), 400, "core.error", "The request could not be completed."),
        (ValidationFailed(), 422, "core.invalid", "Some fields are not valid."),
        (NotFound(), 404, "core.not_found", "Not found."),
        (PermissionDenied(), 403, "core.forbidden", "You do not have permission to do this."),
        (Conflict(), 409, "core.conflict", "The request conflicts with the current state."),
    ],
    ids=["domain", "validation", "not-found", "forbidden", "conflict"],
)
def test_each_error_class_answers_with_its_status_code_and_default_message(
        error: DomainError, status: int, code: str, message: str) -> None:
    with override("en"):
        response = error_json_response(error)
        body = error_body(error)

    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"code": code, "message": message}
    assert body == {"code": code, "message": message}


def test_validation_errors_carry_field_messages() -> None:
    error = ValidationFailed(code="items.identifier_invalid",
                             errors={"imei": [_("The IMEI check digit is wrong.")], "__all__": ["Check the form."]})

    with override("en"):
        response = error_json_response(error)

    assert response.status_code == 422
    assert json.loads(response.content) == {
        "code": "items.identifier_invalid",
        "message": "Some fields are not valid.",
        "errors": {"imei": ["The IMEI check digit is wrong."], "__all__": ["Check the form."]},
    }


def test_an_error_about_one_field_names_that_field() -> None:
    error = Conflict(_("The outlet %(name)s is closed."), code="operators.outlet_closed", field="outlet",
                     params={"name": "Jing'an 1"})

    with override("en"):
        body = error_body(error)

    assert body == {"code": "operators.outlet_closed", "message": "The outlet Jing'an 1 is closed.",
                    "errors": {"outlet": ["The outlet Jing'an 1 is closed."]}}
    assert error.status == 409


def test_a_subclass_keeps_its_stable_code_and_status() -> None:
    class ItemOnHold(Conflict):
        code = "items.on_hold"
        default_message = _("The item is on hold.")

    with override("en"):
        assert error_body(ItemOnHold()) == {"code": "items.on_hold", "message": "The item is on hold."}
    assert error_json_response(ItemOnHold()).status_code == 409
    assert str(ItemOnHold()) == "items.on_hold: The item is on hold."


def test_a_validation_error_about_one_field_lists_it_under_that_field() -> None:
    error = ValidationFailed(_("Enter an amount of money such as 1299.00."), field="price", code="core.money_invalid")

    with override("en"):
        assert error.errors == {"price": ["Enter an amount of money such as 1299.00."]}
        assert error_body(error)["errors"] == {"price": ["Enter an amount of money such as 1299.00."]}


def test_messages_are_lazy_translations_rendered_in_the_active_language() -> None:
    error = NotFound()

    assert isinstance(error.message, Promise)
    with override("en"):
        assert error.text() == "Not found."
    for subclass in (DomainError, ValidationFailed, NotFound, PermissionDenied, Conflict):
        assert isinstance(subclass.default_message, Promise)


def test_django_validation_errors_are_wrapped_per_field() -> None:
    field_errors = ValidationError({"title": ["This field cannot be blank."], "code": ["Already taken."]})

    wrapped = validation_from_django(field_errors, code="items.invalid")

    assert (wrapped.code, wrapped.status) == ("items.invalid", 422)
    assert wrapped.errors == {"title": ["This field cannot be blank."], "code": ["Already taken."]}
    assert validation_from_django(ValidationError("Broken.")).errors == {"__all__": ["Broken."]}


class OutletForm(forms.Form):
    name = forms.CharField()
    district = forms.CharField()


def bound_form() -> OutletForm:
    form = OutletForm(data={"name": "Store 1", "district": "310106"})
    assert form.is_valid()
    return form


def test_apply_to_form_puts_field_errors_on_their_fields_and_unknown_fields_on_the_form() -> None:
    form = bound_form()
    error = ValidationFailed(errors={"name": ["Name taken."], "credit_code": ["Bad check digit."]})

    apply_to_form(form, error)

    assert form.errors["name"] == ["Name taken."]
    assert form.non_field_errors() == ["Bad check digit."]
    assert "credit_code" not in form.errors
    assert "district" not in form.errors


def test_apply_to_form_shows_a_plain_domain_error_as_a_form_error() -> None:
    form = bound_form()

    with override("en"):
        apply_to_form(form, Conflict())

    assert form.non_field_errors() == ["The request conflicts with the current state."]


def test_apply_to_form_shows_a_field_error_on_its_field() -> None:
    form = bound_form()

    apply_to_form(form, Conflict("District closed.", field="district"))

    assert form.errors["district"] == ["District closed."]
    assert form.non_field_errors() == []


def test_the_middleware_answers_api_paths_with_json_and_ignores_other_exceptions() -> None:
    middleware = DomainErrorMiddleware(lambda request: None)
    request = RequestFactory().get("/api/v1/items/7")

    with override("en"):
        response = middleware.process_exception(request, NotFound())

    assert response is not None
    assert response.status_code == 404
    assert json.loads(response.content) == {"code": "core.not_found", "message": "Not found."}
    assert middleware.process_exception(request, ValueError("not a domain error")) is None
