"""The auction rules as pure functions over an auction's state: no database, no clock of its own.

English auctions with proxy bidding (the eBay rule): a bidder states the most they will pay; the visible price
is the lowest that keeps the leader ahead, one increment above the runner-up's maximum, never above the
leader's own maximum. Ties go to the earlier maximum. A reserve price, once some maximum reaches it, lifts the
price to the reserve. A bid inside the anti-sniping window moves the end to `now + window`, never past the
original end plus the cap. Sealed bids (B2B bulk lots): one bid per bidder, hidden until the close; the highest
wins at its own amount (first price), ties to the earlier bid.

Services lock the auction row, build an `AuctionState`, call `english_bid` or `sealed_bid`, and store what
comes back; the engine never decides anything the database has not serialised.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

# (price from, increment): the step above a price is the one of the highest "from" not above it. Yuan.
DEFAULT_INCREMENTS: tuple[tuple[Decimal, Decimal], ...] = (
    (Decimal("0"), Decimal("1")), (Decimal("20"), Decimal("2")), (Decimal("100"), Decimal("5")),
    (Decimal("500"), Decimal("10")), (Decimal("1000"), Decimal("20")), (Decimal("5000"), Decimal("50")),
    (Decimal("10000"), Decimal("100")), (Decimal("50000"), Decimal("500")),
)


class BidRefused(Exception):
    """Why the engine refuses a bid: `reason` is one of the codes below; `minimum` the lowest acceptable."""

    NOT_OPEN = "not_open"
    CLOSED = "closed"
    TOO_LOW = "too_low"
    NOT_ABOVE_OWN = "not_above_own"
    ALREADY_BID = "already_bid"
    PRECISION = "precision"

    def __init__(self, reason: str, minimum: Decimal | None = None) -> None:
        super().__init__(reason)
        self.reason, self.minimum = reason, minimum


def increment_at(price: Decimal, table: Sequence[tuple[Decimal, Decimal]] = DEFAULT_INCREMENTS) -> Decimal:
    step = table[0][1]
    for lower, increment in table:
        if price >= lower:
            step = increment
    return step


def table_valid(table: Sequence[tuple[Decimal, Decimal]]) -> bool:
    """Starts at 0, rising bounds, positive increments."""
    if not table or table[0][0] != 0:
        return False
    bounds = [lower for lower, _increment in table]
    return bounds == sorted(set(bounds)) and all(increment > 0 for _lower, increment in table)


@dataclass(frozen=True)
class AuctionState:
    starts_at: dt.datetime
    ends_at: dt.datetime
    scheduled_end: dt.datetime
    extension_window: dt.timedelta
    extension_cap: dt.timedelta
    start_price: Decimal
    reserve_price: Decimal | None = None
    increments: tuple[tuple[Decimal, Decimal], ...] = DEFAULT_INCREMENTS
    price: Decimal | None = None  # None before the first bid
    leader_id: int | None = None
    leader_max: Decimal | None = None
    bids: int = 0
    extensions: int = 0
    closed: bool = False

    @property
    def latest_end(self) -> dt.datetime:
        return self.scheduled_end + self.extension_cap

    @property
    def reserve_met(self) -> bool:
        return self.reserve_price is None or (self.price is not None and self.price >= self.reserve_price)

    def minimum_bid(self) -> Decimal:
        """The lowest maximum a new bidder may state now."""
        if self.price is None:
            return self.start_price
        return self.price + increment_at(self.price, self.increments)

    def is_open(self, now: dt.datetime) -> bool:
        return not self.closed and self.starts_at <= now < self.ends_at


@dataclass(frozen=True)
class BidOutcome:
    state: AuctionState
    leading: bool  # the bidder leads after this bid
    extended: bool  # the end moved


def _with_reserve(price: Decimal, top_max: Decimal, reserve: Decimal | None) -> Decimal:
    """Once the leader's maximum reaches the reserve, the price is at least the reserve."""
    if reserve is not None and top_max >= reserve and price < reserve:
        return reserve
    return price


