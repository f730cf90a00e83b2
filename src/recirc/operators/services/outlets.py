"""Outlets: the places an operator trades from. Managed by the operator's manager or a platform admin."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from recirc.core.audit import audit_record
from recirc.core.errors import NotFound, PermissionDenied
from recirc.operators import rules
from recirc.operators.errors import FieldNotEditable, OutletInactive
from recirc.operators.models import Outlet, OutletKind
from recirc.operators.services._common import clean, deny, district_for_code, locked_operator, require_active

OUTLET_UPDATABLE_FIELDS = frozenset({"name", "kind", "district_code", "address", "floor_area_m2", "opening_hours"})


def _locked_outlet(actor: Any, outlet_id: int) -> Outlet:
    outlet = Outlet.objects.select_for_update().select_related("district").filter(pk=outlet_id).first()
    if outlet is None:
        raise NotFound()
    if not rules.can_manage_outlets(actor, outlet.operator_id):
        deny(actor, outlet.operator_id)
    return outlet


@transaction.atomic
def outlet_create(*, actor: Any, operator_id: int, name: str, district_code: str, address: str,
                  kind: str = OutletKind.STORE, floor_area_m2: int | None = None, opening_hours: str = "") -> Outlet:
    if not rules.can_manage_outlets(actor, operator_id):
        raise PermissionDenied()
    operator = locked_operator(operator_id)
    require_active(operator)
    district = district_for_code(district_code)
    outlet = Outlet(operator=operator, name=(name or "").strip(), kind=kind, district=district,
                    address=(address or "").strip(), floor_area_m2=floor_area_m2,
                    opening_hours=(opening_hours or "").strip())
    clean(outlet)
    outlet.save()
    audit_record(actor=actor, action="outlet.created", target=outlet, operator_id=operator.pk,
                 payload={"name": outlet.name, "kind": outlet.kind, "district_code": district.code})
    return outlet


@transaction.atomic
def outlet_update(*, actor: Any, outlet_id: int, **changes: Any) -> Outlet:
    outlet = _locked_outlet(actor, outlet_id)
    for field, value in changes.items():
        if field not in OUTLET_UPDATABLE_FIELDS:
            raise FieldNotEditable(field=field)
        if field == "district_code":
            outlet.district = district_for_code(value)
        else:
            setattr(outlet, field, value.strip() if isinstance(value, str) else value)
    clean(outlet)
    outlet.save()
    payload = {field: getattr(outlet, field) for field in changes if field != "district_code"}
    if "district_code" in changes:
        payload["district_code"] = outlet.district.code
    audit_record(actor=actor, action="outlet.updated", target=outlet, operator_id=outlet.operator_id,
                 payload={"changed": payload})
    return outlet


@transaction.atomic
def outlet_deactivate(*, actor: Any, outlet_id: int) -> Outlet:
    """Stop trading at an outlet; its history (registers, stalls) stays."""
    outlet = _locked_outlet(actor, outlet_id)
    if not outlet.is_active:
        raise OutletInactive()
    outlet.is_active = False
    outlet.save(update_fields=["is_active"])
    audit_record(actor=actor, action="outlet.deactivated", target=outlet, operator_id=outlet.operator_id)
    return outlet
