"""The only module other contexts import from repairs. Everything returned is a contract.

Listings compose the sale-time disclosure from `repair_history` (REGULATIONS.md section 4: repairs and
refurbishment of main parts are never hidden; replacement parts are named with brand and producer); after-sales
reads it too. Reads here are unscoped: callers authorise their own actors. Writes run the services (scoped to
the actor, state-checked, audited) and return a WorkOrderRef.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Prefetch, Q

from recirc.repairs import selectors, services, work
from recirc.repairs.checklists import checklist_for
from recirc.repairs.contracts import RepairHistory, RepairPartRecord, RepairRecord, WorkOrderRef, WorkOrderSummary
from recirc.repairs.errors import WorkOrderNotFound
from recirc.repairs.models import FINAL_STATES, RepairPart, WorkOrder, WorkOrderState

__all__ = [
    "RepairHistory",
    "RepairPartRecord",
    "RepairRecord",
    "WorkOrderNotFound",
    "WorkOrderRef",
    "WorkOrderSummary",
    "item_has_open_work_order",
    "item_is_refurbished",
    "labour_add",
    "part_add",
    "quality_check_record",
    "quality_checklist",
    "recent_work_orders",
    "repair_history",
    "work_order_approve",
    "work_order_by_number",
    "work_order_cancel",
    "work_order_counts",
    "work_order_decline",
    "work_order_diagnose",
    "work_order_open",
    "work_order_quote",
    "work_order_ref",
    "work_order_start_repair",
    "work_order_submit",
]


def _record(order: WorkOrder) -> RepairRecord:
    parts = tuple(RepairPartRecord(kind=part.kind, is_main_part=part.is_main_part, origin=part.origin,
                                   brand=part.brand, producer=part.producer, part_number=part.part_number)
                  for part in order.parts.all())
    main_part_replaced = any(part.is_main_part for part in parts)
    return RepairRecord(work_order_number=order.number, operator_id=order.operator_id,
                        completed_at=order.completed_at or order.updated_at, faults=tuple(order.found_faults or ()),
                        refurbishment_declared=order.refurbishment_declared, main_part_replaced=main_part_replaced,
                        is_refurbished=order.refurbishment_declared or main_part_replaced, parts=parts)


def repair_history(item_id: int) -> RepairHistory:
    """The item's completed work orders, oldest first, with their parts (two queries)."""
    orders = (WorkOrder.objects.filter(item_id=item_id, state=WorkOrderState.COMPLETED)
              .prefetch_related(Prefetch("parts", queryset=RepairPart.objects.order_by("fitted_at", "id")))
              .order_by("completed_at", "id"))
    return RepairHistory(item_id=item_id, records=tuple(_record(order) for order in orders))


def item_is_refurbished(item_id: int) -> bool:
    """True when a completed work order replaced a main part of the item or declared refurbishment."""
    return WorkOrder.objects.filter(Q(refurbishment_declared=True) | Q(parts__is_main_part=True),
                                    item_id=item_id, state=WorkOrderState.COMPLETED).exists()


def item_has_open_work_order(item_id: int) -> bool:
    """True while the item is in a work order that is not completed, declined or cancelled: it should not be
    listed or sold in the middle of a repair."""
    return WorkOrder.objects.filter(item_id=item_id).exclude(state__in=sorted(FINAL_STATES)).exists()


def work_order_counts(actor: Any) -> dict[str, int]:
    """Work orders per state that the actor may see (for home pages)."""
    return selectors.state_counts(actor)


def recent_work_orders(actor: Any, *, limit: int = 8, open_only: bool = True) -> list[WorkOrderSummary]:
    orders = selectors.work_order_list(actor, state="open" if open_only else "")[:limit]
    return [WorkOrderSummary(id=order.pk, number=order.number, item_code=order.item_code,
                             item_title=order.item_title, state=order.state,
                             state_label=str(WorkOrderState(order.state).label), created_at=order.created_at)
            for order in orders]


def quality_checklist(category_code: str) -> tuple[str, ...]:
    """The check codes of the category's quality checklist (each to be answered "pass", "fail" or "na")."""
    return checklist_for(category_code)


# --- writes: the services, returning contracts ---------------------------------------------------------------

