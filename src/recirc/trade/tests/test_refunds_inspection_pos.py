"""Refunds (partial, full, never more than paid, from escrow or from the seller), platform inspection (验货) and
the counter sale, each with its exact ledger movements."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from recirc.core.errors import DomainError
from recirc.items.models import Item, ItemState
from recirc.listings.models import Listing
from recirc.operators.tests.factories import StallTenancyFactory
from recirc.trade import facade, fulfilment, pos, refunds
from recirc.trade.ledger import ledger_verify
from recirc.trade.models import Account, Order, OrderState
from recirc.trade.tests.conftest import snapshot
from recirc.trade.tests.factories import only_order, paid


def balance(code: str) -> Decimal:
    return Account.objects.get(code=code).balance


def test_partial_then_full_refund_before_release_comes_out_of_escrow(world: dict[str, Any]) -> None:
    order = only_order(paid(world["buyer"], world["jacket"]))
    first = facade.refund_issue(actor=world["manager_a"], order_id=order.pk, amount="50", reason="划痕折价",
                                idempotency_key="refund-0001")
    assert (first.amount, first.from_escrow, first.replayed) == (Decimal("50.00"), True, False)
    order.refresh_from_db()
    assert (order.state, order.refunded_total) == (OrderState.PAID, Decimal("50.00"))
    assert balance("escrow") == Decimal("-149.00")
    assert balance("clearing:local") == Decimal("149.00")
    assert balance("refunds") == Decimal("0.00")
    # the rest: the order is refunded and, never sent, its item goes back to the seller
    facade.refund_issue(actor=world["manager_a"], order_id=order.pk, amount="149.00", reason="卖家取消",
                        idempotency_key="refund-0002")
    order.refresh_from_db()
    assert (order.state, order.refunded_total) == (OrderState.REFUNDED, Decimal("199.00"))
    item = Item.objects.get(pk=world["jacket"].item_id)
    assert (item.state, item.owner_operator_id, item.owner_user_id) == (ItemState.IN_STOCK, world["operator_a"].pk,
                                                                          None)
    assert ledger_verify().holds


def test_refunding_more_than_paid_is_refused_and_changes_nothing(world: dict[str, Any]) -> None:
    order = only_order(paid(world["buyer"], world["jacket"]))
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        facade.refund_issue(actor=world["manager_a"], order_id=order.pk, amount="199.01", reason="too much",
                            idempotency_key="refund-0003")
    assert refused.value.code == "trade.refund_exceeds_paid"
    assert refused.value.text() == "At most ¥199.00 can still be refunded on this order."
    assert snapshot() == before


def test_the_same_refund_key_refunds_once_and_another_body_is_refused(world: dict[str, Any]) -> None:
    order = only_order(paid(world["buyer"], world["jacket"]))
    first = facade.refund_issue(actor=world["manager_a"], order_id=order.pk, amount="20", reason="折价",
                                idempotency_key="refund-0004")
    again = facade.refund_issue(actor=world["manager_a"], order_id=order.pk, amount="20", reason="折价",
                                idempotency_key="refund-0004")
    assert (again.id, again.replayed) == (first.id, True)
    with pytest.raises(DomainError) as refused:
        facade.refund_issue(actor=world["manager_a"], order_id=order.pk, amount="30", reason="折价",
                            idempotency_key="refund-0004")
    assert (refused.value.code, refused.value.status) == ("trade.idempotency_mismatch", 422)
    assert Order.objects.get(pk=order.pk).refunded_total == Decimal("20.00")


def test_a_refund_after_release_comes_out_of_the_sellers_account(world: dict[str, Any]) -> None:
    order = only_order(paid(world["buyer"], world["jacket"]))
    fulfilment.order_ship(actor=world["clerk_a"], order_id=order.pk, carrier="EMS", tracking_number="E1")
    fulfilment.order_confirm(actor=world["buyer"], order_id=order.pk)
    refund = facade.refund_issue(actor=None, order_id=order.pk, amount="100", reason="退货 return",
                                 idempotency_key="aftersales-77")
    assert refund.from_escrow is False
    assert balance(f"seller:operator:{world['operator_a'].pk}") == Decimal("-89.05")
    assert Order.objects.get(pk=order.pk).state == OrderState.COMPLETED
    assert ledger_verify().holds


@pytest.mark.parametrize("actor", ["buyer", "clerk_b", "technician_a", "regulator"])
def test_only_the_selling_side_may_refund(world: dict[str, Any], actor: str) -> None:
    order = only_order(paid(world["buyer"], world["jacket"]))
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        refunds.refund_order(actor=world[actor], order_id=order.pk, amount="10", reason="no")
    assert refused.value.code == {"buyer": "trade.forbidden", "clerk_b": "trade.order_not_found",
                                  "technician_a": "trade.forbidden", "regulator": "trade.forbidden"}[actor]
    assert snapshot() == before


def test_platform_inspection_pass_ships_on_to_the_buyer(world: dict[str, Any]) -> None:
    order = only_order(paid(world["buyer"], world["bookcase"], inspection=True))
    assert (order.state, order.inspection_requested) == (OrderState.IN_PLATFORM_INSPECTION, True)
    with pytest.raises(DomainError):  # the seller may not skip the inspection
        fulfilment.order_ship(actor=world["seller"], order_id=order.pk, carrier="EMS", tracking_number="E1")
    fulfilment.inspection_pass(actor=world["platform_inspector"], order_id=order.pk, carrier="京东物流",
                               tracking_number="JD0001", note="与描述一致")
    order.refresh_from_db()
    assert (order.state, order.carrier, order.inspection_note) == (OrderState.SHIPPED, "京东物流", "与描述一致")


def test_platform_inspection_fail_refunds_in_full_and_returns_the_item(world: dict[str, Any]) -> None:
    order = only_order(paid(world["buyer"], world["bookcase"], inspection=True))
    with pytest.raises(DomainError) as refused:
        fulfilment.inspection_fail(actor=world["clerk_a"], order_id=order.pk, note="damaged")
    assert refused.value.code == "trade.forbidden"
    fulfilment.inspection_fail(actor=world["platform_inspector"], order_id=order.pk, note="背板开裂，与描述不符")
    order.refresh_from_db()
    assert (order.state, order.refunded_total) == (OrderState.REFUNDED, Decimal("120.00"))
    item = Item.objects.get(pk=world["bookcase"].item_id)
    assert (item.state, item.owner_user_id) == (ItemState.IN_STOCK, world["seller"].pk)
    assert balance("escrow") == Decimal("0.00")
    assert ledger_verify().holds


def test_counter_sale_to_a_walk_in_buyer_completes_at_once(world: dict[str, Any]) -> None:
    offer = pos.pos_lookup(actor=world["clerk_a"], item_code=world["jacket"].item_code.lower())
    order = pos.pos_sale(actor=world["clerk_a"], listing_id=offer.id, expected_version=offer.version, method="cash")
    assert (order.state, order.channel, order.buyer_id, order.fulfilment) == ("completed", "in_store", None,
                                                                               "counter")
    assert balance(f"cash:outlet:{world['outlet_a'].pk}") == Decimal("199.00")
    assert balance(f"seller:operator:{world['operator_a'].pk}") == Decimal("-199.00")
    item = Item.objects.get(pk=world["jacket"].item_id)
    assert (item.state, item.owner_operator_id, item.owner_user_id) == ("sold", None, None)
    assert Listing.objects.get(pk=world["jacket"].pk).status == "sold"
    assert facade.sale_by_receipt_code(order.receipt_code.lower()).order_id == order.pk
    assert ledger_verify().holds


def test_counter_sale_is_refused_for_another_operators_item(world: dict[str, Any]) -> None:
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        pos.pos_lookup(actor=world["clerk_b"], item_code=world["jacket"].item_code)
    assert refused.value.code == "trade.item_not_for_sale"
    with pytest.raises(DomainError):
        pos.pos_sale(actor=world["clerk_b"], listing_id=world["jacket"].pk, expected_version=1, method="cash")
    assert snapshot() == before


def test_a_stall_sale_is_recorded_against_the_vendor_and_stall(world: dict[str, Any]) -> None:
    StallTenancyFactory(vendor=world["operator_a"], stall__code="B-12")
    order = pos.pos_sale(actor=world["clerk_a"], listing_id=world["coat"].pk, expected_version=1, method="qr",
                         buyer_user_id=world["buyer"].pk, stall_code="B-12")
    assert (order.channel, order.stall_code, order.buyer_id) == ("stall", "B-12", world["buyer"].pk)
    assert balance("clearing:counter_qr") == Decimal("350.50")
    assert [fact.channel for fact in facade.sales_facts(0, 10)] == ["stall"]


@pytest.mark.parametrize("tenancy", ["none", "another vendor's", "ended"])
def test_a_stall_the_vendor_does_not_rent_today_is_refused(world: dict[str, Any], tenancy: str) -> None:
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    if tenancy == "another vendor's":
        StallTenancyFactory(stall__code="B-12")
    elif tenancy == "ended":
        StallTenancyFactory(vendor=world["operator_a"], stall__code="B-12", starts_on=today - dt.timedelta(days=30),
                            ends_on=today - dt.timedelta(days=1))
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        pos.pos_sale(actor=world["clerk_a"], listing_id=world["coat"].pk, expected_version=1, method="cash",
                     stall_code="B-12")
    assert refused.value.code == "trade.stall_invalid"
    assert snapshot() == before
