"""Registering operators, correcting their registry facts, and the operator status state machine."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from recirc.core.audit import audit_record
from recirc.core.errors import PermissionDenied
from recirc.operators import rules
from recirc.operators.errors import (
    CreditCodeInvalid,
    CreditCodeTaken,
    FieldNotEditable,
    LegalRepresentativeInvalid,
    LicenceDatesInvalid,
    LicenceExpired,
    NothingToChange,
    ParentCycle,
    ParentIsSelf,
    ParentUnknown,
    StatusUnknown,
    TransitionNotAllowed,
)
from recirc.operators.models import Operator, OperatorStatus
from recirc.operators.services._common import clean, district_for_code, locked_operator
from recirc.operators.validation import is_valid_credit_code, normalize_credit_code
from recirc.privacy.facade import PiiKind, pii_store

UPDATABLE_FIELDS = frozenset({"kind", "name", "name_en", "credit_code", "district_code", "licence_number",
                              "licence_valid_from", "licence_valid_until", "registered_address", "parent_id",
                              "is_franchise", "legal_representative"})
MAX_CHAIN_DEPTH = 64
LEGAL_REPRESENTATIVE_MAX_LENGTH = 60


def _checked_credit_code(raw: str, *, excluding_id: int | None = None) -> str:
    code = normalize_credit_code(raw)
    if not is_valid_credit_code(code):
        raise CreditCodeInvalid(field="credit_code")
    duplicates = Operator.objects.filter(credit_code=code)
    if excluding_id is not None:
        duplicates = duplicates.exclude(pk=excluding_id)
    if duplicates.exists():
        raise CreditCodeTaken(field="credit_code")
    return code


def _check_licence_dates(valid_from: dt.date | None, valid_until: dt.date | None) -> None:
    if valid_from is not None and valid_until is not None and valid_until < valid_from:
        raise LicenceDatesInvalid(field="licence_valid_until")


def _checked_parent(parent_id: int | None, *, operator_id: int | None) -> Operator | None:
    """The parent, refusing self-parenting and any loop: walk up from the parent, locking the chain."""
    if parent_id is None:
        return None
    if operator_id is not None and parent_id == operator_id:
        raise ParentIsSelf(field="parent_id")
    parent = Operator.objects.select_for_update().filter(pk=parent_id).first()
    if parent is None:
        raise ParentUnknown(field="parent_id")
    ancestor_id, seen = parent.parent_id, {parent.pk}
    while ancestor_id is not None and operator_id is not None:
        if ancestor_id == operator_id or ancestor_id in seen or len(seen) > MAX_CHAIN_DEPTH:
            raise ParentCycle(field="parent_id")
        seen.add(ancestor_id)
        ancestor_id = (Operator.objects.select_for_update().filter(pk=ancestor_id)
                       .values_list("parent_id", flat=True).first())
    return parent


def _checked_legal_representative(name: str) -> str:
    name = (name or "").strip()
    if len(name) > LEGAL_REPRESENTATIVE_MAX_LENGTH:
        raise LegalRepresentativeInvalid(field="legal_representative")
    return name


def _store_legal_representative(operator: Operator, name: str, actor: Any) -> None:
    """The representative is a natural person: the name goes to the vault, the operator keeps token and mask."""
    if not name:
        operator.legal_representative_token = operator.legal_representative_masked = ""
        return
    stored = pii_store(kind=PiiKind.NAME, value=name, actor=actor)
    operator.legal_representative_token, operator.legal_representative_masked = stored.token, stored.masked[:40]


def _save_with_unique_credit_code(operator: Operator) -> None:
    try:
        with transaction.atomic():
            operator.save()
    except IntegrityError as error:  # a concurrent registration won the race for this code
        raise CreditCodeTaken(field="credit_code") from error


@transaction.atomic
def operator_register(*, actor: Any, kind: str, name: str, credit_code: str, district_code: str,
                      name_en: str = "", licence_number: str = "", licence_valid_from: dt.date | None = None,
                      licence_valid_until: dt.date | None = None, registered_address: str = "",
                      parent_id: int | None = None, is_franchise: bool = False,
                      legal_representative: str = "") -> Operator:
    """Enter an operator in the registry. Only platform administrators and commerce regulators may.

    `legal_representative` (a person's name) is stored in the privacy vault, never on the operator.
    """
    if not rules.can_register_operator(actor):
        raise PermissionDenied()
    code = _checked_credit_code(credit_code)
    district = district_for_code(district_code)
    _check_licence_dates(licence_valid_from, licence_valid_until)
    if licence_valid_until is not None and licence_valid_until < timezone.localdate():
        raise LicenceExpired(field="licence_valid_until")
    parent = _checked_parent(parent_id, operator_id=None)
    representative = _checked_legal_representative(legal_representative)
    operator = Operator(
        kind=kind, name=(name or "").strip(), name_en=(name_en or "").strip(), credit_code=code, district=district,
        licence_number=(licence_number or "").strip(), licence_valid_from=licence_valid_from,
        licence_valid_until=licence_valid_until, registered_address=(registered_address or "").strip(),
        parent=parent, is_franchise=is_franchise, status=OperatorStatus.ACTIVE, registered_on=timezone.localdate(),
    )
    clean(operator, validate_unique=False)
    _store_legal_representative(operator, representative, actor)
    _save_with_unique_credit_code(operator)
    audit_record(actor=actor, action="operator.registered", target=operator, operator_id=operator.pk,
                 payload={"kind": operator.kind, "credit_code": operator.credit_code,
                          "district_code": district.code, "parent_id": operator.parent_id})
    return operator


def _check_editable(actor: Any, operator_id: int, changes: dict[str, Any]) -> None:
    for field in changes:
        if field not in UPDATABLE_FIELDS:
            raise FieldNotEditable(field=field)
    editable = rules.editable_fields_for(actor, operator_id)
    if editable is None:
        return
    if not editable:
        raise PermissionDenied()
    for field in changes:
        if field not in editable:
            raise FieldNotEditable(field=field)


def _apply_changes(operator: Operator, changes: dict[str, Any], actor: Any) -> None:
    for field, value in changes.items():
        if field == "legal_representative":
            _store_legal_representative(operator, _checked_legal_representative(value), actor)
        elif field == "credit_code":
            operator.credit_code = _checked_credit_code(value, excluding_id=operator.pk)
        elif field == "district_code":
            operator.district = district_for_code(value)
        elif field == "parent_id":
            operator.parent = _checked_parent(value, operator_id=operator.pk)
        else:
            setattr(operator, field, value.strip() if isinstance(value, str) else value)
    _check_licence_dates(operator.licence_valid_from, operator.licence_valid_until)


def _attribute(operator: Operator, path: str) -> Any:
    value: Any = operator
    for name in path.split("."):
        value = getattr(value, name)
    return value


@transaction.atomic
def operator_update(*, actor: Any, operator_id: int, **changes: Any) -> Operator:
    """Correct registry facts. Registrars may change any of them; the operator's manager only contact facts."""
    if not changes:
        raise NothingToChange()
    operator = locked_operator(operator_id)
    _check_editable(actor, operator.pk, changes)
    _apply_changes(operator, changes, actor)
    clean(operator, validate_unique=False)
    _save_with_unique_credit_code(operator)
    renamed = {"district_code": "district.code", "legal_representative": "legal_representative_masked"}
    payload = {field: _attribute(operator, renamed.get(field, field)) for field in changes}
    audit_record(actor=actor, action="operator.updated", target=operator, operator_id=operator.pk,
                 payload={"changed": payload})
    return operator


@transaction.atomic
def operator_change_status(*, actor: Any, operator_id: int, status: str, reason: str = "") -> Operator:
    """Suspend, reactivate or close an operator, as OPERATOR_TRANSITIONS allows."""
    if not rules.can_change_operator_status(actor):
        raise PermissionDenied()
    operator = locked_operator(operator_id)
    if status not in OperatorStatus.values:
        raise StatusUnknown(field="status")
    if not rules.can_transition(operator, status):
        raise TransitionNotAllowed(params={"current": OperatorStatus(operator.status).label,
                                           "target": OperatorStatus(status).label}, field="status")
    previous = operator.status
    operator.status = status
    operator.save(update_fields=["status"])
    audit_record(actor=actor, action="operator.status_changed", target=operator, operator_id=operator.pk,
                 payload={"from": previous, "to": status, "reason": (reason or "")[:200]})
    return operator
