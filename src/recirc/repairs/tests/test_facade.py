"""The facade later contexts build on: the repair history for the sale-time disclosure, the refurbished flag, and
whether an item is in an open work order."""

from __future__ import annotations

from typing import Any

from recirc.repairs import facade, work
from recirc.repairs.contracts import RepairHistory, RepairPartRecord, RepairRecord
from recirc.repairs.tests.factories import opened, screen, walk


def test_history_of_an_item_never_repaired_is_empty(world: dict[str, Any]) -> None:
    history = facade.repair_history(world["phone"].pk)
    assert history == RepairHistory(item_id=world["phone"].pk, records=())
    assert (history.is_refurbished, history.has_non_original_parts, history.main_parts_replaced) == (False, False, ())
    assert facade.item_is_refurbished(world["phone"].pk) is False


def test_history_lists_completed_orders_with_their_parts(world: dict[str, Any]) -> None:
    first = walk(world, opened(world), "in_repair")
    screen(first, world["technician_a"])
    work.part_add(actor=world["technician_a"], work_order_id=first.pk, kind="speaker", origin="oem_compatible",
                  brand="AAC", producer="瑞声科技", part_number="SPK-13", cost="25")
    work.work_order_submit(actor=world["technician_a"], work_order_id=first.pk)
    first = walk(world, first, "completed")
    second = walk(world, opened(world), "in_repair")  # a later repair: a used original battery
    work.part_add(actor=world["technician_a"], work_order_id=second.pk, kind="battery", origin="used_original",
                  brand="Apple", producer="Sunwoda", cost="120")
    work.work_order_submit(actor=world["technician_a"], work_order_id=second.pk)
    second = walk(world, second, "completed")
    walk(world, opened(world), "quoted")  # open orders are not history
    history = facade.repair_history(world["phone"].pk)
    assert history == RepairHistory(item_id=world["phone"].pk, records=(
        RepairRecord(work_order_number=first.number, operator_id=world["operator_a"].pk,
                     completed_at=first.completed_at, faults=("Screen cracked",), refurbishment_declared=False,
                     main_part_replaced=True, is_refurbished=True, parts=(
                         RepairPartRecord(kind="screen", is_main_part=True, origin="original", brand="Apple",
                                          producer="BOE", part_number="661-21978"),
                         RepairPartRecord(kind="speaker", is_main_part=False, origin="oem_compatible", brand="AAC",
                                          producer="瑞声科技", part_number="SPK-13"))),
        RepairRecord(work_order_number=second.number, operator_id=world["operator_a"].pk,
                     completed_at=second.completed_at, faults=("Screen cracked",), refurbishment_declared=False,
                     main_part_replaced=True, is_refurbished=True, parts=(
                         RepairPartRecord(kind="battery", is_main_part=True, origin="used_original", brand="Apple",
                                          producer="Sunwoda", part_number=""),))))
    assert (history.is_refurbished, history.has_non_original_parts, history.main_parts_replaced) == (
        True, True, ("screen", "battery"))
    part = history.records[0].parts[1]
    assert (part.kind_label, part.origin_label, part.is_original) == ("Speaker", "Compatible (third-party)", False)
    assert facade.item_is_refurbished(world["phone"].pk) is True


def test_open_work_orders_are_reported(world: dict[str, Any]) -> None:
    assert facade.item_has_open_work_order(world["phone"].pk) is False
    order = opened(world)
    assert facade.item_has_open_work_order(world["phone"].pk) is True
    walk(world, order, "completed")
    assert facade.item_has_open_work_order(world["phone"].pk) is False


def test_home_page_figures_are_scoped(world: dict[str, Any]) -> None:
    order = opened(world)
    assert facade.work_order_counts(world["technician_a"])["intake"] == 1
    assert facade.work_order_counts(world["technician_b"])["intake"] == 0
    assert [summary.number for summary in facade.recent_work_orders(world["manager_a"])] == [order.number]
    assert facade.recent_work_orders(world["consumer"]) == []


def test_writes_through_the_facade_return_refs(world: dict[str, Any]) -> None:
    ref = facade.work_order_open(actor=world["technician_a"], item_id=world["sofa"].pk, reported_fault="Door sags")
    assert (ref.state, ref.kind, ref.item_id, ref.category_code, ref.customer_id) == (
        "intake", "stock", world["sofa"].pk, "furniture", None)
    assert facade.quality_checklist("furniture") == ("structure_stable", "joints_hardware", "surfaces",
                                                     "upholstery", "record_matches")
    assert facade.work_order_diagnose(actor=world["technician_a"], work_order_id=ref.id,
                                      diagnosis="Hinge loose").state == "diagnosed"
    assert facade.work_order_ref(ref.id) == facade.WorkOrderRef(
        id=ref.id, number=ref.number, state="diagnosed", kind="stock", item_id=world["sofa"].pk,
        operator_id=world["operator_a"].pk, customer_id=None, category_code="furniture", refurbishment_declared=False)