def _ref(order: WorkOrder) -> WorkOrderRef:
    return WorkOrderRef(id=order.pk, number=order.number, state=order.state, kind=order.kind, item_id=order.item_id,
                        operator_id=order.operator_id, customer_id=order.customer_id,
                        category_code=order.category_code, refurbishment_declared=order.refurbishment_declared)


def work_order_ref(work_order_id: int) -> WorkOrderRef:
    """Unscoped, for other contexts' own services (they authorise their actors themselves)."""
    order = WorkOrder.objects.filter(pk=work_order_id).first()
    if order is None:
        raise WorkOrderNotFound()
    return _ref(order)


def work_order_by_number(number: str) -> WorkOrderRef:
    """Unscoped, by its number (e.g. R261130-7K3QF, any case), for other contexts' own services."""
    order = WorkOrder.objects.filter(number=(number or "").strip().upper()).first()
    if order is None:
        raise WorkOrderNotFound()
    return _ref(order)


def work_order_open(*, actor: Any, item_id: int, reported_fault: str, intake_notes: str = "",
                    refurbishment: bool = False) -> WorkOrderRef:
    return _ref(services.work_order_open(actor=actor, item_id=item_id, reported_fault=reported_fault,
                                        intake_notes=intake_notes, refurbishment=refurbishment))


def work_order_diagnose(*, actor: Any, work_order_id: int, diagnosis: str, faults: Any = ()) -> WorkOrderRef:
    return _ref(services.work_order_diagnose(actor=actor, work_order_id=work_order_id, diagnosis=diagnosis,
                                             faults=faults))


def work_order_quote(*, actor: Any, work_order_id: int, parts_amount: Any, labour_amount: Any, valid_until: Any,
                     notes: str = "") -> WorkOrderRef:
    return _ref(services.work_order_quote(actor=actor, work_order_id=work_order_id, parts_amount=parts_amount,
                                          labour_amount=labour_amount, valid_until=valid_until, notes=notes))


def work_order_approve(*, actor: Any, work_order_id: int) -> WorkOrderRef:
    return _ref(services.work_order_approve(actor=actor, work_order_id=work_order_id))


def work_order_decline(*, actor: Any, work_order_id: int, reason: str = "") -> WorkOrderRef:
    return _ref(services.work_order_decline(actor=actor, work_order_id=work_order_id, reason=reason))


def work_order_start_repair(*, actor: Any, work_order_id: int) -> WorkOrderRef:
    return _ref(services.work_order_start_repair(actor=actor, work_order_id=work_order_id))


def work_order_cancel(*, actor: Any, work_order_id: int, reason: str) -> WorkOrderRef:
    return _ref(services.work_order_cancel(actor=actor, work_order_id=work_order_id, reason=reason))


def part_add(*, actor: Any, work_order_id: int, kind: str, origin: str, brand: str, producer: str, cost: Any,
             part_number: str = "", serial_number: str = "", note: str = "") -> RepairPartRecord:
    part = work.part_add(actor=actor, work_order_id=work_order_id, kind=kind, origin=origin, brand=brand,
                         producer=producer, cost=cost, part_number=part_number, serial_number=serial_number,
                         note=note)
    return RepairPartRecord(kind=part.kind, is_main_part=part.is_main_part, origin=part.origin, brand=part.brand,
                            producer=part.producer, part_number=part.part_number)


def labour_add(*, actor: Any, work_order_id: int, minutes: Any, rate: Any, note: str = "") -> WorkOrderRef:
    work.labour_add(actor=actor, work_order_id=work_order_id, minutes=minutes, rate=rate, note=note)
    return work_order_ref(work_order_id)


def work_order_submit(*, actor: Any, work_order_id: int, refurbishment: bool = False) -> WorkOrderRef:
    return _ref(work.work_order_submit(actor=actor, work_order_id=work_order_id, refurbishment=refurbishment))


def quality_check_record(*, actor: Any, work_order_id: int, results: Mapping[str, Any],
                         notes: str = "") -> WorkOrderRef:
    """No failed check: completed (and recorded on the passport); a failed check: back to in_repair."""
    work.quality_check_record(actor=actor, work_order_id=work_order_id, results=results, notes=notes)
    return work_order_ref(work_order_id)
