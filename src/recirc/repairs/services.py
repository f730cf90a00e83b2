"""Work order writes up to the repair: open, diagnose, quote, approve, decline, start the repair, cancel.

Each is one transaction with its audit event; each locks the order, then checks who (404 outside the actor's
view, 403 for the wrong role), then the state (409), then the input (422), and writes nothing when it refuses.
The repair itself (parts, labour, submission, quality check, completion) is in work.py.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.core.audit import audit_record
from recirc.core.roles import Role
from recirc.items.facade import ItemRef, ItemState, item_get_for, item_ref, item_transition
from recirc.operators.facade import membership_of, operator_scope
from recirc.repairs import policy
from recirc.repairs.errors import (
    ApprovalForbidden,
    ChangeForbidden,
    ItemNotRepairable,
    OpenForbidden,
    OpenWorkOrderExists,
    QuoteExpired,
    TransitionNotAllowed,
    WorkOrderNotFound,
)
from recirc.repairs.models import FINAL_STATES, WorkOrder, WorkOrderKind, WorkOrderState
from recirc.repairs.selectors import visible_filter
from recirc.repairs.validation import Checker, fault_lines

REPAIRABLE_ITEM_STATES = frozenset({ItemState.INTAKE, ItemState.IN_STOCK, ItemState.LISTED})
NUMBER_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
QUOTE_LONGEST_DAYS = 90


def new_number() -> str:
    """A public work order number such as R261130-7K3QF: the day it was opened and 5 random characters."""
    while True:
        number = f"R{timezone.localdate():%y%m%d}-{''.join(secrets.choice(NUMBER_ALPHABET) for _ in range(5))}"
        if not WorkOrder.objects.filter(number=number).exists():
            return number


def locked(actor: Any, work_order_id: int) -> WorkOrder:
    """The order's row, locked, when the actor may see it; WorkOrderNotFound otherwise (same for missing)."""
    condition = visible_filter(actor)
    visible = WorkOrder.objects.filter(pk=work_order_id)
    if condition is not None and not visible.filter(condition).exists():
        raise WorkOrderNotFound()
    order = WorkOrder.objects.select_for_update().filter(pk=work_order_id).first()
    if order is None:
        raise WorkOrderNotFound()
    return order


def require(actor: Any, order: WorkOrder, action: str) -> None:
    if not policy.may_act(actor, order, action):
        raise ApprovalForbidden() if action in ("approve", "decline") else ChangeForbidden()


def move(order: WorkOrder, verb: str) -> str:
    """Apply the verb's transition to `order.state` (not saved); TransitionNotAllowed outside the table."""
    target = policy.target_of(verb, order.state)
    if target is None or not policy.can_transition(order.state, target):
        wanted = target or next(iter(policy.VERBS[verb].values()))
        raise TransitionNotAllowed(params={"from_state": WorkOrderState(order.state).label,
                                           "to_state": WorkOrderState(wanted).label})
    from_state, order.state = order.state, target
    return from_state


def record(actor: Any, order: WorkOrder, action: str, from_state: str, **payload: Any) -> None:
    audit_record(actor=actor, action=f"repairs.{action}", target=order, operator_id=order.operator_id,
                 payload={"number": order.number, "from_state": from_state, "to_state": order.state, **payload})


# --- opening ------------------------------------------------------------------------------------------------

def _repairable(item: ItemRef) -> None:
    if item.state not in REPAIRABLE_ITEM_STATES:
        raise ItemNotRepairable(params={"reason": _("its passport says “%(state)s”.")
                                        % {"state": ItemState(item.state).label}})
    existing = WorkOrder.objects.filter(item_id=item.id).exclude(state__in=sorted(FINAL_STATES)).first()
    if existing is not None:
        raise OpenWorkOrderExists(params={"number": existing.number})


def _ownership(actor: Any, item: ItemRef) -> tuple[str, int | None]:
    """(kind, customer id): a consumer's own item, or stock of an operator in the actor's scope."""
    if item.owner_user_id is not None:
        return WorkOrderKind.CUSTOMER, item.owner_user_id
    if item.owner_operator_id is not None and item.owner_operator_id in operator_scope(actor).operator_ids:
        return WorkOrderKind.STOCK, None
    raise ItemNotRepairable(params={"reason": _("it belongs to another operator.")})


@transaction.atomic
def work_order_open(*, actor: Any, item_id: int, reported_fault: str, intake_notes: str = "",
                    refurbishment: bool = False) -> WorkOrder:
    """Take an item in for repair: the operator's stock, or a consumer's item kept at the counter."""
    membership = membership_of(actor) if policy.may_open(actor) else None
    if membership is None:
        raise OpenForbidden()
    item = item_get_for(actor, item_id)
    kind, customer_id = _ownership(actor, item)
    _repairable(item)
    check = Checker()
    fault = check.text("reported_fault", reported_fault, limit=1000, required=True)
    notes = check.text("intake_notes", intake_notes, limit=1000)
    check.raise_if_any()
    order = WorkOrder(
        number=new_number(), item_id=item.id, item_code=item.code, item_title=item.title, item_brand=item.brand,
        item_model=item.model_name, category_code=item.category_code, operator_id=membership.operator_id,
        outlet_id=membership.outlet_id or item.outlet_id, kind=kind, customer_id=customer_id,
        requested_by_id=customer_id or actor.pk, opened_by=actor, reported_fault=fault, intake_notes=notes,
        refurbishment_declared=bool(refurbishment))
    try:
        with transaction.atomic():
            order.save()
    except IntegrityError as error:  # a concurrent request opened one first (workorder_one_open_per_item)
        raise OpenWorkOrderExists(params={"number": "—"}) from error
    record(actor, order, "work_order_opened", "", item_code=item.code, kind=kind,
           refurbishment_declared=order.refurbishment_declared)
    return order


