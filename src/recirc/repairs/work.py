"""The repair itself: parts fitted, labour logged, submission for the quality check, the check, and completion.

Completion records a public event on the item's passport (the parts, original or not, their brand and
producer, and whether the item is now refurbished): the sale-time disclosure is built from it and from
facade.repair_history, never from what a seller chooses to say (REGULATIONS.md section 4).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.catalog.facade import brands_compatible
from recirc.items.facade import item_record_event
from recirc.repairs import policy
from recirc.repairs.checklists import RESULTS, checklist_for
from recirc.repairs.errors import (
    ActionNotAllowed,
    ChecklistInvalid,
    NoWorkRecorded,
    PartNotFound,
    SamePersonCheck,
)
from recirc.repairs.models import LabourEntry, QualityCheck, RepairPart, WorkOrder, WorkOrderState
from recirc.repairs.parts import PartOrigin, is_main_part, part_list_for
from recirc.repairs.selectors import repairers
from recirc.repairs.services import locked, move, record, require
from recirc.repairs.validation import Checker

ORIGINAL_ORIGINS = frozenset({PartOrigin.ORIGINAL, PartOrigin.USED_ORIGINAL})
LONGEST_RATE = 10_000


def _require_state(order: WorkOrder, allowed: bool) -> None:
    if not allowed:
        raise ActionNotAllowed(params={"state": WorkOrderState(order.state).label})


def _check_part(order: WorkOrder, data: Mapping[str, Any]) -> dict[str, Any]:
    check = Checker()
    kind = str(data.get("kind") or "")
    if kind not in part_list_for(order.category_code).kinds:
        check.add("kind", _("Choose a part from the list for this kind of goods."))
    origin = str(data.get("origin") or "")
    if origin not in PartOrigin.values:
        check.add("origin", _("Choose original, compatible or used original."))
    brand = check.text("brand", data.get("brand"), limit=60, required=True, single_line=True)
    fields: dict[str, Any] = {
        "kind": kind, "origin": origin, "brand": brand,
        "producer": check.text("producer", data.get("producer"), limit=120, required=True, single_line=True),
        "part_number": check.text("part_number", data.get("part_number"), limit=60, single_line=True),
        "serial_number": check.text("serial_number", data.get("serial_number"), limit=60, single_line=True),
        "note": check.text("note", data.get("note"), limit=300, single_line=True),
        "cost": check.amount("cost", data.get("cost"))}
    if origin in ORIGINAL_ORIGINS and brand and order.item_brand and not brands_compatible(brand, order.item_brand):
        check.add("brand", _("An original part carries the item's brand (%(brand)s); name the company that made "
                             "it as the producer.") % {"brand": order.item_brand})
    check.raise_if_any()
    return fields


@transaction.atomic
def part_add(*, actor: Any, work_order_id: int, kind: str, origin: str, brand: str, producer: str, cost: Any,
             part_number: str = "", serial_number: str = "", note: str = "") -> RepairPart:
    """Record a part fitted during the repair: from the category's list, original or not, brand and producer."""
    order = locked(actor, work_order_id)
    require(actor, order, "part")
    _require_state(order, policy.can_record_part(order))
    fields = _check_part(order, {"kind": kind, "origin": origin, "brand": brand, "producer": producer,
                                 "cost": cost, "part_number": part_number, "serial_number": serial_number,
                                 "note": note})
    part = RepairPart.objects.create(work_order=order, is_main_part=is_main_part(order.category_code, kind),
                                     fitted_by=actor, **fields)
    record(actor, order, "part_added", order.state, part_id=part.pk, kind=part.kind, origin=part.origin,
           main_part=part.is_main_part)
    return part


@transaction.atomic
def part_remove(*, actor: Any, work_order_id: int, part_id: int) -> None:
    """Take back a part recorded by mistake, while the repair is still going on (the audit trail keeps it)."""
    order = locked(actor, work_order_id)
    require(actor, order, "part")
    _require_state(order, policy.can_record_part(order))
    part = order.parts.filter(pk=part_id).first()
    if part is None:
        raise PartNotFound()
    payload = {"part_id": part.pk, "kind": part.kind, "origin": part.origin, "brand": part.brand,
               "producer": part.producer, "main_part": part.is_main_part}
    part.delete()
    record(actor, order, "part_removed", order.state, **payload)