def _extended(state: AuctionState, now: dt.datetime) -> tuple[dt.datetime, bool]:
    if state.ends_at - now > state.extension_window:
        return state.ends_at, False
    new_end = min(now + state.extension_window, state.latest_end)
    return (new_end, True) if new_end > state.ends_at else (state.ends_at, False)


def _on_step(amount: Decimal) -> bool:
    return amount == amount.quantize(Decimal("0.01"))


def english_bid(state: AuctionState, *, bidder_id: int, maximum: Decimal, now: dt.datetime) -> BidOutcome:
    """Apply one proxy bid; raises BidRefused. The leader may raise their own maximum (the price only moves if
    that meets the reserve)."""
    if not state.is_open(now):
        raise BidRefused(BidRefused.CLOSED if state.closed or now >= state.ends_at else BidRefused.NOT_OPEN)
    if not _on_step(maximum):
        raise BidRefused(BidRefused.PRECISION)
    reserve = state.reserve_price
    if state.leader_id == bidder_id:
        assert state.leader_max is not None and state.price is not None
        if maximum <= state.leader_max:
            raise BidRefused(BidRefused.NOT_ABOVE_OWN, state.leader_max + Decimal("0.01"))
        price, leader, leader_max = _with_reserve(state.price, maximum, reserve), bidder_id, maximum
    else:
        minimum = state.minimum_bid()
        if maximum < minimum:
            raise BidRefused(BidRefused.TOO_LOW, minimum)
        if state.leader_id is None:
            price, leader, leader_max = _with_reserve(state.start_price, maximum, reserve), bidder_id, maximum
        else:
            assert state.leader_max is not None
            held = state.leader_max
            if maximum > held:
                price = min(maximum, held + increment_at(held, state.increments))
                price, leader, leader_max = _with_reserve(price, maximum, reserve), bidder_id, maximum
            else:  # the leader's proxy answers; an equal maximum loses to the earlier one
                price = min(held, maximum + increment_at(maximum, state.increments))
                price, leader, leader_max = _with_reserve(price, held, reserve), state.leader_id, held
    ends_at, extended = _extended(state, now)
    new_state = replace(state, price=price, leader_id=leader, leader_max=leader_max, bids=state.bids + 1,
                        ends_at=ends_at, extensions=state.extensions + extended)
    return BidOutcome(state=new_state, leading=leader == bidder_id, extended=extended)


def buy_now_allowed(state: AuctionState, buy_now_price: Decimal | None, now: dt.datetime) -> bool:
    """Buy-it-now is offered until a bid reaches the reserve (or, without a reserve, until the first bid)."""
    if buy_now_price is None or not state.is_open(now):
        return False
    if state.price is None:
        return True
    return state.reserve_price is not None and not state.reserve_met


@dataclass(frozen=True)
class SealedBid:
    bidder_id: int
    amount: Decimal
    sequence: int  # the order bids were received in


def sealed_bid(state: AuctionState, *, bidder_id: int, amount: Decimal, now: dt.datetime,
               already_bid: bool) -> AuctionState:
    """Accept one sealed bid (the caller says whether this bidder already has one). Nothing is revealed."""
    if not state.is_open(now):
        raise BidRefused(BidRefused.CLOSED if state.closed or now >= state.ends_at else BidRefused.NOT_OPEN)
    if already_bid:
        raise BidRefused(BidRefused.ALREADY_BID)
    if not _on_step(amount):
        raise BidRefused(BidRefused.PRECISION)
    if amount < state.start_price:
        raise BidRefused(BidRefused.TOO_LOW, state.start_price)
    return replace(state, bids=state.bids + 1)


def sealed_winner(bids: Sequence[SealedBid], reserve: Decimal | None) -> SealedBid | None:
    """The highest bid at or above the reserve; the earlier of equal bids."""
    eligible = [bid for bid in bids if reserve is None or bid.amount >= reserve]
    if not eligible:
        return None
    return min(eligible, key=lambda bid: (-bid.amount, bid.sequence))


def english_winner(state: AuctionState) -> tuple[int, Decimal] | None:
    """The leader and the price they pay, if the reserve was met; None: no sale."""
    if state.leader_id is None or state.price is None or not state.reserve_met:
        return None
    return state.leader_id, state.price
