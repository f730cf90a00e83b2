"""Helpers shared by the write services: lookups that raise field errors, cleaning, denial."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from recirc.core.errors import NotFound, PermissionDenied, validation_from_django
from recirc.operators.errors import DistrictCodeInvalid, DistrictUnknown, OperatorNotActive
from recirc.operators.models import District, Operator, OperatorStatus
from recirc.operators.scoping import operator_scope
from recirc.operators.validation import is_valid_district_code


def district_for_code(code: str, *, field: str = "district_code") -> District:
    code = (code or "").strip()
    if not is_valid_district_code(code):
        raise DistrictCodeInvalid(field=field)
    district = District.objects.filter(code=code).first()
    if district is None:
        raise DistrictUnknown(field=field)
    return district


def locked_operator(operator_id: int) -> Operator:
    operator = Operator.objects.select_for_update().filter(pk=operator_id).first()
    if operator is None:
        raise NotFound()
    return operator


def require_active(operator: Operator) -> None:
    if operator.status != OperatorStatus.ACTIVE:
        raise OperatorNotActive()


def clean(instance: models.Model, **kwargs: Any) -> None:
    """full_clean() with Django's errors turned into a ValidationFailed (nothing is saved)."""
    try:
        instance.full_clean(**kwargs)
    except ValidationError as error:
        raise validation_from_django(error, code="operators.invalid") from error


def deny(actor: Any, operator_id: int) -> None:
    """Refuse an action on scoped data: NotFound outside the actor's scope, PermissionDenied inside it."""
    if operator_scope(actor).allows(operator_id):
        raise PermissionDenied()
    raise NotFound()


def changed_values(instance: models.Model, changes: dict[str, Any]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in changes}