@transaction.atomic
def labour_add(*, actor: Any, work_order_id: int, minutes: Any, rate: Any, note: str = "") -> LabourEntry:
    """Log time spent (diagnosis before the quote, or the repair), at an hourly rate in yuan."""
    order = locked(actor, work_order_id)
    require(actor, order, "labour")
    _require_state(order, policy.can_record_labour(order))
    check = Checker()
    whole = check.whole_number("minutes", minutes, low=1, high=1440)
    hourly = check.amount("rate", rate)
    if hourly is not None and hourly > LONGEST_RATE:
        check.add("rate", _("At most ¥10,000.00 an hour."))
    text = check.text("note", note, limit=300, single_line=True)
    check.raise_if_any()
    entry = LabourEntry.objects.create(work_order=order, technician=actor, minutes=whole, rate=hourly or 0,
                                       note=text)
    record(actor, order, "labour_added", order.state, labour_id=entry.pk, minutes=whole, rate=hourly)
    return entry


@transaction.atomic
def work_order_submit(*, actor: Any, work_order_id: int, refurbishment: bool = False) -> WorkOrder:
    """The repair is done: hand it to the quality check. Declaring refurbishment here cannot be undone."""
    order = locked(actor, work_order_id)
    require(actor, order, "submit")
    from_state = move(order, "submit")
    started = order.repair_started_at
    if not order.parts.exists() and not order.labour.filter(recorded_at__gte=started).exists():
        raise NoWorkRecorded()
    order.refurbishment_declared = order.refurbishment_declared or bool(refurbishment)
    order.submitted_at = timezone.now()
    order.save()
    record(actor, order, "submitted_for_check", from_state, refurbishment_declared=order.refurbishment_declared)
    return order


def _checked_results(order: WorkOrder, results: Mapping[str, Any], notes: str) -> tuple[dict[str, str], str]:
    codes = checklist_for(order.category_code)
    cleaned = {code: str(results.get(code) or "").strip().lower() for code in codes}
    errors: dict[str, list[Any]] = {}
    unknown = sorted(set(results) - set(codes))
    if unknown:
        errors["results"] = [_("Unknown checks: %(codes)s.") % {"codes": ", ".join(map(str, unknown))}]
    for code, value in cleaned.items():
        if value not in RESULTS:
            errors[code] = [_("Choose pass, fail or not applicable.")]
    text = " ".join(str(notes or "").split())[:1001]
    if len(text) > 1000:
        errors["notes"] = [_("At most %(limit)s characters.") % {"limit": 1000}]
    elif "fail" in cleaned.values() and not text:
        errors["notes"] = [_("Say what failed, so the technician can put it right.")]
    if errors:
        raise ChecklistInvalid(errors=errors)
    return cleaned, text


@transaction.atomic
def quality_check_record(*, actor: Any, work_order_id: int, results: Mapping[str, Any],
                         notes: str = "") -> QualityCheck:
    """Check the repair against the category's checklist. No failed check: the order is completed and the
    passport records it; a failed check: back to the technician."""
    order = locked(actor, work_order_id)
    require(actor, order, "check")
    if actor.pk in repairers(order):
        raise SamePersonCheck()
    verb = "fail_check" if "fail" in {str(value).strip().lower() for value in results.values()} else "pass_check"
    from_state = move(order, verb)
    cleaned, text = _checked_results(order, results, notes)
    repairer = order.technician  # set when the repair started (a database constraint for these states)
    check = QualityCheck.objects.create(work_order=order, checked_by=actor, repaired_by=repairer,  # type: ignore[misc]
                                        passed=verb == "pass_check", results=cleaned, notes=text)
    if check.passed:
        _complete(actor, order)
    order.save()
    record(actor, order, "work_order_completed" if check.passed else "quality_check_failed", from_state,
           check_id=check.pk)
    return check


def is_refurbished(order: WorkOrder) -> bool:
    """Refurbished: a main part was replaced or refurbishment was declared. Derived, never a choice."""
    return order.refurbishment_declared or order.parts.filter(is_main_part=True).exists()


def passport_data(order: WorkOrder) -> dict[str, Any]:
    """What the item's passport keeps of a completed repair: parts and flags, no person, no price."""
    parts = [{"kind": part.kind, "main_part": part.is_main_part, "origin": part.origin, "brand": part.brand,
              "producer": part.producer, "part_number": part.part_number} for part in order.parts.all()]
    return {"work_order": order.number, "refurbished": is_refurbished(order),
            "refurbishment_declared": order.refurbishment_declared,
            "main_part_replaced": any(part["main_part"] for part in parts),
            "non_original_parts": any(part["origin"] not in ORIGINAL_ORIGINS for part in parts), "parts": parts}


def _complete(actor: Any, order: WorkOrder) -> None:
    order.completed_at = timezone.now()
    data = passport_data(order)
    item_record_event(actor=actor, item_id=order.item_id, kind="refurbished" if data["refurbished"] else "repaired",
                      data=data, is_public=True, operator_id=order.operator_id)
