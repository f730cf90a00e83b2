"""Returns: the no-reason window, reasons with evidence, the walk through approval, the goods coming back and the
refund through the ledger (once), and refusals that change nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from recirc.aftersales import returns
from recirc.aftersales.errors import (
    ActionNotAllowed,
    AmountTooHigh,
    CaseInvalid,
    NoReasonNotOffered,
    OpenCaseExists,
    ReturnWindowClosed,
)
from recirc.aftersales.models import Notice, ReturnState, Warranty
from recirc.aftersales.tests.conftest import snapshot
from recirc.aftersales.tests.factories import counter_sale, delivered, photo, record_of
from recirc.core.models import AuditEvent
from recirc.items.models import Item, ItemState
from recirc.trade.models import Order, Refund


def test_delivery_makes_the_record_from_the_sale_terms(world: dict[str, Any]) -> None:
    order = delivered(world, world["jacket"])
    record = record_of(world, order)
    today = timezone.localdate()
    assert (record.order_number, record.price, record.warranty_days, record.return_window_days) == (
        order.number, Decimal("199.00"), 90, 7)
    assert (record.starts_on, record.ends_on) == (today, today + dt.timedelta(days=89))
    assert (record.buyer, record.seller_operator, record.channel) == (world["buyer"], world["operator_a"], "online")
    assert record.terms_text == "三个月保修 Three months' warranty"
    assert record.covers()


def test_a_no_reason_return_goes_all_the_way_to_the_refund(world: dict[str, Any]) -> None:
    order = delivered(world, world["jacket"])
    record = record_of(world, order)
    request = returns.return_open(actor=world["buyer"], warranty_id=record.pk, kind="no_reason")
    assert (request.state, request.amount, request.due_party) == ("requested", Decimal("199.00"), "seller")
    assert Notice.objects.filter(recipient_operator=world["operator_a"], kind="return_requested").count() == 1
    returns.return_approve(actor=world["clerk_a"], return_id=request.pk)
    returns.return_ship_back(actor=world["buyer"], return_id=request.pk, carrier="顺丰", tracking_number="SF1")
    returns.return_receive(actor=world["clerk_a"], return_id=request.pk)
    item = Item.objects.get(pk=record.item_id)
    assert (item.state, item.owner_operator_id, item.owner_user_id) == (ItemState.IN_STOCK, world["operator_a"].pk,
                                                                       None)
    request = returns.return_refund(actor=world["manager_a"], return_id=request.pk)
    order.refresh_from_db()
    assert (request.state, request.refunded_amount, order.refunded_total, order.state) == (
        ReturnState.REFUNDED, Decimal("199.00"), Decimal("199.00"), "refunded")
    assert Refund.objects.get(order=order).amount == Decimal("199.00")
    assert Warranty.objects.get(pk=record.pk).state == "void"
    assert list(AuditEvent.objects.filter(action__startswith="aftersales.return").order_by("id")
                .values_list("action", flat=True)) == [
        "aftersales.return_requested", "aftersales.return_approved", "aftersales.return_sent_back",
        "aftersales.return_goods_received", "aftersales.return_refunded"]


def test_the_refund_moves_money_once_even_when_the_trade_call_is_repeated(world: dict[str, Any]) -> None:
    from recirc.trade.facade import refund_issue

    record = record_of(world, delivered(world, world["jacket"]))
    request = returns.return_open(actor=world["buyer"], warranty_id=record.pk, kind="no_reason")
    for verb in (returns.return_approve, returns.return_receive, returns.return_refund):
        request = verb(actor=world["clerk_a"], return_id=request.pk)
    again = refund_issue(actor=None, order_id=record.order_id, amount=request.amount,
                         reason=f"Return {request.number}", idempotency_key=request.idempotency_key)
    assert again.replayed is True
    assert Refund.objects.filter(order_id=record.order_id).count() == 1


def test_the_no_reason_window_closes(world: dict[str, Any]) -> None:
    record = record_of(world, delivered(world, world["jacket"]))
    Warranty.objects.filter(pk=record.pk).update(delivered_at=timezone.now() - dt.timedelta(days=8))
    before = snapshot()
    with pytest.raises(ReturnWindowClosed) as raised:
        returns.return_open(actor=world["buyer"], warranty_id=record.pk, kind="no_reason")
    ends = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    assert raised.value.text() == (f"The no-reason return window of 7 days ended on {ends}. Give a reason and "
                                   "evidence instead.")
    assert snapshot() == before


def test_the_legal_window_applies_online_even_if_the_listing_said_less(world: dict[str, Any], settings: Any) -> None:
    settings.RECIRC_NO_REASON_RETURN_DAYS = 10
    record = record_of(world, delivered(world, world["coat"]))  # the coat's listing offered 0 days
    Warranty.objects.filter(pk=record.pk).update(delivered_at=timezone.now() - dt.timedelta(days=9))
    request = returns.return_open(actor=world["buyer"], warranty_id=record.pk, kind="no_reason")
    assert request.state == "requested"


def test_a_counter_sale_without_a_return_policy_has_no_no_reason_return(world: dict[str, Any]) -> None:
    order = counter_sale(world, world["coat"], buyer=world["buyer"])
    record = record_of(world, order)
    with pytest.raises(NoReasonNotOffered):
        returns.return_open(actor=world["buyer"], warranty_id=record.pk, kind="no_reason")


def test_other_returns_need_a_reason_and_evidence(world: dict[str, Any]) -> None:
    record = record_of(world, delivered(world, world["jacket"]))
    before = snapshot()
    with pytest.raises(CaseInvalid) as raised:
        returns.return_open(actor=world["buyer"], warranty_id=record.pk, kind="defective")
    assert sorted(raised.value.errors) == ["evidence", "reason"]
    assert snapshot() == before
    request = returns.return_open(actor=world["buyer"], warranty_id=record.pk, kind="defective",
                                  reason="拉链坏了", evidence=[photo()])
    assert [(row.party, row.content_type, row.file_name) for row in request.evidence.all()] == [
        ("buyer", "image/png", "crack.png")]


def test_the_amount_is_never_more_than_the_price(world: dict[str, Any]) -> None:
    record = record_of(world, delivered(world, world["jacket"]))
    before = snapshot()
    with pytest.raises(AmountTooHigh) as raised:
        returns.return_open(actor=world["buyer"], warranty_id=record.pk, kind="no_reason", amount="199.01")
    assert raised.value.text() == "At most ¥199.00 can be refunded for this item."
    assert snapshot() == before


def test_the_ledger_refuses_more_than_was_paid_and_nothing_changes(world: dict[str, Any]) -> None:
    from recirc.core.errors import Conflict
    from recirc.trade.facade import refund_issue

    order = delivered(world, world["jacket"])
    record = record_of(world, order)
    request = returns.return_open(actor=world["buyer"], warranty_id=record.pk, kind="no_reason")
    returns.return_approve(actor=world["clerk_a"], return_id=request.pk)
    returns.return_receive(actor=world["clerk_a"], return_id=request.pk)
    refund_issue(actor=world["clerk_a"], order_id=order.pk, amount="50.00", reason="Goodwill",
                 idempotency_key="goodwill-0001")  # part was refunded elsewhere meanwhile
    before = snapshot()
    with pytest.raises(Conflict) as raised:
        returns.return_refund(actor=world["clerk_a"], return_id=request.pk)
    assert raised.value.code == "trade.refund_exceeds_paid"
    assert snapshot() == before
    assert Order.objects.get(pk=order.pk).refunded_total == Decimal("50.00")


def test_one_open_return_per_item(world: dict[str, Any]) -> None:
    record = record_of(world, delivered(world, world["jacket"]))
    first = returns.return_open(actor=world["buyer"], warranty_id=record.pk, kind="no_reason")
    with pytest.raises(OpenCaseExists) as raised:
        returns.return_open(actor=world["buyer"], warranty_id=record.pk, kind="no_reason")
    assert raised.value.params == {"number": first.number}


def test_refusing_needs_a_reason_and_closes_the_case(world: dict[str, Any]) -> None:
    record = record_of(world, delivered(world, world["jacket"]))
    request = returns.return_open(actor=world["buyer"], warranty_id=record.pk, kind="no_reason")
    with pytest.raises(CaseInvalid):
        returns.return_refuse(actor=world["clerk_a"], return_id=request.pk, reason=" ")
    refused = returns.return_refuse(actor=world["clerk_a"], return_id=request.pk, reason="吊牌已剪，影响二次销售")
    assert (refused.state, refused.due_at, refused.closed_at is not None) == ("refused", None, True)
    with pytest.raises(ActionNotAllowed):
        returns.return_approve(actor=world["clerk_a"], return_id=request.pk)