# --- diagnosis, quote, decision ------------------------------------------------------------------------------

@transaction.atomic
def work_order_diagnose(*, actor: Any, work_order_id: int, diagnosis: str, faults: Any = ()) -> WorkOrder:
    order = locked(actor, work_order_id)
    require(actor, order, "diagnose")
    from_state = move(order, "diagnose")
    check = Checker()
    notes = check.text("diagnosis", diagnosis, limit=2000, required=True)
    found = fault_lines(faults)
    if len(found) > 20 or any(len(fault) > 200 for fault in found):
        check.add("faults", _("At most 20 faults of at most 200 characters each."))
    check.raise_if_any()
    order.diagnosis_notes, order.found_faults = notes, found
    order.diagnosed_by, order.diagnosed_at = actor, timezone.now()
    order.save()
    record(actor, order, "work_order_diagnosed", from_state, fault_count=len(found))
    return order


@transaction.atomic
def work_order_quote(*, actor: Any, work_order_id: int, parts_amount: Any, labour_amount: Any,
                     valid_until: Any, notes: str = "") -> WorkOrder:
    """Quote the repair (parts and labour estimates, in yuan, valid until a date); quoting again revises it."""
    order = locked(actor, work_order_id)
    require(actor, order, "quote")
    from_state = move(order, "quote")
    today = timezone.localdate()
    check = Checker()
    parts = check.amount("parts_amount", parts_amount)
    labour = check.amount("labour_amount", labour_amount)
    until = check.date_within("valid_until", valid_until, first=today,
                              last=today + dt.timedelta(days=QUOTE_LONGEST_DAYS))
    text = check.text("notes", notes, limit=1000)
    check.raise_if_any()
    order.quote_parts, order.quote_labour, order.quote_valid_until, order.quote_notes = parts, labour, until, text
    order.quoted_by, order.quoted_at = actor, timezone.now()
    order.save()
    record(actor, order, "quote_revised" if from_state == WorkOrderState.QUOTED else "work_order_quoted",
           from_state, parts=parts, labour=labour, valid_until=until)
    return order


@transaction.atomic
def work_order_approve(*, actor: Any, work_order_id: int) -> WorkOrder:
    """The item's owner accepts the quote (the consumer for their item; an operator manager for stock)."""
    order = locked(actor, work_order_id)
    require(actor, order, "approve")
    from_state = move(order, "approve")
    if order.quote_valid_until is not None and order.quote_valid_until < timezone.localdate():
        raise QuoteExpired(params={"date": order.quote_valid_until.isoformat()})
    order.decided_by, order.decided_at, order.decision_note = actor, timezone.now(), ""
    order.save()
    record(actor, order, "quote_approved", from_state, total=order.quote_total,
           approver_role=Role.CONSUMER if order.kind == WorkOrderKind.CUSTOMER else Role.OPERATOR_MANAGER)
    return order


@transaction.atomic
def work_order_decline(*, actor: Any, work_order_id: int, reason: str = "") -> WorkOrder:
    order = locked(actor, work_order_id)
    require(actor, order, "decline")
    from_state = move(order, "decline")
    check = Checker()
    note = check.text("reason", reason, limit=500, single_line=True)
    check.raise_if_any()
    order.decided_by, order.decided_at, order.decision_note = actor, timezone.now(), note
    order.save()
    record(actor, order, "quote_declined", from_state)
    return order


# --- repair start and cancellation -------------------------------------------------------------------------------

def _take_off_sale(actor: Any, order: WorkOrder) -> None:
    """A listed stock item leaves sale while it is repaired (its passport records why)."""
    item = item_ref(order.item_id)
    if item.state not in REPAIRABLE_ITEM_STATES:
        raise ItemNotRepairable(params={"reason": _("its passport says “%(state)s”.")
                                        % {"state": ItemState(item.state).label}})
    if item.state == ItemState.LISTED:
        item_transition(actor=actor, item_id=item.id, to_state=ItemState.IN_STOCK,
                        reason=_("In repair under work order %(number)s") % {"number": order.number})


@transaction.atomic
def work_order_start_repair(*, actor: Any, work_order_id: int) -> WorkOrder:
    order = locked(actor, work_order_id)
    require(actor, order, "start_repair")
    from_state = move(order, "start_repair")
    _take_off_sale(actor, order)
    order.technician, order.repair_started_at = actor, timezone.now()
    order.save()
    record(actor, order, "repair_started", from_state)
    return order


@transaction.atomic
def work_order_cancel(*, actor: Any, work_order_id: int, reason: str) -> WorkOrder:
    """Stop an order before the repair starts (the customer withdrew, the part cannot be had...)."""
    order = locked(actor, work_order_id)
    require(actor, order, "cancel")
    from_state = move(order, "cancel")
    check = Checker()
    text = check.text("reason", reason, limit=500, required=True, single_line=True)
    check.raise_if_any()
    order.cancelled_by, order.cancelled_at, order.cancel_reason = actor, timezone.now(), text
    order.save()
    record(actor, order, "work_order_cancelled", from_state)
    return order
