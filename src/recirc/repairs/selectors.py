"""Reads of work orders, scoped to the actor by construction. Missing and forbidden orders both raise NotFound."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from recirc.core.errors import NotFound
from recirc.core.permissions import has_role
from recirc.core.roles import Role
from recirc.items.facade import ItemRef, item_find_for, item_get_for, items_with_identifiers
from recirc.operators.facade import operator_scope
from recirc.repairs.errors import WorkOrderNotFound
from recirc.repairs.models import LabourEntry, RepairPart, WorkOrder, WorkOrderState
from recirc.repairs.policy import is_signed_in

SEARCHED_IDENTIFIER_KINDS = ("imei", "meid", "serial", "mac")


def visible_filter(actor: Any) -> Q | None:
    """Work orders the actor may see; None means all of them (city-wide roles, read-only)."""
    if not is_signed_in(actor):
        return Q(pk__in=[])
    if has_role(actor, Role.CONSUMER):
        return Q(customer_id=actor.pk)
    scope = operator_scope(actor)
    if scope.city_wide:
        return None
    return Q(operator_id__in=scope.operator_ids)


def work_orders_visible_to(actor: Any) -> QuerySet[WorkOrder]:
    condition = visible_filter(actor)
    orders = WorkOrder.objects.select_related("operator", "outlet", "technician", "customer")
    return orders if condition is None else orders.filter(condition)


def work_order_get(actor: Any, work_order_id: int) -> WorkOrder:
    order = work_orders_visible_to(actor).filter(pk=work_order_id).first()
    if order is None:
        raise WorkOrderNotFound()
    return order


def items_matching_identifier(text: str) -> set[int]:
    matches = items_with_identifiers([(kind, text) for kind in SEARCHED_IDENTIFIER_KINDS])
    return {item_id for ids in matches.values() for item_id in ids}


def _search(orders: QuerySet[WorkOrder], query: str) -> QuerySet[WorkOrder]:
    text = " ".join(query.split())
    condition = (Q(number__iexact=text) | Q(item_code__iexact=text.replace("-", "").replace(" ", ""))
                 | Q(item_title__icontains=text) | Q(item_brand__icontains=text) | Q(item_model__icontains=text)
                 | Q(reported_fault__icontains=text))
    item_ids = items_matching_identifier(text)
    if item_ids:
        condition |= Q(item_id__in=item_ids)
    return orders.filter(condition)


def work_order_list(actor: Any, *, state: str = "", kind: str = "", query: str = "",
                    item: int | None = None) -> QuerySet[WorkOrder]:
    """The actor's work orders, newest first. `state` may also be "open" (every state that is not final)."""
    orders = work_orders_visible_to(actor)
    if state == "open":
        orders = orders.exclude(state__in=[WorkOrderState.COMPLETED, WorkOrderState.DECLINED,
                                           WorkOrderState.CANCELLED])
    elif state:
        orders = orders.filter(state=state)
    if kind:
        orders = orders.filter(kind=kind)
    if item:
        orders = orders.filter(item_id=item)
    if query and query.strip():
        orders = _search(orders, query)
    return orders.annotate(part_count=Count("parts", distinct=True),
                           main_part_count=Count("parts", filter=Q(parts__is_main_part=True), distinct=True)
                           ).order_by("-created_at", "-id")


def state_counts(actor: Any) -> dict[str, int]:
    """Work orders per state in the actor's view (every state present, zero included)."""
    counts = {state.value: 0 for state in WorkOrderState}
    rows = work_orders_visible_to(actor).order_by().values("state").annotate(total=Count("id"))
    for row in rows:
        counts[row["state"]] = row["total"]
    return counts


def parts_of(order: WorkOrder) -> list[RepairPart]:
    return list(order.parts.select_related("fitted_by").order_by("fitted_at", "id"))


def labour_of(order: WorkOrder) -> list[LabourEntry]:
    return list(order.labour.select_related("technician").order_by("recorded_at", "id"))


def repairers(order: WorkOrder) -> set[int]:
    """Everyone who repaired the item: who started the repair, fitted a part or logged labour since then. None
    of them may do its quality check."""
    people = set(order.parts.values_list("fitted_by_id", flat=True))
    if order.repair_started_at is not None:
        people.update(order.labour.filter(recorded_at__gte=order.repair_started_at)
                      .values_list("technician_id", flat=True))
    if order.technician_id is not None:
        people.add(order.technician_id)
    return people


def item_lookup(actor: Any, text: str) -> ItemRef | None:
    """The item the actor means: its passport code, its number (as in the item page's address) or a hardware
    identifier on it (IMEI, MEID, serial, MAC); None when nothing the actor may see matches, or more than one
    item does."""
    text = " ".join((text or "").split())
    if not text:
        return None
    by_code = item_find_for(actor, text)
    if by_code is not None:
        return by_code
    candidates = items_matching_identifier(text)
    if not candidates and text.isdigit() and len(text) <= 12:
        candidates = {int(text)}
    visible = []
    for item_id in sorted(candidates)[:5]:
        try:
            visible.append(item_get_for(actor, item_id))
        except NotFound:
            continue
    return visible[0] if len(visible) == 1 else None
