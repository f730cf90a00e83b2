"""The work order's state machine by verb, and who may do what. Services and selectors call these; views never
decide.

- Seeing: operator staff see their operator's work orders (a chain head's staff also its branches'); city-wide
  roles see every work order, read-only; a consumer sees the work orders on their own items; nobody else.
- Opening: clerks, technicians and operator managers, for an item their operator keeps: the operator's stock
  or a consumer's item left at the counter.
- Diagnosing, starting the repair, fitting parts, logging labour, submitting for the check: technicians.
- Quoting: technicians and operator managers. Cancelling (before the repair starts): the same.
- Approving or declining the quote: the item's owner: the consumer for their own item, an operator manager for
  the operator's stock. The approval is recorded with who and when.
- Quality check: an inspector or a technician who did not repair the item (did not start the repair, fit a
  part or log repair labour).
"""

from __future__ import annotations

from typing import Any

from recirc.core.permissions import has_role, is_operator_staff
from recirc.core.roles import Role
from recirc.operators.facade import operator_scope
from recirc.repairs.models import WORK_ORDER_TRANSITIONS, WorkOrder, WorkOrderKind, WorkOrderState

S = WorkOrderState
# Each verb's transitions: {from state: to state}. Their union is WORK_ORDER_TRANSITIONS (a test checks).
VERBS: dict[str, dict[str, str]] = {
    "diagnose": {S.INTAKE: S.DIAGNOSED},
    "quote": {S.DIAGNOSED: S.QUOTED, S.QUOTED: S.QUOTED},
    "approve": {S.QUOTED: S.APPROVED},
    "decline": {S.QUOTED: S.DECLINED},
    "start_repair": {S.APPROVED: S.IN_REPAIR},
    "submit": {S.IN_REPAIR: S.QUALITY_CHECK},
    "pass_check": {S.QUALITY_CHECK: S.COMPLETED},
    "fail_check": {S.QUALITY_CHECK: S.IN_REPAIR},
    "cancel": {S.INTAKE: S.CANCELLED, S.DIAGNOSED: S.CANCELLED, S.QUOTED: S.CANCELLED, S.APPROVED: S.CANCELLED},
}
# Work recorded on an order outside the state table: the states that allow it.
PART_STATES = frozenset({S.IN_REPAIR})
LABOUR_STATES = frozenset({S.INTAKE, S.DIAGNOSED, S.IN_REPAIR})
STAFF_ROLES: dict[str, frozenset[str]] = {
    "diagnose": frozenset({Role.TECHNICIAN}),
    "quote": frozenset({Role.TECHNICIAN, Role.OPERATOR_MANAGER}),
    "start_repair": frozenset({Role.TECHNICIAN}),
    "submit": frozenset({Role.TECHNICIAN}),
    "check": frozenset({Role.INSPECTOR, Role.TECHNICIAN}),
    "cancel": frozenset({Role.TECHNICIAN, Role.OPERATOR_MANAGER}),
    "part": frozenset({Role.TECHNICIAN}),
    "labour": frozenset({Role.TECHNICIAN}),
}
OPEN_ROLES = frozenset({Role.CLERK, Role.TECHNICIAN, Role.OPERATOR_MANAGER})


def can_transition(from_state: str, to_state: str) -> bool:
    """The state table."""
    return to_state in WORK_ORDER_TRANSITIONS.get(from_state, frozenset())


def target_of(verb: str, from_state: str) -> str | None:
    """Where the verb takes an order in `from_state`, or None when it does not apply there."""
    return VERBS[verb].get(from_state)


def can_diagnose(order: WorkOrder) -> bool:
    return target_of("diagnose", order.state) is not None


def can_quote(order: WorkOrder) -> bool:
    return target_of("quote", order.state) is not None


def can_approve(order: WorkOrder) -> bool:
    return target_of("approve", order.state) is not None


def can_decline(order: WorkOrder) -> bool:
    return target_of("decline", order.state) is not None


def can_start_repair(order: WorkOrder) -> bool:
    return target_of("start_repair", order.state) is not None


def can_submit(order: WorkOrder) -> bool:
    return target_of("submit", order.state) is not None


def can_check(order: WorkOrder) -> bool:
    return target_of("pass_check", order.state) is not None


def can_cancel(order: WorkOrder) -> bool:
    return target_of("cancel", order.state) is not None


def can_record_part(order: WorkOrder) -> bool:
    return order.state in PART_STATES


def can_record_labour(order: WorkOrder) -> bool:
    return order.state in LABOUR_STATES


STATE_PREDICATES = {"diagnose": can_diagnose, "quote": can_quote, "approve": can_approve, "decline": can_decline,
                    "start_repair": can_start_repair, "submit": can_submit, "check": can_check,
                    "cancel": can_cancel, "part": can_record_part, "labour": can_record_labour}


def is_signed_in(actor: Any) -> bool:
    return actor is not None and bool(getattr(actor, "is_authenticated", False))


def staff_covers(actor: Any, operator_id: int) -> bool:
    """Operator staff whose scope (their operator, or a chain head's branches) includes the operator."""
    if not is_operator_staff(actor):
        return False
    scope = operator_scope(actor)
    return not scope.city_wide and operator_id in scope.operator_ids


def may_see(actor: Any, order: WorkOrder) -> bool:
    if not is_signed_in(actor):
        return False
    if has_role(actor, Role.CONSUMER):
        return order.customer_id == actor.pk
    return operator_scope(actor).allows(order.operator_id)


def is_approver(actor: Any, order: WorkOrder) -> bool:
    """The item's owner: the consumer for a customer repair, an operator manager of the operator for stock."""
    if not is_signed_in(actor):
        return False
    if order.kind == WorkOrderKind.CUSTOMER:
        return has_role(actor, Role.CONSUMER) and order.customer_id == actor.pk
    return has_role(actor, Role.OPERATOR_MANAGER) and staff_covers(actor, order.operator_id)


def may_act(actor: Any, order: WorkOrder, action: str) -> bool:
    """The role rule for an action ("diagnose", "quote", "approve", "decline", "start_repair", "submit",
    "check", "cancel", "part", "labour"); the state and the same-person rule are checked separately."""
    if action in ("approve", "decline"):
        return is_approver(actor, order)
    roles = STAFF_ROLES[action]
    return is_signed_in(actor) and has_role(actor, *roles) and staff_covers(actor, order.operator_id)


def may_open(actor: Any) -> bool:
    return is_signed_in(actor) and has_role(actor, *OPEN_ROLES) and is_operator_staff(actor)


def actions_for(actor: Any, order: WorkOrder) -> list[str]:
    """What this actor may do to this order now (for buttons and the API's `actions`)."""
    return [action for action, predicate in STATE_PREDICATES.items()
            if predicate(order) and may_act(actor, order, action)]
