"""The pull of the platform's own sales: each paid order recorded once as a platform transaction, refunds picked up
as corrections within the overlap, counter and stall sales on their channels, C2C sales left out."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from recirc.core.roles import Role
from recirc.items.tests.factories import OperatorFactory, OutletFactory, UserFactory, staff_member
from recirc.operators.tests.factories import StallTenancyFactory
from recirc.supervision.models import TransactionRecord
from recirc.supervision.trade_feed import feed_cursor, trade_sales_pull
from recirc.trade.facade import refund_issue
from recirc.trade.tests.factories import consumer_item, counter_sale, only_order, paid, published, stock_item


def test_paid_sales_are_recorded_once_and_refunds_correct_them(db: Any) -> None:
    # given an operator's online sale, a counter sale at a stall and a C2C sale
    operator = OperatorFactory(name="甲二手")
    outlet = OutletFactory(operator=operator, name="甲二手文三路店")
    clerk = staff_member(operator, outlet=outlet, username="clerk.feed")
    buyer, seller = UserFactory(role=Role.CONSUMER), UserFactory(role=Role.CONSUMER)
    online = only_order(paid(buyer, published(stock_item(operator, outlet), price="199.00", creator=clerk,
                                              outlet=outlet)))
    stall_listing = published(stock_item(operator, outlet, title="Coat"), price="80.00", creator=clerk, outlet=outlet)
    StallTenancyFactory(vendor=operator, stall__code="A-3")  # the shop also trades from a market stall
    counter_sale(clerk, stall_listing, stall_code="A-3")
    paid(buyer, published(consumer_item(seller), price="50.00", creator=seller))
    # when supervision pulls
    report = trade_sales_pull()
    # then the two operator sales are recorded, the C2C sale skipped
    assert (report.pulled, report.recorded.created, report.skipped_c2c) == (3, 2, 1)
    rows = list(TransactionRecord.objects.order_by("key").values_list(
        "operator_id", "source", "district_code", "category_code", "channel", "method", "amount"))
    assert rows == [(operator.pk, "platform", "330106", "clothing", "online", "sale", Decimal("199.00")),
                    (operator.pk, "platform", "330106", "clothing", "market", "sale", Decimal("80.00"))]
    assert 0 < feed_cursor() <= report.cursor  # C2C sales leave no key behind
    # a second pull changes nothing; a refund since is a correction
    assert trade_sales_pull().recorded.created == 0
    refund_issue(actor=clerk, order_id=online.pk, amount="49", reason="折价", idempotency_key="feed-refund-1")
    again = trade_sales_pull()
    assert (again.recorded.created, again.recorded.updated) == (0, 1)
    assert TransactionRecord.objects.get(channel="online").amount == Decimal("150.00")
