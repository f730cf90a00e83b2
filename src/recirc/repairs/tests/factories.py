"""Test data for repairs: items through the items test factories (fixture code may use other contexts' models and
factories), and work orders either walked through the services or built in a given state for the table tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from recirc.items.models import Item, ItemIdentifier, ItemState
from recirc.items.tests.factories import VALID_IMEI, ItemFactory, category
from recirc.repairs import services, work
from recirc.repairs.checklists import checklist_for
from recirc.repairs.models import WorkOrder, WorkOrderKind, WorkOrderState

S = WorkOrderState


def phone(operator: Any, *, state: str = ItemState.IN_STOCK, imei: str = VALID_IMEI, **fields: Any) -> Item:
    item = ItemFactory(category=category("mobile-phones"), title="Apple iPhone 13", brand="Apple",
                       model_name="iPhone 13", attributes={"storage_gb": "128", "colour": "黑色"},
                       owner_operator=operator, state=state, **fields)
    ItemIdentifier.objects.create(item=item, kind="imei", value=imei)
    return item


def customer_phone(consumer: Any, outlet: Any, **fields: Any) -> Item:
    """A consumer's own phone, left at the operator's counter for repair."""
    item = ItemFactory(category=category("mobile-phones"), title="Huawei Mate 40", brand="Huawei",
                       model_name="Mate 40", owner_operator=None, owner_user=consumer, outlet=outlet,
                       state=ItemState.IN_STOCK, **fields)
    ItemIdentifier.objects.create(item=item, kind="imei", value="356938035643809")
    return item


def sofa(operator: Any, **fields: Any) -> Item:
    return ItemFactory(category=category("furniture"), title="Three-seat sofa", brand="顾家家居", model_name="",
                       attributes={}, owner_operator=operator, state=ItemState.IN_STOCK, **fields)


def all_pass(order: WorkOrder) -> dict[str, str]:
    return dict.fromkeys(checklist_for(order.category_code), "pass")


def one_fail(order: WorkOrder) -> dict[str, str]:
    return {**all_pass(order), checklist_for(order.category_code)[0]: "fail"}


def opened(world: dict[str, Any], item: Item | None = None, actor: str = "technician_a") -> WorkOrder:
    item = item or world["phone"]
    return services.work_order_open(actor=world[actor], item_id=item.pk, reported_fault="屏幕碎裂，触摸失灵",
                                    intake_notes="边框有划痕")


def quote_arguments() -> dict[str, Any]:
    return {"parts_amount": "450.00", "labour_amount": "80", "valid_until": timezone.localdate() +
            dt.timedelta(days=14), "notes": "Replace the screen"}


def screen(order: WorkOrder, actor: Any, **overrides: Any) -> Any:
    arguments = {"kind": "screen", "origin": "original", "brand": "Apple", "producer": "BOE", "cost": "380.00",
                 "part_number": "661-21978", **overrides}
    return work.part_add(actor=actor, work_order_id=order.pk, **arguments)


def fit_something(order: WorkOrder, actor: Any) -> Any:
    """A phone gets a new original screen; anything else an hour of labour."""
    if order.category_code == "mobile-phones":
        return screen(order, actor)
    return work.labour_add(actor=actor, work_order_id=order.pk, minutes=60, rate="80")


def walk(world: dict[str, Any], order: WorkOrder, target: str) -> WorkOrder:
    """Move an order along the main path (stock orders: the manager approves) until it reaches `target`."""
    steps = {
        S.INTAKE: lambda: services.work_order_diagnose(actor=world["technician_a"], work_order_id=order.pk,
                                                       diagnosis="Cracked screen", faults=["Screen cracked"]),
        S.DIAGNOSED: lambda: services.work_order_quote(actor=world["technician_a"], work_order_id=order.pk,
                                                       **quote_arguments()),
        S.QUOTED: lambda: services.work_order_approve(actor=world["manager_a"] if order.kind == "stock"
                                                      else world["consumer"], work_order_id=order.pk),
        S.APPROVED: lambda: services.work_order_start_repair(actor=world["technician_a"], work_order_id=order.pk),
        S.IN_REPAIR: lambda: (fit_something(order, world["technician_a"]),
                              work.work_order_submit(actor=world["technician_a"], work_order_id=order.pk)),
        S.QUALITY_CHECK: lambda: work.quality_check_record(actor=world["inspector_a"], work_order_id=order.pk,
                                                           results=all_pass(order)),
    }
    order.refresh_from_db()
    while order.state != target:
        steps[WorkOrderState(order.state)]()
        order.refresh_from_db()
    return order


def built(world: dict[str, Any], state: str, item: Item | None = None) -> WorkOrder:
    """A stock work order written straight into `state` with the fields its constraints ask for (for the
    state-table tests: every state, without walking there)."""
    item = item or world["phone"]
    now, user = timezone.now(), world["technician_a"]
    order = WorkOrder(number=f"RTEST-{state[:8]}", item=item, item_code=item.code, item_title=item.title,
                      item_brand=item.brand, item_model=item.model_name, category_code=item.category.code,
                      operator=world["operator_a"], kind=WorkOrderKind.STOCK, requested_by=user, opened_by=user,
                      state=state, reported_fault="Does not charge", diagnosis_notes="Port worn",
                      diagnosed_by=user, diagnosed_at=now)
    if state not in (S.INTAKE, S.DIAGNOSED):
        order.quote_parts, order.quote_labour = Decimal("100.00"), Decimal("50.00")
        order.quote_valid_until, order.quoted_by, order.quoted_at = timezone.localdate(), user, now
    if state in (S.APPROVED, S.DECLINED, S.IN_REPAIR, S.QUALITY_CHECK, S.COMPLETED):
        order.decided_by, order.decided_at = world["manager_a"], now
    if state in (S.IN_REPAIR, S.QUALITY_CHECK, S.COMPLETED):
        order.technician, order.repair_started_at = user, now - dt.timedelta(hours=1)
    if state == S.COMPLETED:
        order.completed_at = now
    if state == S.CANCELLED:
        order.cancelled_at, order.cancelled_by, order.cancel_reason = now, user, "Customer withdrew"
    order.save()
    if state in (S.IN_REPAIR, S.QUALITY_CHECK):
        work.RepairPart.objects.create(work_order=order, kind="charging_port", origin="oem_compatible",
                                       brand="Generic", producer="深圳某电子", cost=Decimal("20.00"), fitted_by=user)
    return order
