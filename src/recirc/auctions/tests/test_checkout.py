"""The winner pays: the lot's listings move from the auction's reservation to a trade checkout at the final
price (spread over the items), paid through the ledger like any sale; once only; lapsed after the deadline."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from recirc.auctions import services
from recirc.auctions.models import Auction, LotItem
from recirc.auctions.tests.test_services import create, snapshot, states
from recirc.core.errors import DomainError
from recirc.core.models import AuditEvent
from recirc.items.models import Item
from recirc.trade.facade import payment_pay_local
from recirc.trade.models import Order, OrderLine

D = Decimal
ADDRESS = "浙江省杭州市西湖区文三路 90 号 3 幢 501"


@pytest.mark.parametrize(("total", "weights", "expected"), [
    (D("100"), [D("1")], [D("100")]),
    (D("100"), [D("2999"), D("450")], [D("86.96"), D("13.04")]),
    (D("10"), [D("1"), D("1"), D("1")], [D("3.34"), D("3.33"), D("3.33")]),
    (D("0.03"), [D("1000"), D("1"), D("1")], [D("0.01"), D("0.01"), D("0.01")]),
])
def test_shares_add_up_to_the_cent(total: Decimal, weights: list[Decimal], expected: list[Decimal]) -> None:
    assert services.shares(total, weights) == expected
    assert sum(services.shares(total, weights)) == total


def won(world: dict[str, Any], **overrides: Any) -> Auction:
    auction = create(world, listing_ids=[world["phone"].pk, world["bookcase"].pk], **overrides)
    services.bid_place(actor=world["alice"], auction_id=auction.pk, maximum="1000")
    services.bid_place(actor=world["bob"], auction_id=auction.pk, maximum="600")
    [closed] = services.auctions_close_due(now=auction.ends_at)
    assert (closed.winner_id, closed.final_price) == (world["alice"].pk, D("610"))
    return closed


def test_the_winner_checks_out_and_pays(world: dict[str, Any]) -> None:
    auction = won(world)
    placed = services.auction_checkout(actor=world["alice"], auction_id=auction.pk, fulfilment="shipping",
                                       address=ADDRESS)
    assert placed.total == D("610.00")
    [order] = Order.objects.filter(pk__in=placed.order_ids)
    lines = list(OrderLine.objects.filter(order=order).order_by("listing_id").values_list("listing_code", "price"))
    # 610 spread over 2,999 and 450 yuan listings
    assert lines == [(world["phone"].code, D("530.42")), (world["bookcase"].code, D("79.58"))]
    assert (order.buyer_id, order.seller_operator_id, order.total) == (world["alice"].pk, world["operator_a"].pk,
                                                                       D("610.00"))
    assert states(world["phone"], world["bookcase"]) == [("reserved", placed.number, "reserved")] * 2
    auction.refresh_from_db()
    assert auction.checkout_number == placed.number
    assert LotItem.objects.filter(auction=auction, live=True).count() == 0
    payment_pay_local(actor=world["alice"], reference=placed.payment_reference)
    order.refresh_from_db()
    assert order.state == "paid"
    assert set(Item.objects.filter(pk__in=[world["phone"].item_id, world["bookcase"].item_id])
               .values_list("state", "owner_user_id")) == {("sold", world["alice"].pk)}


def test_only_the_winner_once(world: dict[str, Any]) -> None:
    auction = won(world)
    before = snapshot()
    for actor in (world["bob"], world["clerk_a"], world["regulator"]):
        with pytest.raises(DomainError) as refused:
            services.auction_checkout(actor=actor, auction_id=auction.pk, fulfilment="pickup")
        assert refused.value.code == "auctions.checkout_forbidden"
    with pytest.raises(DomainError) as refused:
        services.auction_checkout(actor=world["alice"], auction_id=auction.pk, fulfilment="shipping", address="短")
    assert refused.value.code == "trade.address_invalid"
    assert snapshot() == before
    placed = services.auction_checkout(actor=world["alice"], auction_id=auction.pk, fulfilment="pickup")
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        services.auction_checkout(actor=world["alice"], auction_id=auction.pk, fulfilment="pickup")
    assert (refused.value.code, refused.value.text()) == (
        "auctions.already_checked_out", f"This lot is already in checkout {placed.number}: pay it there.")
    assert snapshot() == before


def test_open_or_unsold_auctions_have_no_checkout(world: dict[str, Any]) -> None:
    auction = create(world)
    services.bid_place(actor=world["alice"], auction_id=auction.pk, maximum="300")
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        services.auction_checkout(actor=world["alice"], auction_id=auction.pk, fulfilment="pickup")
    assert refused.value.code == "auctions.checkout_forbidden"
    assert snapshot() == before


def test_an_unpaid_win_lapses_and_the_lot_returns_to_sale(world: dict[str, Any]) -> None:
    auction = won(world)
    assert services.auctions_lapse_unpaid(now=auction.closed_at + dt.timedelta(days=2, hours=23)) == []
    [lapsed] = services.auctions_lapse_unpaid(now=auction.closed_at + dt.timedelta(days=3))
    assert (lapsed.pk, lapsed.outcome) == (auction.pk, "unpaid")
    assert states(world["phone"], world["bookcase"]) == [("published", "", "listed")] * 2
    assert AuditEvent.objects.filter(action="auction.unpaid").count() == 1
    assert services.auctions_lapse_unpaid(now=timezone.now() + dt.timedelta(days=9)) == []
    with pytest.raises(DomainError) as refused:
        services.auction_checkout(actor=world["alice"], auction_id=auction.pk, fulfilment="pickup")
    assert refused.value.code == "auctions.checkout_forbidden"
