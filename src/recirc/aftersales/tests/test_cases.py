"""Warranty repairs, disputes, the sync from trade, the receipt code, and the deadlines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from recirc.aftersales import deadlines, disputes, returns, tickets, warranties
from recirc.aftersales.errors import AmountTooHigh, CaseInvalid, WarrantyNotFound, WarrantyNotRunning
from recirc.aftersales.models import Dispute, Notice, ServiceTicket, Warranty
from recirc.aftersales.tests.conftest import snapshot
from recirc.aftersales.tests.factories import completed, counter_sale, delivered, photo, record_of, work_order
from recirc.core.models import AuditEvent
from recirc.trade.models import Order


def test_a_repair_under_warranty(world: dict[str, Any]) -> None:
    record = record_of(world, delivered(world, world["jacket"]))
    ticket = tickets.ticket_open(actor=world["buyer"], warranty_id=record.pk, fault="拉链脱落", evidence=[photo()])
    assert (ticket.state, ticket.due_party) == ("open", "seller")
    order = work_order(world, record, fault="拉链脱落")
    ticket = tickets.ticket_accept(actor=world["technician_a"], ticket_id=ticket.pk,
                                   work_order_number=order.number.lower())
    assert (ticket.state, ticket.work_order_number) == ("in_repair", order.number)
    assert ticket.due_at is not None and ticket.due_at > timezone.now() + dt.timedelta(days=14)
    ticket = tickets.ticket_complete(actor=world["technician_a"], ticket_id=ticket.pk, outcome="repaired",
                                     resolution="更换拉链头")
    assert (ticket.state, ticket.outcome, ticket.due_at) == ("completed", "repaired", None)


def test_a_warranty_claim_needs_a_running_warranty(world: dict[str, Any]) -> None:
    record = record_of(world, delivered(world, world["bookcase"]))  # C2C, no warranty
    before = snapshot()
    with pytest.raises(WarrantyNotRunning) as raised:
        tickets.ticket_open(actor=world["buyer"], warranty_id=record.pk, fault="层板断裂")
    assert raised.value.text() == "This item is not under warranty today (no warranty)."
    assert snapshot() == before
    jacket = record_of(world, delivered(world, world["jacket"]))
    Warranty.objects.filter(pk=jacket.pk).update(starts_on=timezone.localdate() - dt.timedelta(days=100),
                                                 ends_on=timezone.localdate() - dt.timedelta(days=11))
    with pytest.raises(WarrantyNotRunning):
        tickets.ticket_open(actor=world["buyer"], warranty_id=jacket.pk, fault="拉链脱落")


def test_an_unrepairable_item_is_refunded_but_only_by_a_role_that_may_refund(world: dict[str, Any]) -> None:
    order = delivered(world, world["jacket"])
    record = record_of(world, order)
    ticket = tickets.ticket_open(actor=world["buyer"], warranty_id=record.pk, fault="面料开裂")
    tickets.ticket_accept(actor=world["technician_a"], ticket_id=ticket.pk)
    before = snapshot()
    with pytest.raises(Exception) as raised:
        tickets.ticket_complete(actor=world["technician_a"], ticket_id=ticket.pk, outcome="refunded",
                                resolution="无法修复", refund_amount="199.00")
    assert raised.value.code == "aftersales.forbidden"  # type: ignore[attr-defined]
    assert snapshot() == before
    with pytest.raises(AmountTooHigh):
        tickets.ticket_complete(actor=world["manager_a"], ticket_id=ticket.pk, outcome="refunded",
                                resolution="无法修复", refund_amount="500")
    done = tickets.ticket_complete(actor=world["manager_a"], ticket_id=ticket.pk, outcome="refunded",
                                   resolution="无法修复", refund_amount="150.00")
    assert (done.refunded_amount, Order.objects.get(pk=order.pk).refunded_total) == (Decimal("150.00"),
                                                                                     Decimal("150.00"))


def test_a_dispute_decided_with_a_refund(world: dict[str, Any]) -> None:
    order = delivered(world, world["jacket"])
    record = record_of(world, order)
    request = returns.return_open(actor=world["buyer"], warranty_id=record.pk, kind="not_as_described",
                                  reason="描述无破损，实际袖口有洞", evidence=[photo()])
    returns.return_refuse(actor=world["clerk_a"], return_id=request.pk, reason="发货时完好")
    dispute = disputes.dispute_open(actor=world["buyer"], warranty_id=record.pk, claim="要求退款", amount_claimed="80",
                                    return_id=request.pk)
    assert (dispute.state, dispute.due_party, dispute.return_request) == ("open", "seller", request)
    disputes.dispute_statement_add(actor=world["clerk_a"], dispute_id=dispute.pk, text="发货前拍照完好",
                                   evidence=[photo("before.png", "Before shipping")])
    dispute.refresh_from_db()
    assert (dispute.state, dispute.due_party) == ("under_review", "platform")
    with pytest.raises(CaseInvalid):
        disputes.dispute_decide(actor=world["moderator"], dispute_id=dispute.pk, outcome="refund", reasons="",
                                refund_amount="80")
    decided = disputes.dispute_decide(actor=world["moderator"], dispute_id=dispute.pk, outcome="refund",
                                      reasons="照片显示袖口破损未在描述中披露。", refund_amount="80.00")
    assert (decided.state, decided.refund_amount, decided.decided_by) == ("decided", Decimal("80.00"),
                                                                          world["moderator"])
    assert Order.objects.get(pk=order.pk).refunded_total == Decimal("80.00")
    assert Notice.objects.filter(kind="dispute_decided").count() == 2
    assert dispute.evidence.count() == 1 and dispute.statements.count() == 1


def test_a_dispute_decided_without_a_refund_moves_no_money(world: dict[str, Any]) -> None:
    order = delivered(world, world["jacket"])
    record = record_of(world, order)
    dispute = disputes.dispute_open(actor=world["buyer"], warranty_id=record.pk, claim="颜色不对")
    disputes.dispute_review(actor=world["admin"], dispute_id=dispute.pk)
    disputes.dispute_decide(actor=world["admin"], dispute_id=dispute.pk, outcome="no_refund",
                            reasons="商品页已标明颜色。")
    assert Order.objects.get(pk=order.pk).refunded_total == Decimal("0.00")


def test_sync_pulls_completed_sales_once(world: dict[str, Any]) -> None:
    completed(world, world["jacket"])
    counter_sale(world, world["coat"])
    assert warranties.warranties_sync_all() == 2
    assert warranties.warranties_sync_all() == 0
    walk_in = Warranty.objects.get(channel="in_store")
    assert (walk_in.buyer, walk_in.receipt_code != "") == (None, True)
    assert AuditEvent.objects.filter(action="aftersales.warranty_recorded").count() == 2


def test_a_walk_in_buyer_claims_the_record_with_the_receipt_code(world: dict[str, Any]) -> None:
    order = counter_sale(world, world["jacket"])
    records = warranties.warranty_claim_by_receipt(actor=world["buyer"], receipt_code=order.receipt_code.lower())
    assert [record.buyer for record in records] == [world["buyer"]]
    with pytest.raises(WarrantyNotFound):
        warranties.warranty_claim_by_receipt(actor=world["other_consumer"], receipt_code=order.receipt_code)
    with pytest.raises(WarrantyNotFound):
        warranties.warranty_claim_by_receipt(actor=world["buyer"], receipt_code="NOPE-0000")


def test_overdue_cases_are_marked_once_with_a_notice(world: dict[str, Any]) -> None:
    record = record_of(world, delivered(world, world["jacket"]))
    request = returns.return_open(actor=world["buyer"], warranty_id=record.pk, kind="no_reason")
    assert deadlines.cases_mark_overdue() == {"return": 0, "ticket": 0, "dispute": 0}
    later = timezone.now() + dt.timedelta(days=4)
    assert deadlines.cases_mark_overdue(now=later) == {"return": 1, "ticket": 0, "dispute": 0}
    assert deadlines.cases_mark_overdue(now=later) == {"return": 0, "ticket": 0, "dispute": 0}
    request.refresh_from_db()
    assert request.overdue_at == later
    assert Notice.objects.filter(kind="overdue_requested", recipient_operator=world["operator_a"]).count() == 1
    event = AuditEvent.objects.get(action="aftersales.case_overdue")
    assert (event.actor, event.payload["due_party"]) == (None, "seller")
    returns.return_approve(actor=world["clerk_a"], return_id=request.pk)
    request.refresh_from_db()
    assert request.overdue_at is None and request.due_party == "buyer"


def test_no_case_for_a_voided_record(world: dict[str, Any]) -> None:
    record = record_of(world, delivered(world, world["jacket"]))
    request = returns.return_open(actor=world["buyer"], warranty_id=record.pk, kind="no_reason")
    for verb in (returns.return_approve, returns.return_receive, returns.return_refund):
        verb(actor=world["clerk_a"], return_id=request.pk)
    with pytest.raises(Exception) as raised:
        disputes.dispute_open(actor=world["buyer"], warranty_id=record.pk, claim="还想要赔偿")
    assert raised.value.code == "aftersales.warranty_void"  # type: ignore[attr-defined]
    assert Dispute.objects.count() == 0 and ServiceTicket.objects.count() == 0


def test_photo_evidence_is_kept_without_its_metadata(world: dict[str, Any]) -> None:
    import io

    from PIL import Image

    from recirc.aftersales.evidence import EvidenceFile

    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x8825] = {2: (30.0, 15.0, 0.0)}  # GPSInfo: a latitude
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "blue").save(buffer, format="JPEG", exif=exif)
    record = record_of(world, delivered(world, world["jacket"]))
    ticket = tickets.ticket_open(actor=world["buyer"], warranty_id=record.pk, fault="屏幕闪烁",
                                 evidence=[EvidenceFile(name="where.jpg", content=buffer.getvalue())])
    stored = ticket.evidence.get()
    with stored.file.open("rb") as handle, Image.open(handle) as image:
        assert dict(image.getexif()) == {}
    assert stored.content_type == "image/jpeg"


def test_a_ticket_names_only_the_sellers_work_order_for_its_item(world: dict[str, Any]) -> None:
    # Given a warranty claim on the jacket, and a work order at the same shop for another item
    record = record_of(world, delivered(world, world["jacket"]))
    ticket = tickets.ticket_open(actor=world["buyer"], warranty_id=record.pk, fault="拉链脱落", evidence=[photo()])
    other = record_of(world, delivered(world, world["coat"]))
    elsewhere = work_order(world, other, fault="纽扣脱落")
    before = snapshot()

    # When the technician names a number no work order has, or that other item's work order
    refusals = []
    for number in ("R261201-ZZZZZ", elsewhere.number):
        with pytest.raises(CaseInvalid) as raised:
            tickets.ticket_accept(actor=world["technician_a"], ticket_id=ticket.pk, work_order_number=number)
        refusals.append([str(message) for message in raised.value.errors["work_order_number"]])

    # Then each is refused with its reason and nothing changed
    assert refusals == [["No repair work order has this number."],
                        ["This work order is for another item or another shop."]]
    assert snapshot() == before
