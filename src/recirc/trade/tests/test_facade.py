"""The facade other contexts use (after-sales, supervision), and the order state table."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from recirc.core.errors import DomainError
from recirc.trade import facade, fulfilment
from recirc.trade.models import ORDER_TRANSITIONS, OrderState
from recirc.trade.policy import can_transition
from recirc.trade.tests.factories import counter_sale, only_order, paid, placed

S = OrderState


def test_sale_get_describes_the_order_exactly(world: dict[str, Any]) -> None:
    order = only_order(paid(world["buyer"], world["jacket"], world["coat"]))
    sale = facade.sale_get(order.pk)
    assert (sale.number, sale.buyer_user_id, sale.seller_kind, sale.seller_operator_id, sale.seller_outlet_id) == (
        order.number, world["buyer"].pk, "operator", world["operator_a"].pk, world["outlet_a"].pk)
    assert [(line.listing_id, line.listing_version, line.item_id, line.price, line.warranty_days)
            for line in sale.lines] == [(world["jacket"].pk, 1, world["jacket"].item_id, Decimal("199.00"), 90),
                                        (world["coat"].pk, 1, world["coat"].item_id, Decimal("350.50"), 90)]
    assert (sale.paid_total, sale.refunded_total, sale.state, sale.channel) == (Decimal("549.50"), Decimal("0.00"),
                                                                                "paid", "online")
    assert sale.paid_at is not None and sale.completed_at is None
    assert facade.sale_by_receipt_code(order.receipt_code) == sale
    assert facade.sale_by_receipt_code("NOPE") is None
    with pytest.raises(DomainError):
        facade.sale_get(999999)


def test_buyers_see_their_paid_sales_and_completed_ones_are_listed_in_order(world: dict[str, Any]) -> None:
    placed(world["buyer"], world["bookcase"])  # not paid: not a sale
    online = only_order(paid(world["buyer"], world["jacket"]))
    counter = counter_sale(world["clerk_a"], world["coat"], buyer_user_id=world["buyer"].pk)
    assert [sale.order_id for sale in facade.sales_for_buyer(world["buyer"].pk)] == [counter.pk, online.pk]
    assert [sale.order_id for sale in facade.sales_completed_after(0, 10)] == [counter.pk]
    fulfilment.order_ship(actor=world["clerk_a"], order_id=online.pk, carrier="EMS", tracking_number="E1")
    fulfilment.order_confirm(actor=world["buyer"], order_id=online.pk)
    assert [sale.order_id for sale in facade.sales_completed_after(0, 10)] == [online.pk, counter.pk]
    assert [sale.order_id for sale in facade.sales_completed_after(online.pk, 10)] == [counter.pk]


def test_sales_facts_carry_no_personal_data_and_follow_the_cursor(world: dict[str, Any]) -> None:
    online = only_order(paid(world["buyer"], world["jacket"]))
    c2c = only_order(paid(world["buyer"], world["bookcase"]))
    facts = facade.sales_facts(0, 10)
    assert [(f.order_id, f.amount, f.operator_id, f.district_code, f.channel, f.method, f.category_code)
            for f in facts] == [(online.pk, Decimal("199.00"), world["operator_a"].pk, "330106", "online",
                                 "fixed_price", "clothing"),
                                (c2c.pk, Decimal("120.00"), None, "", "online", "fixed_price", "furniture")]
    assert facade.sales_facts(facts[0].id, 10) == facts[1:]


@pytest.mark.parametrize("from_state", list(S))
@pytest.mark.parametrize("to_state", list(S))
def test_the_state_table_is_exactly_this(from_state: str, to_state: str) -> None:
    allowed = {
        (S.PENDING_PAYMENT, S.PAID), (S.PENDING_PAYMENT, S.IN_PLATFORM_INSPECTION), (S.PENDING_PAYMENT, S.CANCELLED),
        (S.PAID, S.SHIPPED), (S.PAID, S.READY_FOR_PICKUP), (S.PAID, S.COMPLETED), (S.PAID, S.REFUNDED),
        (S.IN_PLATFORM_INSPECTION, S.SHIPPED), (S.IN_PLATFORM_INSPECTION, S.REFUNDED),
        (S.SHIPPED, S.DELIVERED), (S.SHIPPED, S.COMPLETED), (S.SHIPPED, S.REFUNDED),
        (S.READY_FOR_PICKUP, S.DELIVERED), (S.READY_FOR_PICKUP, S.REFUNDED),
        (S.DELIVERED, S.COMPLETED), (S.DELIVERED, S.REFUNDED), (S.COMPLETED, S.REFUNDED)}
    assert can_transition(from_state, to_state) == ((from_state, to_state) in allowed)
    assert set(ORDER_TRANSITIONS) == set(S)


def test_the_facade_writes_walk_an_order_and_a_counter_sale(world: dict[str, Any]) -> None:
    placed_ref = facade.checkout_place(actor=world["buyer"], lines=[(world["jacket"].pk, 1)], fulfilment="pickup")
    assert (placed_ref.total, len(placed_ref.order_ids)) == (Decimal("199.00"), 1)
    facade.payment_pay_local(actor=world["buyer"], reference=placed_ref.payment_reference)
    order_id = placed_ref.order_ids[0]
    assert facade.order_ready_for_pickup(actor=world["clerk_a"], order_id=order_id).state == "ready_for_pickup"
    sold = facade.pos_sale(actor=world["clerk_a"], listing_id=world["coat"].pk, expected_version=1, method="card")
    assert (sold.state, sold.channel, sold.buyer_user_id) == ("completed", "in_store", None)
