"""Writes of the operators context: `<entity>_<verb>(*, actor, ...)`, atomic, validated, audited."""

from recirc.operators.services.districts import DistrictLoadResult, DistrictRow, districts_load
from recirc.operators.services.operators import operator_change_status, operator_register, operator_update
from recirc.operators.services.outlets import outlet_create, outlet_deactivate, outlet_update
from recirc.operators.services.staff import membership_add, membership_end
from recirc.operators.services.stalls import stall_create, stall_tenancy_end, stall_tenancy_start

__all__ = [
    "DistrictLoadResult",
    "DistrictRow",
    "districts_load",
    "membership_add",
    "membership_end",
    "operator_change_status",
    "operator_register",
    "operator_update",
    "outlet_create",
    "outlet_deactivate",
    "outlet_update",
    "stall_create",
    "stall_tenancy_end",
    "stall_tenancy_start",
]
