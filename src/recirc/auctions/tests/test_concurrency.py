"""Races that only a real database with row locks can show (run with DATABASE_URL=postgres://...): many bidders
at one moment, and a bid racing the close. The stored result must equal replaying the accepted bids one by one
in the order the database admitted them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from recirc.auctions import engine, services
from recirc.auctions.models import Auction, Bid
from recirc.core.roles import Role
from recirc.core.testing import race_outcomes
from recirc.items.tests.factories import UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


def test_simultaneous_bids_serialise_exactly(world: dict[str, Any]) -> None:
    now = timezone.now()
    auction = services.auction_create(actor=world["manager_a"], operator_id=world["operator_a"].pk,
                                      listing_ids=[world["phone"].pk], title="iPhone 13", start_price="100",
                                      starts_at=now - dt.timedelta(minutes=1), ends_at=now + dt.timedelta(hours=1))
    bidders = [UserFactory(role=Role.CONSUMER, username=f"bidder{index}") for index in range(8)]
    maxima = [Decimal(150 + 37 * index) for index in range(8)]
    outcomes = race_outcomes(*[lambda user=user, top=top: services.bid_place(actor=user, auction_id=auction.pk,
                                                                             maximum=top)
                               for user, top in zip(bidders, maxima, strict=True)], success="ok")
    accepted = list(Bid.objects.filter(auction=auction).order_by("sequence"))
    assert outcomes.count("ok") == len(accepted)
    assert set(outcomes) <= {"ok", "auctions.bid_too_low"}
    assert [bid.sequence for bid in accepted] == list(range(1, len(accepted) + 1))
    replay = services.state_of(Auction(**{field.attname: getattr(auction, field.attname)
                                           for field in Auction._meta.concrete_fields}))
    for bid in accepted:
        replay = engine.english_bid(replay, bidder_id=bid.bidder_id, maximum=bid.maximum, now=bid.placed_at).state
        assert replay.price == bid.price_after
    auction.refresh_from_db()
    assert (auction.price, auction.leader_id, auction.leader_max, auction.bid_count) == (
        replay.price, replay.leader_id, replay.leader_max, len(accepted))
    assert auction.leader_id == bidders[-1].pk  # the highest maximum always wins, whatever the order


def test_a_bid_racing_the_close_is_either_in_or_refused(world: dict[str, Any]) -> None:
    now = timezone.now()
    auction = services.auction_create(actor=world["manager_a"], operator_id=world["operator_a"].pk,
                                      listing_ids=[world["phone"].pk], title="iPhone 13", start_price="100",
                                      starts_at=now - dt.timedelta(minutes=1), ends_at=now + dt.timedelta(hours=1),
                                      extension_window=dt.timedelta(0), extension_cap=dt.timedelta(0))
    services.bid_place(actor=world["alice"], auction_id=auction.pk, maximum="200")
    end = auction.ends_at
    outcomes = race_outcomes(
        lambda: services.bid_place(actor=world["bob"], auction_id=auction.pk, maximum="300",
                                   now=end - dt.timedelta(microseconds=1)),
        lambda: services.auctions_close_due(now=end), success="ok")
    auction.refresh_from_db()
    assert auction.state == "closed"
    bob_in = Bid.objects.filter(auction=auction, bidder=world["bob"]).exists()
    assert sorted(outcomes) == (["ok", "ok"] if bob_in else ["auctions.closed", "ok"])
    assert auction.winner_id == (world["bob"].pk if bob_in else world["alice"].pk)
    assert auction.final_price == (Decimal("205") if bob_in else Decimal("100"))
