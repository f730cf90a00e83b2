"""The auction rules, exactly: proxy bidding, increments, reserve, anti-sniping with its cap, sealed bids."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recirc.auctions.engine import (
    AuctionState,
    BidRefused,
    SealedBid,
    buy_now_allowed,
    english_bid,
    english_winner,
    increment_at,
    sealed_bid,
    sealed_winner,
    table_valid,
)

T0 = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)
END = T0 + dt.timedelta(hours=1)
D = Decimal


def state(**changes: object) -> AuctionState:
    base = AuctionState(starts_at=T0, ends_at=END, scheduled_end=END, extension_window=dt.timedelta(minutes=2),
                        extension_cap=dt.timedelta(minutes=10), start_price=D("100"))
    return AuctionState(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def at(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


@pytest.mark.parametrize(("price", "step"), [
    (D("0"), D("1")), (D("19.99"), D("1")), (D("20"), D("2")), (D("99"), D("2")), (D("100"), D("5")),
    (D("999.99"), D("10")), (D("1000"), D("20")), (D("5000"), D("50")), (D("10000"), D("100")),
    (D("1000000"), D("500")),
])
def test_increment_table(price: Decimal, step: Decimal) -> None:
    assert increment_at(price) == step


def test_table_validity() -> None:
    assert table_valid(((D("0"), D("1")), (D("10"), D("2"))))
    assert not table_valid(((D("5"), D("1")),))
    assert not table_valid(((D("0"), D("1")), (D("10"), D("0"))))
    assert not table_valid(((D("0"), D("1")), (D("10"), D("2")), (D("10"), D("3"))))
    assert not table_valid(())


def test_first_bid_takes_the_lead_at_the_start_price() -> None:
    outcome = english_bid(state(), bidder_id=1, maximum=D("300"), now=at(1))
    assert (outcome.state.price, outcome.state.leader_id, outcome.state.leader_max) == (D("100"), 1, D("300"))
    assert outcome.leading is True and outcome.state.bids == 1 and outcome.extended is False


def test_a_lower_challenger_is_answered_by_the_leaders_proxy() -> None:
    first = english_bid(state(), bidder_id=1, maximum=D("300"), now=at(1)).state
    outcome = english_bid(first, bidder_id=2, maximum=D("200"), now=at(2))
    # one increment (5 at 200) above the challenger, below the leader's 300
    assert (outcome.state.price, outcome.state.leader_id, outcome.leading) == (D("205"), 1, False)


def test_a_higher_challenger_leads_one_increment_above_the_old_maximum() -> None:
    first = english_bid(state(), bidder_id=1, maximum=D("300"), now=at(1)).state
    outcome = english_bid(first, bidder_id=2, maximum=D("500"), now=at(2))
    assert (outcome.state.price, outcome.state.leader_id, outcome.state.leader_max) == (D("305"), 2, D("500"))
    assert outcome.leading is True


def test_the_price_never_passes_the_winners_maximum() -> None:
    first = english_bid(state(), bidder_id=1, maximum=D("300"), now=at(1)).state
    outcome = english_bid(first, bidder_id=2, maximum=D("302"), now=at(2))
    assert (outcome.state.price, outcome.state.leader_id) == (D("302"), 2)


def test_an_equal_maximum_loses_to_the_earlier_one() -> None:
    first = english_bid(state(), bidder_id=1, maximum=D("300"), now=at(1)).state
    outcome = english_bid(first, bidder_id=2, maximum=D("300"), now=at(2))
    assert (outcome.state.price, outcome.state.leader_id) == (D("300"), 1)


def test_too_low_names_the_minimum() -> None:
    first = english_bid(state(), bidder_id=1, maximum=D("300"), now=at(1)).state
    with pytest.raises(BidRefused) as refused:
        english_bid(first, bidder_id=2, maximum=D("104.99"), now=at(2))
    assert (refused.value.reason, refused.value.minimum) == ("too_low", D("105"))
    with pytest.raises(BidRefused) as refused:
        english_bid(state(), bidder_id=2, maximum=D("99.99"), now=at(2))
    assert (refused.value.reason, refused.value.minimum) == ("too_low", D("100"))


def test_the_leader_raises_their_maximum_without_moving_the_price() -> None:
    first = english_bid(state(), bidder_id=1, maximum=D("300"), now=at(1)).state
    outcome = english_bid(first, bidder_id=1, maximum=D("400"), now=at(2))
    assert (outcome.state.price, outcome.state.leader_max, outcome.state.bids) == (D("100"), D("400"), 2)
    with pytest.raises(BidRefused) as refused:
        english_bid(outcome.state, bidder_id=1, maximum=D("400"), now=at(3))
    assert (refused.value.reason, refused.value.minimum) == ("not_above_own", D("400.01"))


def test_reserve_lifts_the_price_once_a_maximum_reaches_it() -> None:
    reserved = state(reserve_price=D("250"))
    first = english_bid(reserved, bidder_id=1, maximum=D("200"), now=at(1)).state
    assert (first.price, first.reserve_met) == (D("100"), False)
    assert english_winner(first) is None
    raised = english_bid(first, bidder_id=1, maximum=D("260"), now=at(2)).state
    assert (raised.price, raised.reserve_met) == (D("250"), True)
    assert english_winner(raised) == (1, D("250"))


def test_reserve_met_by_a_challenger() -> None:
    reserved = state(reserve_price=D("250"))
    first = english_bid(reserved, bidder_id=1, maximum=D("200"), now=at(1)).state
    outcome = english_bid(first, bidder_id=2, maximum=D("400"), now=at(2)).state
    assert (outcome.price, outcome.leader_id) == (D("250"), 2)


def test_no_bids_before_the_start_or_after_the_end() -> None:
    with pytest.raises(BidRefused) as refused:
        english_bid(state(), bidder_id=1, maximum=D("300"), now=T0 - dt.timedelta(seconds=1))
    assert refused.value.reason == "not_open"
    with pytest.raises(BidRefused) as refused:
        english_bid(state(), bidder_id=1, maximum=D("300"), now=END)
    assert refused.value.reason == "closed"
    with pytest.raises(BidRefused) as refused:
        english_bid(state(closed=True), bidder_id=1, maximum=D("300"), now=at(1))
    assert refused.value.reason == "closed"


def test_fractions_of_a_cent_are_refused() -> None:
    with pytest.raises(BidRefused) as refused:
        english_bid(state(), bidder_id=1, maximum=D("300.001"), now=at(1))
    assert refused.value.reason == "precision"


def test_a_late_bid_extends_the_end_up_to_the_cap() -> None:
    late = english_bid(state(), bidder_id=1, maximum=D("300"), now=at(59))
    assert (late.extended, late.state.ends_at, late.state.extensions) == (True, at(61), 1)
    early = english_bid(state(), bidder_id=1, maximum=D("300"), now=at(57))
    assert (early.extended, early.state.ends_at) == (False, END)
    current = late.state
    for bidder, minute in enumerate((60.5, 62, 63.5, 65, 66.5, 68, 69.5), start=2):
        assert current.leader_max is not None
        current = english_bid(current, bidder_id=bidder, maximum=current.leader_max + 50, now=at(minute)).state
        assert current.leader_id == bidder
    assert (current.ends_at, current.extensions) == (at(70), 7)  # the cap: scheduled end + 10 minutes
    with pytest.raises(BidRefused) as refused:
        english_bid(current, bidder_id=20, maximum=D("5000"), now=at(70))
    assert refused.value.reason == "closed"


def test_buy_now_until_the_reserve_is_met() -> None:
    reserved = state(reserve_price=D("250"))
    assert buy_now_allowed(reserved, D("500"), at(1)) is True
    assert buy_now_allowed(reserved, None, at(1)) is False
    below = english_bid(reserved, bidder_id=1, maximum=D("200"), now=at(1)).state
    assert buy_now_allowed(below, D("500"), at(2)) is True
    met = english_bid(below, bidder_id=2, maximum=D("300"), now=at(2)).state
    assert buy_now_allowed(met, D("500"), at(3)) is False
    plain = english_bid(state(), bidder_id=1, maximum=D("150"), now=at(1)).state
    assert buy_now_allowed(plain, D("500"), at(2)) is False
    assert buy_now_allowed(state(), D("500"), END) is False


def test_sealed_bids_one_each_highest_wins_earlier_on_ties() -> None:
    current = sealed_bid(state(), bidder_id=1, amount=D("150"), now=at(1), already_bid=False)
    assert (current.bids, current.price, current.leader_id) == (1, None, None)  # nothing revealed
    with pytest.raises(BidRefused) as refused:
        sealed_bid(current, bidder_id=1, amount=D("200"), now=at(2), already_bid=True)
    assert refused.value.reason == "already_bid"
    with pytest.raises(BidRefused) as refused:
        sealed_bid(current, bidder_id=2, amount=D("99"), now=at(2), already_bid=False)
    assert (refused.value.reason, refused.value.minimum) == ("too_low", D("100"))
    bids = [SealedBid(1, D("150"), 1), SealedBid(2, D("180"), 2), SealedBid(3, D("180"), 3)]
    assert sealed_winner(bids, None) == SealedBid(2, D("180"), 2)
    assert sealed_winner(bids, D("200")) is None
    assert sealed_winner([], None) is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 5), st.integers(100, 5000)), min_size=1, max_size=40))
def test_proxy_rule_holds_for_any_bid_sequence(bids: list[tuple[int, int]]) -> None:
    """Whatever the order: every accepted bid moves the price by at least the increment (or to a maximum), the
    leader holds the highest maximum (the earliest of equal ones), and the price is the second-highest maximum
    plus one increment, capped at the leader's maximum (or the start price with one bidder)."""
    current = state()
    maxima: dict[int, tuple[Decimal, int]] = {}
    for sequence, (bidder, amount) in enumerate(bids):
        maximum = D(amount)
        before = current
        try:
            current = english_bid(current, bidder_id=bidder, maximum=maximum, now=at(1)).state
        except BidRefused:
            assert current == before
            continue
        if before.price is not None and before.leader_id != bidder:
            assert current.price is not None and current.price >= before.price + increment_at(before.price)
        if bidder not in maxima or maximum > maxima[bidder][0]:
            maxima[bidder] = (maximum, sequence)
        ranked = sorted(maxima.items(), key=lambda entry: (-entry[1][0], entry[1][1]))
        top_bidder, (top_max, _first) = ranked[0]
        assert (current.leader_id, current.leader_max) == (top_bidder, top_max)
        if len(ranked) == 1:
            assert current.price == D("100")
        else:
            second = ranked[1][1][0]
            assert current.price is not None
            assert second <= current.price <= top_max
            assert current.price <= max(second + increment_at(second), second)
