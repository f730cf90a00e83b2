"""Auction services: creating a lot, bidding under the lock, buy-it-now, closing, cancelling, and who may."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from recirc.auctions import services
from recirc.auctions.models import Auction, AuctionOutcome, AuctionState, Bid, LotItem
from recirc.core.errors import DomainError
from recirc.core.models import AuditEvent
from recirc.core.roles import Role
from recirc.items.models import Item
from recirc.items.tests.factories import OperatorFactory, staff_member
from recirc.listings.models import Listing
from recirc.listings.tests.factories import published, ready_phone

D = Decimal


def snapshot() -> tuple[Any, ...]:
    return (AuditEvent.objects.count(), Bid.objects.count(), LotItem.objects.count(),
            list(Auction.objects.order_by("pk").values_list("pk", "state", "outcome", "price", "leader_id",
                                                              "leader_max", "bid_count", "ends_at", "winner_id")),
            list(Item.objects.order_by("pk").values_list("pk", "state")),
            list(Listing.objects.order_by("pk").values_list("pk", "status", "order_ref")))


def states(*listings: Listing) -> list[tuple[str, str, str]]:
    """(listing status, its order reference, the item's state) of each listing, read afresh."""
    found = {row[0]: row[1:] for row in Listing.objects.filter(pk__in=[listing.pk for listing in listings])
             .values_list("pk", "status", "order_ref", "item__state")}
    return [found[listing.pk] for listing in listings]


def create(world: dict[str, Any], *, minutes: int = 60, **overrides: Any) -> Auction:
    now = timezone.now()
    arguments: dict[str, Any] = {
        "actor": world["manager_a"], "operator_id": world["operator_a"].pk, "listing_ids": [world["phone"].pk],
        "title": "华为 Mate 40 Pro 8+256G", "starts_at": now - dt.timedelta(minutes=1),
        "ends_at": now + dt.timedelta(minutes=minutes), "start_price": "100", **overrides}
    return services.auction_create(**arguments)


def test_create_lists_the_items_and_records_the_lot(world: dict[str, Any]) -> None:
    auction = create(world, listing_ids=[world["phone"].pk, world["bookcase"].pk], reserve_price="300",
                     buy_now_price="800")
    assert (auction.state, auction.outcome, auction.format) == ("open", "pending", "english")
    assert (auction.start_price, auction.reserve_price, auction.buy_now_price) == (D("100"), D("300"), D("800"))
    assert auction.increments[0] == ["0", "1"] and auction.code.startswith("A")
    phone, bookcase = world["phone"], world["bookcase"]
    assert list(LotItem.objects.filter(auction=auction).values_list("listing_code", "item_code", "listing_version")) \
        == [(phone.code, phone.item_code, phone.version), (bookcase.code, bookcase.item_code, bookcase.version)]
    reference = f"auction:{auction.code}"
    assert states(world["phone"], world["bookcase"]) == [("reserved", reference, "reserved")] * 2
    event = AuditEvent.objects.filter(action="auction.created").get()
    assert event.payload["listings"] == [world["phone"].code, world["bookcase"].code]


@pytest.mark.parametrize(("overrides", "code", "field"), [
    ({"title": "  "}, "auctions.invalid", "title"),
    ({"start_price": "0"}, "auctions.invalid", "start_price"),
    ({"start_price": "12.345"}, "auctions.invalid", "start_price"),
    ({"start_price": "abc"}, "auctions.invalid", "start_price"),
    ({"reserve_price": "50"}, "auctions.invalid", "reserve_price"),
    ({"buy_now_price": "100"}, "auctions.invalid", "buy_now_price"),
    ({"format": "sealed", "buy_now_price": "500"}, "auctions.invalid", "buy_now_price"),
    ({"format": "dutch"}, "auctions.invalid", "format"),
    ({"listing_ids": []}, "auctions.invalid", "listings"),
    ({"increments": [["5", "1"]]}, "auctions.invalid", "increments"),
    ({"minutes": -5}, "auctions.invalid", "ends_at"),
    ({"minutes": 60 * 24 * 31}, "auctions.invalid", "ends_at"),
])
def test_bad_lots_are_refused_and_change_nothing(world: dict[str, Any], overrides: dict[str, Any], code: str,
                                                 field: str) -> None:
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        create(world, **overrides)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert snapshot() == before


def test_listings_of_others_or_already_auctioned_are_refused(world: dict[str, Any]) -> None:
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        create(world, actor=world["manager_b"], operator_id=world["operator_b"].pk)
    assert refused.value.code == "auctions.item_not_auctionable"
    assert snapshot() == before
    create(world)
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        create(world)
    assert refused.value.code == "auctions.item_not_auctionable"  # reserved for the first auction
    assert snapshot() == before
    with pytest.raises(DomainError) as refused:
        create(world, listing_ids=[world["bookcase"].pk, 10**9])
    assert (refused.value.code, refused.value.field) == ("auctions.invalid", "listings")
    assert snapshot() == before


@pytest.mark.parametrize("role", ["manager_a", "clerk_a", "technician_a", "manager_b", "alice", "regulator"])
def test_who_may_create(world: dict[str, Any], role: str) -> None:
    if role in ("manager_a", "clerk_a"):
        assert create(world, actor=world[role]).state == AuctionState.OPEN
        return
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        create(world, actor=world[role])
    assert refused.value.code == "auctions.create_forbidden"
    assert snapshot() == before


def test_proxy_bidding_through_the_service(world: dict[str, Any]) -> None:
    auction = create(world)
    first = services.bid_place(actor=world["alice"], auction_id=auction.pk, maximum="300")
    second = services.bid_place(actor=world["bob"], auction_id=auction.pk, maximum="200")
    third = services.bid_place(actor=world["carol"], auction_id=auction.pk, maximum="500")
    assert [(bid.sequence, bid.price_after, bid.leading_after) for bid in (first, second, third)] == [
        (1, D("100"), True), (2, D("205"), False), (3, D("305"), True)]
    auction.refresh_from_db()
    assert (auction.price, auction.leader_id, auction.leader_max, auction.bid_count) == (
        D("305"), world["carol"].pk, D("500"), 3)
    assert services.public_state(auction).leader_max is None


@pytest.mark.parametrize(("role", "allowed"), [
    ("alice", True), ("manager_a", False), ("clerk_a", False), ("technician_a", False), ("manager_b", False),
    ("regulator", False)])
def test_who_may_bid_in_an_english_auction(world: dict[str, Any], role: str, allowed: bool) -> None:
    auction = create(world)
    if allowed:
        assert services.bid_place(actor=world[role], auction_id=auction.pk, maximum="150").sequence == 1
        return
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        services.bid_place(actor=world[role], auction_id=auction.pk, maximum="150")
    assert refused.value.code == "auctions.bid_forbidden"
    assert snapshot() == before


@pytest.mark.parametrize(("maximum", "code"), [("99", "auctions.bid_too_low"), ("150.001", "auctions.bid_precision"),
                                               ("-5", "auctions.bid_precision"), ("NaN", "auctions.bid_precision"),
                                               ("x", "auctions.bid_precision")])
def test_bad_bids_change_nothing(world: dict[str, Any], maximum: str, code: str) -> None:
    auction = create(world)
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        services.bid_place(actor=world["alice"], auction_id=auction.pk, maximum=maximum)
    assert refused.value.code == code
    assert snapshot() == before


def test_too_low_tells_the_minimum(world: dict[str, Any]) -> None:
    auction = create(world)
    services.bid_place(actor=world["alice"], auction_id=auction.pk, maximum="300")
    with pytest.raises(DomainError) as refused:
        services.bid_place(actor=world["bob"], auction_id=auction.pk, maximum="104")
    assert refused.value.text() == "The lowest bid accepted now is 105.00 yuan."


def test_late_bids_extend_and_a_bid_after_the_end_is_refused(world: dict[str, Any]) -> None:
    auction = create(world, minutes=60, extension_window=dt.timedelta(minutes=2),
                     extension_cap=dt.timedelta(minutes=3))
    end = auction.scheduled_end
    bid = services.bid_place(actor=world["alice"], auction_id=auction.pk, maximum="300",
                             now=end - dt.timedelta(seconds=30))
    auction.refresh_from_db()
    assert (bid.extended, auction.ends_at, auction.extensions) == (True, end + dt.timedelta(seconds=90), 1)
    services.bid_place(actor=world["bob"], auction_id=auction.pk, maximum="400", now=end + dt.timedelta(seconds=80))
    auction.refresh_from_db()
    assert auction.ends_at == end + dt.timedelta(minutes=3)  # capped
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        services.bid_place(actor=world["carol"], auction_id=auction.pk, maximum="900",
                           now=end + dt.timedelta(minutes=3))
    assert refused.value.code == "auctions.closed"
    assert snapshot() == before


def test_close_sells_to_the_leader_at_the_proxy_price(world: dict[str, Any]) -> None:
    auction = create(world, reserve_price="150")
    services.bid_place(actor=world["alice"], auction_id=auction.pk, maximum="300")
    services.bid_place(actor=world["bob"], auction_id=auction.pk, maximum="200")
    assert services.auctions_close_due(now=auction.ends_at - dt.timedelta(seconds=1)) == []
    closed = services.auctions_close_due(now=auction.ends_at)
    assert [(a.pk, a.state, a.outcome, a.winner_id, a.final_price) for a in closed] == [
        (auction.pk, "closed", "sold", world["alice"].pk, D("205"))]
    assert states(world["phone"]) == [("reserved", f"auction:{auction.code}", "reserved")]
    assert services.auctions_close_due(now=auction.ends_at + dt.timedelta(hours=1)) == []  # idempotent


def test_close_without_reserve_or_bids_returns_the_items(world: dict[str, Any]) -> None:
    reserved = create(world, reserve_price="1000")
    services.bid_place(actor=world["alice"], auction_id=reserved.pk, maximum="300")
    empty = create(world, listing_ids=[world["bookcase"].pk])
    closed = services.auctions_close_due(now=timezone.now() + dt.timedelta(hours=2))
    assert sorted((a.pk, a.outcome) for a in closed) == sorted(
        [(reserved.pk, AuctionOutcome.RESERVE_NOT_MET), (empty.pk, AuctionOutcome.NO_BIDS)])
    assert states(world["phone"], world["bookcase"]) == [("published", "", "listed")] * 2
    assert LotItem.objects.filter(live=True).count() == 0
    assert create(world).state == AuctionState.OPEN  # the phone may be auctioned again


def test_sealed_bids_for_a_bulk_lot(world: dict[str, Any]) -> None:
    auction = create(world, format="sealed", listing_ids=[world["phone"].pk, world["bookcase"].pk])
    operator_c = OperatorFactory(name="丙回收")
    manager_c = staff_member(operator_c, role=Role.OPERATOR_MANAGER, username="boss.c")
    services.bid_place(actor=world["manager_b"], auction_id=auction.pk, maximum="400")
    services.bid_place(actor=manager_c, auction_id=auction.pk, maximum="450")
    auction.refresh_from_db()
    assert (auction.price, auction.leader_id, auction.bid_count) == (None, None, 2)  # nothing revealed
    before = snapshot()
    for actor, code in ((world["manager_b"], "auctions.already_bid"), (world["alice"], "auctions.bid_forbidden"),
                        (world["manager_a"], "auctions.bid_forbidden")):
        with pytest.raises(DomainError) as refused:
            services.bid_place(actor=actor, auction_id=auction.pk, maximum="500")
        assert refused.value.code == code
    assert snapshot() == before
    closed = services.auctions_close_due(now=auction.ends_at)
    assert [(a.outcome, a.winner_id, a.final_price) for a in closed] == [("sold", manager_c.pk, D("450"))]


def test_buy_now_closes_at_once(world: dict[str, Any]) -> None:
    auction = create(world, reserve_price="300", buy_now_price="800")
    services.bid_place(actor=world["bob"], auction_id=auction.pk, maximum="200")
    bought = services.auction_buy_now(actor=world["alice"], auction_id=auction.pk)
    assert (bought.state, bought.outcome, bought.winner_id, bought.final_price) == (
        "closed", "bought_now", world["alice"].pk, D("800"))
    assert states(world["phone"]) == [("reserved", f"auction:{auction.code}", "reserved")]
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        services.auction_buy_now(actor=world["carol"], auction_id=auction.pk)
    assert refused.value.code == "auctions.buy_now_unavailable"
    assert snapshot() == before


def test_cancel_only_without_bids_and_only_by_the_seller(world: dict[str, Any]) -> None:
    auction = create(world)
    before = snapshot()
    for actor, reason, code in ((world["manager_b"], "错误", "auctions.change_forbidden"),
                                (world["manager_a"], " ", "auctions.invalid")):
        with pytest.raises(DomainError) as refused:
            services.auction_cancel(actor=actor, auction_id=auction.pk, reason=reason)
        assert refused.value.code == code
    assert snapshot() == before
    cancelled = services.auction_cancel(actor=world["manager_a"], auction_id=auction.pk, reason="拍品信息有误")
    assert (cancelled.state, cancelled.outcome) == ("cancelled", "cancelled")
    assert states(world["phone"]) == [("published", "", "listed")]
    assert AuditEvent.objects.filter(action="auction.cancelled").get().payload["reason"] == "拍品信息有误"
    with_bid = create(world)
    services.bid_place(actor=world["alice"], auction_id=with_bid.pk, maximum="150")
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        services.auction_cancel(actor=world["manager_a"], auction_id=with_bid.pk, reason="不卖了")
    assert refused.value.code == "auctions.invalid"
    assert snapshot() == before


def test_in_store_only_listings_are_not_auctioned(world: dict[str, Any]) -> None:
    counter_only = published(world, ready_phone(world, serial=654321), channel="in_store")
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        create(world, listing_ids=[counter_only.pk])
    assert refused.value.code == "auctions.item_not_auctionable"
    assert refused.value.text() == f"Listing {counter_only.code} cannot be auctioned: it must be your operator's, " \
                                   "published online, and free to circulate."
    assert snapshot() == before
