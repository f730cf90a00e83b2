"""A work order from intake to completion, and every gate on the way: ownership, the item's state, the quote's
validity, the parts list, the same-person rule of the quality check; the passport event at the end."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from recirc.core.models import AuditEvent
from recirc.items.models import ItemEvent, ItemState
from recirc.items.tests.factories import ItemFactory
from recirc.repairs import facade, services, work
from recirc.repairs.errors import (
    ApprovalForbidden,
    ChecklistInvalid,
    ItemNotRepairable,
    NoWorkRecorded,
    OpenWorkOrderExists,
    QuoteExpired,
    SamePersonCheck,
    WorkOrderInvalid,
)
from recirc.repairs.models import QualityCheck, WorkOrder
from recirc.repairs.tests.conftest import snapshot
from recirc.repairs.tests.factories import all_pass, one_fail, opened, phone, quote_arguments, screen, walk


def test_a_stock_phone_from_intake_to_completion(world: dict[str, Any]) -> None:
    phone_item = world["phone"]
    phone_item.state = ItemState.LISTED
    phone_item.save()
    order = opened(world)
    assert (order.kind, order.customer_id, order.requested_by_id, order.operator_id, order.outlet_id) == (
        "stock", None, world["technician_a"].pk, world["operator_a"].pk, world["outlet_a"].pk)
    assert order.number.startswith(f"R{timezone.localdate():%y%m%d}-") and len(order.number) == 13
    services.work_order_diagnose(actor=world["technician_a"], work_order_id=order.pk,
                                 diagnosis="Screen cracked, digitiser dead", faults="Screen cracked\n\nTouch dead\n")
    services.work_order_quote(actor=world["technician_a"], work_order_id=order.pk, **quote_arguments())
    services.work_order_approve(actor=world["manager_a"], work_order_id=order.pk)
    services.work_order_start_repair(actor=world["technician_a"], work_order_id=order.pk)
    phone_item.refresh_from_db()
    assert phone_item.state == ItemState.IN_STOCK  # off sale while it is repaired
    screen(WorkOrder.objects.get(pk=order.pk), world["technician_a"])
    work.part_add(actor=world["technician_a"], work_order_id=order.pk, kind="battery", origin="oem_compatible",
                  brand="Desay", producer="德赛电池", cost="89.5")
    work.labour_add(actor=world["technician_a"], work_order_id=order.pk, minutes=45, rate="80")
    work.work_order_submit(actor=world["technician_a"], work_order_id=order.pk)
    check = work.quality_check_record(actor=world["inspector_a"], work_order_id=order.pk,
                                      results=all_pass(order))
    order.refresh_from_db()
    assert (order.state, order.found_faults, order.quote_total, order.decided_by, order.technician) == (
        "completed", ["Screen cracked", "Touch dead"], Decimal("530.00"), world["manager_a"], world["technician_a"])
    assert (check.passed, check.checked_by, check.repaired_by) == (True, world["inspector_a"], world["technician_a"])
    event = ItemEvent.objects.filter(item=phone_item).order_by("-pk").first()
    assert (event.kind, event.is_public, event.operator_id) == ("refurbished", True, world["operator_a"].pk)
    assert event.data == {
        "work_order": order.number, "refurbished": True, "refurbishment_declared": False,
        "main_part_replaced": True, "non_original_parts": True,
        "parts": [{"kind": "screen", "main_part": True, "origin": "original", "brand": "Apple", "producer": "BOE",
                   "part_number": "661-21978"},
                  {"kind": "battery", "main_part": True, "origin": "oem_compatible", "brand": "Desay",
                   "producer": "德赛电池", "part_number": ""}]}
    assert list(AuditEvent.objects.filter(target_id=str(order.pk), target_type="repairs.workorder")
                .order_by("pk").values_list("action", flat=True)) == [
        "repairs.work_order_opened", "repairs.work_order_diagnosed", "repairs.work_order_quoted",
        "repairs.quote_approved", "repairs.repair_started", "repairs.part_added", "repairs.part_added",
        "repairs.labour_added", "repairs.submitted_for_check", "repairs.work_order_completed"]


def test_a_customer_approves_the_quote_for_their_own_phone(world: dict[str, Any]) -> None:
    order = opened(world, world["customer_phone"], actor="clerk_a")
    assert (order.kind, order.customer, order.requested_by, order.opened_by) == (
        "customer", world["consumer"], world["consumer"], world["clerk_a"])
    walk(world, order, "quoted")
    before = snapshot()
    with pytest.raises(ApprovalForbidden):
        services.work_order_approve(actor=world["manager_a"], work_order_id=order.pk)
    assert snapshot() == before
    services.work_order_approve(actor=world["consumer"], work_order_id=order.pk)
    order.refresh_from_db()
    assert (order.state, order.decided_by) == ("approved", world["consumer"])
    assert AuditEvent.objects.filter(action="repairs.quote_approved").get().payload["approver_role"] == "consumer"


def test_the_customer_may_decline_with_a_reason(world: dict[str, Any]) -> None:
    order = walk(world, opened(world, world["customer_phone"]), "quoted")
    services.work_order_decline(actor=world["consumer"], work_order_id=order.pk, reason="  太贵了 ")
    order.refresh_from_db()
    assert (order.state, order.decision_note, order.decided_by) == ("declined", "太贵了", world["consumer"])


def test_an_expired_quote_cannot_be_approved_but_can_be_revised(world: dict[str, Any]) -> None:
    order = walk(world, opened(world), "quoted")
    WorkOrder.objects.filter(pk=order.pk).update(quote_valid_until=timezone.localdate() - dt.timedelta(days=1))
    before = snapshot()
    with pytest.raises(QuoteExpired) as refused:
        services.work_order_approve(actor=world["manager_a"], work_order_id=order.pk)
    assert refused.value.status == 409 and snapshot() == before
    services.work_order_quote(actor=world["manager_a"], work_order_id=order.pk, **quote_arguments())
    services.work_order_approve(actor=world["manager_a"], work_order_id=order.pk)
    assert AuditEvent.objects.filter(action="repairs.quote_revised").count() == 1


def test_bad_quotes_are_refused_with_every_error(world: dict[str, Any]) -> None:
    order = walk(world, opened(world), "diagnosed")
    before = snapshot()
    with pytest.raises(WorkOrderInvalid) as refused:
        services.work_order_quote(actor=world["technician_a"], work_order_id=order.pk, parts_amount="-1",
                                  labour_amount="abc", valid_until=timezone.localdate() + dt.timedelta(days=91))
    assert {field: [str(m) for m in messages] for field, messages in refused.value.errors.items()} == {
        "parts_amount": ["The amount cannot be negative."],
        "labour_amount": ["Enter an amount of money such as 1299.00."],
        "valid_until": [f"Choose a date from {timezone.localdate().isoformat()} to "
                        f"{(timezone.localdate() + dt.timedelta(days=90)).isoformat()}."]}
    assert snapshot() == before


def test_opening_checks_the_item(world: dict[str, Any]) -> None:
    opened(world)
    sold = phone(world["operator_a"], state=ItemState.SOLD, imei="352099001761481")
    held = phone(world["operator_a"], state=ItemState.ON_HOLD, imei="353918057036226")
    before = snapshot()
    with pytest.raises(OpenWorkOrderExists):
        opened(world)
    with pytest.raises(ItemNotRepairable) as refused:
        opened(world, sold)
    assert refused.value.text() == "This item cannot be repaired now: its passport says “Sold”."
    with pytest.raises(ItemNotRepairable):
        opened(world, held)
    with pytest.raises(WorkOrderInvalid) as invalid:
        services.work_order_open(actor=world["technician_a"], item_id=world["sofa"].pk, reported_fault="  ")
    assert [str(m) for m in invalid.value.errors["reported_fault"]] == ["This field is required."]
    assert snapshot() == before


def test_an_item_kept_at_the_outlet_but_owned_by_another_operator_is_not_ours_to_repair(world: dict[str, Any]
                                                                                       ) -> None:
    item = ItemFactory(owner_operator=world["operator_b"], outlet=world["outlet_a"])
    with pytest.raises(ItemNotRepairable):
        opened(world, item)
    assert WorkOrder.objects.count() == 0


def test_parts_come_from_the_category_list_with_brand_and_producer(world: dict[str, Any]) -> None:
    order = walk(world, opened(world), "in_repair")
    before = snapshot()
    with pytest.raises(WorkOrderInvalid) as refused:
        work.part_add(actor=world["technician_a"], work_order_id=order.pk, kind="compressor", origin="new",
                      brand="", producer=" ", cost="-3")
    assert {field: [str(m) for m in messages] for field, messages in refused.value.errors.items()} == {
        "kind": ["Choose a part from the list for this kind of goods."],
        "origin": ["Choose original, compatible or used original."],
        "brand": ["This field is required."], "producer": ["This field is required."],
        "cost": ["The amount cannot be negative."]}
    with pytest.raises(WorkOrderInvalid) as wrong_brand:
        screen(order, world["technician_a"], brand="Samsung", producer="Samsung Display")
    assert [str(m) for m in wrong_brand.value.errors["brand"]] == [
        "An original part carries the item's brand (Apple); name the company that made it as the producer."]
    assert snapshot() == before
    part = screen(order, world["technician_a"], brand="苹果")  # the same brand family, written in Chinese
    assert (part.kind, part.is_main_part, part.brand) == ("screen", True, "苹果")


def test_a_part_recorded_by_mistake_can_be_removed_while_repairing(world: dict[str, Any]) -> None:
    order = walk(world, opened(world), "in_repair")
    part = screen(order, world["technician_a"])
    work.part_remove(actor=world["technician_a"], work_order_id=order.pk, part_id=part.pk)
    assert order.parts.count() == 0
    assert AuditEvent.objects.get(action="repairs.part_removed").payload["kind"] == "screen"


def test_submitting_needs_recorded_work(world: dict[str, Any]) -> None:
    order = walk(world, opened(world), "in_repair")
    before = snapshot()
    with pytest.raises(NoWorkRecorded):
        work.work_order_submit(actor=world["technician_a"], work_order_id=order.pk)
    assert snapshot() == before
    work.labour_add(actor=world["technician_a"], work_order_id=order.pk, minutes="30", rate="60")
    assert work.work_order_submit(actor=world["technician_a"], work_order_id=order.pk).state == "quality_check"


def test_the_repairer_may_not_check_their_own_work(world: dict[str, Any]) -> None:
    order = walk(world, opened(world), "quality_check")
    before = snapshot()
    with pytest.raises(SamePersonCheck) as refused:
        work.quality_check_record(actor=world["technician_a"], work_order_id=order.pk, results=all_pass(order))
    assert refused.value.status == 403 and snapshot() == before
    check = work.quality_check_record(actor=world["technician_a2"], work_order_id=order.pk, results=all_pass(order))
    assert (check.passed, check.checked_by, check.repaired_by) == (True, world["technician_a2"],
                                                                    world["technician_a"])


def test_a_technician_who_fitted_a_part_may_not_check_either(world: dict[str, Any]) -> None:
    order = walk(world, opened(world), "in_repair")
    work.part_add(actor=world["technician_a2"], work_order_id=order.pk, kind="battery", origin="original",
                  brand="Apple", producer="ATL", cost="200")
    work.work_order_submit(actor=world["technician_a"], work_order_id=order.pk)
    with pytest.raises(SamePersonCheck):
        work.quality_check_record(actor=world["technician_a2"], work_order_id=order.pk, results=all_pass(order))


def test_the_database_refuses_a_check_by_the_repairer(world: dict[str, Any]) -> None:
    order = walk(world, opened(world), "quality_check")
    with pytest.raises(IntegrityError), transaction.atomic():
        QualityCheck.objects.create(work_order=order, checked_by=world["technician_a"],
                                    repaired_by=world["technician_a"], passed=True, results={})


def test_a_failed_check_goes_back_to_the_technician(world: dict[str, Any]) -> None:
    order = walk(world, opened(world), "quality_check")
    before = snapshot()
    with pytest.raises(ChecklistInvalid) as refused:
        work.quality_check_record(actor=world["inspector_a"], work_order_id=order.pk, results=one_fail(order))
    assert [str(m) for m in refused.value.errors["notes"]] == ["Say what failed, so the technician can put it right."]
    with pytest.raises(ChecklistInvalid) as incomplete:
        work.quality_check_record(actor=world["inspector_a"], work_order_id=order.pk,
                                  results={"powers_on": "pass", "teleport": "pass"})
    assert incomplete.value.code == "repairs.checklist_invalid"
    assert [str(m) for m in incomplete.value.errors["results"]] == ["Unknown checks: teleport."]
    assert snapshot() == before
    failed = work.quality_check_record(actor=world["inspector_a"], work_order_id=order.pk, results=one_fail(order),
                                       notes="Does not power on")
    order.refresh_from_db()
    assert (failed.passed, order.state, ItemEvent.objects.filter(kind__in=["repaired", "refurbished"]).count()) == (
        False, "in_repair", 0)
    work.work_order_submit(actor=world["technician_a"], work_order_id=order.pk)
    work.quality_check_record(actor=world["inspector_a"], work_order_id=order.pk, results=all_pass(order))
    order.refresh_from_db()
    assert (order.state, order.checks.count()) == ("completed", 2)


def test_cosmetic_refurbishment_of_a_sofa_is_declared_and_stays_declared(world: dict[str, Any]) -> None:
    order = walk(world, opened(world, world["sofa"]), "in_repair")
    work.part_add(actor=world["technician_a"], work_order_id=order.pk, kind="hinge", origin="oem_compatible",
                  brand="Hettich", producer="海蒂诗", cost="35")
    work.work_order_submit(actor=world["technician_a"], work_order_id=order.pk, refurbishment=True)
    work.quality_check_record(actor=world["inspector_a"], work_order_id=order.pk,
                              results={**all_pass(order), "upholstery": "na"}, notes="")
    order.refresh_from_db()
    assert (order.refurbishment_declared, facade.item_is_refurbished(world["sofa"].pk)) == (True, True)
    assert ItemEvent.objects.get(item=world["sofa"], kind="refurbished").data["main_part_replaced"] is False


def test_a_repair_without_main_parts_is_not_refurbishment(world: dict[str, Any]) -> None:
    order = walk(world, opened(world), "in_repair")
    work.part_add(actor=world["technician_a"], work_order_id=order.pk, kind="charging_port", origin="original",
                  brand="Apple", producer="Foxconn", cost="60")
    work.work_order_submit(actor=world["technician_a"], work_order_id=order.pk, refurbishment=False)
    walk(world, order, "completed")
    assert ItemEvent.objects.get(item=world["phone"], kind="repaired").data["refurbished"] is False
    assert facade.item_is_refurbished(world["phone"].pk) is False


def test_cancelling_needs_a_reason(world: dict[str, Any]) -> None:
    order = opened(world)
    before = snapshot()
    with pytest.raises(WorkOrderInvalid):
        services.work_order_cancel(actor=world["manager_a"], work_order_id=order.pk, reason="")
    assert snapshot() == before
    services.work_order_cancel(actor=world["manager_a"], work_order_id=order.pk, reason="零件缺货")
    order.refresh_from_db()
    assert (order.state, order.cancel_reason, order.cancelled_by) == ("cancelled", "零件缺货", world["manager_a"])
    assert opened(world).state == "intake"  # a cancelled order leaves the item free for a new one
