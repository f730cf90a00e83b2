"""Auction writes: create a lot, bid (under the auction row's lock), buy now, close what is due, cancel.

A bid is one short transaction: lock the auction row, let the engine decide, append the bid, store the new
state. Concurrent bids on one auction queue on that row, so every accepted bid was decided against the state
the previous one left (B4). Bids are not copied into the audit log: the append-only `Bid` rows are the record.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.auctions import engine, policy
from recirc.auctions.errors import (
    AlreadyBid,
    AlreadyCheckedOut,
    AuctionInvalid,
    AuctionNotFound,
    BidForbidden,
    BidNotAboveOwn,
    BidPrecision,
    BidTooLow,
    BuyNowUnavailable,
    ChangeForbidden,
    CheckoutForbidden,
    Closed,
    CreateForbidden,
    ItemNotAuctionable,
    NotOpen,
    TransitionNotAllowed,
)
from recirc.auctions.models import Auction, AuctionFormat, AuctionOutcome, AuctionState, Bid, LotItem
from recirc.core.audit import audit_record
from recirc.core.errors import DomainError
from recirc.items import facade as items
from recirc.listings import facade as listings
from recirc.trade import facade as trade

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
LOT_MOST_ITEMS = 500
LONGEST_AUCTION = dt.timedelta(days=30)
CENT = Decimal("0.01")
CHECKOUT_DAYS = 3  # the winner checks out within this many days of the close, else the lot returns to sale


def new_code() -> str:
    """A public auction number such as A261201-7K3QF: the day it was created and 5 random characters."""
    while True:
        code = f"A{timezone.localdate():%y%m%d}-{''.join(secrets.choice(CODE_ALPHABET) for _ in range(5))}"
        if not Auction.objects.filter(code=code).exists():
            return code


def _money(value: Any, field: str, *, required: bool = True) -> Decimal | None:
    if value in (None, ""):
        if required:
            raise AuctionInvalid(_("Enter an amount in yuan."), field=field)
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation as error:
        raise AuctionInvalid(_("Enter an amount in yuan."), field=field) from error
    if not amount.is_finite() or amount <= 0 or amount != amount.quantize(Decimal("0.01")):
        raise AuctionInvalid(_("Enter a positive amount in yuan with at most two decimals."), field=field)
    return amount


def _increments(table: Sequence[Sequence[Any]] | None) -> tuple[tuple[Decimal, Decimal], ...]:
    if not table:
        return engine.DEFAULT_INCREMENTS
    try:
        parsed = tuple((Decimal(str(lower)), Decimal(str(step))) for lower, step in table)
    except (InvalidOperation, TypeError, ValueError) as error:
        raise AuctionInvalid(_("The increment table must be pairs of amounts."), field="increments") from error
    if not engine.table_valid(parsed):
        raise AuctionInvalid(_("The increment table must start at 0, rise, and have positive increments."),
                             field="increments")
    return parsed


def _checked_times(starts_at: dt.datetime, ends_at: dt.datetime, now: dt.datetime) -> None:
    if ends_at <= starts_at:
        raise AuctionInvalid(_("The auction must end after it starts."), field="ends_at")
    if ends_at <= now:
        raise AuctionInvalid(_("The end must be in the future."), field="ends_at")
    if ends_at - starts_at > LONGEST_AUCTION:
        raise AuctionInvalid(_("An auction runs at most 30 days."), field="ends_at")


def _lot(operator_id: int, listing_ids: Sequence[int]) -> list[Any]:
    """The listings' offers, each published online by the operator."""
    if not listing_ids or len(listing_ids) > LOT_MOST_ITEMS or len(set(listing_ids)) != len(listing_ids):
        raise AuctionInvalid(_("A lot holds 1 to 500 different listings."), field="listings")
    offers = []
    for listing_id in listing_ids:
        try:
            offer = listings.listing_offer(listing_id)
        except DomainError as error:
            raise AuctionInvalid(_("No such listing."), field="listings") from error
        if offer.seller_operator_id != operator_id or offer.status != "published" or offer.channel == "in_store":
            raise ItemNotAuctionable(params={"code": offer.code})
        offers.append(offer)
    return offers


def _reserve(offers: Sequence[Any], reference: str) -> None:
    """Reserve every listing for the auction (the items become "reserved"; holds refuse it)."""
    for offer in offers:
        try:
            listings.listing_reserve(actor=None, listing_id=offer.id, expected_version=offer.version,
                                     order_ref=reference)
        except DomainError as error:
            raise ItemNotAuctionable(params={"code": offer.code}) from error


def order_ref(auction: Auction) -> str:
    """The reference the auction's listings are reserved under (and the winner's order will name)."""
    return f"auction:{auction.code}"


@transaction.atomic
def auction_create(*, actor: Any, operator_id: int, listing_ids: Sequence[int], title: str, starts_at: dt.datetime,
                   ends_at: dt.datetime, start_price: Any, reserve_price: Any = None, buy_now_price: Any = None,
                   format: str = AuctionFormat.ENGLISH, description: str = "",
                   extension_window: dt.timedelta = dt.timedelta(minutes=2),
                   extension_cap: dt.timedelta = dt.timedelta(minutes=30),
                   increments: Sequence[Sequence[Any]] | None = None) -> Auction:
    """Put published listings of the operator up for auction: they are reserved for it until the close, so
    nobody buys them at the fixed price meanwhile, and the buyer sees each item's sealed disclosure."""
    if not policy.may_sell(actor, operator_id):
        raise CreateForbidden()
    now = timezone.now()
    title = " ".join((title or "").split())
    if not title or len(title) > 200:
        raise AuctionInvalid(_("Give the lot a title (at most 200 characters)."), field="title")
    if format not in AuctionFormat.values:
        raise AuctionInvalid(_("Choose an English or a sealed-bid auction."), field="format")
    _checked_times(starts_at, ends_at, now)
    start = _money(start_price, "start_price")
    reserve, buy_now = _money(reserve_price, "reserve_price", required=False), _money(buy_now_price,
                                                                                       "buy_now_price", required=False)
    assert start is not None
    if reserve is not None and reserve < start:
        raise AuctionInvalid(_("The reserve cannot be below the starting price."), field="reserve_price")
    if buy_now is not None and (format == AuctionFormat.SEALED or buy_now <= max(start, reserve or start)):
        raise AuctionInvalid(_("Buy-it-now must be above the starting price and the reserve, and only in English "
                               "auctions."), field="buy_now_price")
    if extension_window < dt.timedelta(0) or extension_cap < dt.timedelta(0) or extension_cap > dt.timedelta(days=1):
        raise AuctionInvalid(_("The anti-sniping window and its cap must be between 0 and one day."),
                             field="extension_window")
    if format == AuctionFormat.SEALED:
        extension_window = extension_cap = dt.timedelta(0)  # sealed bids are not seen: nothing to snipe
    table = _increments(increments)
    offers = _lot(operator_id, listing_ids)
    if start < CENT * len(offers):
        raise AuctionInvalid(_("The starting price must allow at least 0.01 yuan per item of the lot."),
                             field="start_price")
    auction = Auction.objects.create(
        code=new_code(), format=format, operator_id=operator_id, title=title, description=description.strip()[:5000],
        state=AuctionState.OPEN if starts_at <= now else AuctionState.SCHEDULED, starts_at=starts_at,
        scheduled_end=ends_at, ends_at=ends_at, extension_window=extension_window, extension_cap=extension_cap,
        start_price=start, reserve_price=reserve, buy_now_price=buy_now,
        increments=[[str(lower), str(step)] for lower, step in table], created_by=actor)
    try:
        with transaction.atomic():
            LotItem.objects.bulk_create([LotItem(
                auction=auction, listing_id=offer.id, listing_code=offer.code, listing_version=offer.version,
                disclosure_sha256=offer.disclosure_sha256, item_id=offer.item_id, item_code=offer.item_code,
                title=offer.title[:200]) for offer in offers])
    except IntegrityError as error:
        raise AuctionInvalid(_("An item of this lot is already in another auction."), field="listings") from error
    _reserve(offers, order_ref(auction))
    audit_record(actor=actor, action="auction.created", target=auction, operator_id=operator_id,
                 payload={"code": auction.code, "format": format, "listings": [offer.code for offer in offers],
                          "start_price": str(start), "ends_at": ends_at.isoformat()})
    return auction


def state_of(auction: Auction) -> engine.AuctionState:
    return engine.AuctionState(
        starts_at=auction.starts_at, ends_at=auction.ends_at, scheduled_end=auction.scheduled_end,
        extension_window=auction.extension_window, extension_cap=auction.extension_cap,
        start_price=auction.start_price, reserve_price=auction.reserve_price,
        increments=tuple((Decimal(lower), Decimal(step)) for lower, step in auction.increments),
        price=auction.price, leader_id=auction.leader_id, leader_max=auction.leader_max, bids=auction.bid_count,
        extensions=auction.extensions, closed=auction.state in (AuctionState.CLOSED, AuctionState.CANCELLED))


def _locked(auction_id: int | None = None, *, code: str | None = None) -> Auction:
    """The auction's row, locked until the transaction ends (by id, or by its public number)."""
    found = Auction.objects.select_for_update()
    auction = (found.filter(code=code) if code is not None else found.filter(pk=auction_id or 0)).first()
    if auction is None:
        raise AuctionNotFound()
    return auction


def _refusal(refused: engine.BidRefused) -> Exception:
    minimum = {"minimum": refused.minimum} if refused.minimum is not None else {}
    return {
        engine.BidRefused.NOT_OPEN: NotOpen, engine.BidRefused.CLOSED: Closed,
        engine.BidRefused.TOO_LOW: BidTooLow, engine.BidRefused.NOT_ABOVE_OWN: BidNotAboveOwn,
        engine.BidRefused.ALREADY_BID: AlreadyBid, engine.BidRefused.PRECISION: BidPrecision,
    }[refused.reason](params=minimum)


def _amount(value: Any) -> Decimal:
    try:
        amount = Decimal(str(value))
    except InvalidOperation as error:
        raise BidPrecision(field="maximum") from error
    if not amount.is_finite() or amount <= 0:
        raise BidPrecision(field="maximum")
    return amount


@transaction.atomic
def bid_place(*, actor: Any, auction_id: int | None = None, code: str | None = None, maximum: Any,
              now: dt.datetime | None = None) -> Bid:
    """One bid, in the auction given by id or number: in an English auction the bidder's proxy maximum, in a
    sealed one their amount. Refusals raise and write nothing. `bid.auction` is the auction as the bid left it
    (the caller answers from it without reading it again)."""
    amount = _amount(maximum)
    auction = _locked(auction_id, code=code)
    if not policy.may_bid(actor, auction):
        raise BidForbidden()
    now = now or timezone.now()
    before = state_of(auction)
    try:
        if auction.format == AuctionFormat.SEALED:
            already = Bid.objects.filter(auction=auction, bidder=actor).exists()
            after, leading, extended = engine.sealed_bid(before, bidder_id=actor.pk, amount=amount, now=now,
                                                         already_bid=already), False, False
        else:
            outcome = engine.english_bid(before, bidder_id=actor.pk, maximum=amount, now=now)
            after, leading, extended = outcome.state, outcome.leading, outcome.extended
    except engine.BidRefused as refused:
        raise _refusal(refused) from refused
    bid = Bid.objects.create(auction=auction, sequence=after.bids, bidder=actor, maximum=amount,
                             price_after=after.price, leading_after=leading, extended=extended, placed_at=now)
    auction.price, auction.leader_id, auction.leader_max = after.price, after.leader_id, after.leader_max
    auction.bid_count, auction.ends_at, auction.extensions = after.bids, after.ends_at, after.extensions
    auction.state = AuctionState.OPEN if auction.state == AuctionState.SCHEDULED else auction.state
    auction.save(update_fields=["price", "leader", "leader_max", "bid_count", "ends_at", "extensions", "state"])
    return bid


def _released(lot_item: LotItem, reference: str) -> bool:
    """Publish the listing again. False when a hold took the item meanwhile (reserved -> on hold): the listing
    then keeps the auction's reference until the hold ends, as an unpaid order's does (named in the audit)."""
    try:
        listings.listing_release(actor=None, listing_id=lot_item.listing_id, order_ref=reference)
    except DomainError:
        return False
    return True


def _finish(*, actor: Any, auction: Auction, outcome: str, winner_id: int | None, price: Decimal | None,
            now: dt.datetime, state: str = AuctionState.CLOSED, note: str = "") -> Auction:
    """Close or cancel: a sold lot's listings stay reserved for the winner's order; otherwise they are published
    again (an item a hold has taken stays where the hold put it)."""
    if not policy.can_transition(auction.state, state):
        raise TransitionNotAllowed(params={"from_state": AuctionState(auction.state).label,
                                           "to_state": AuctionState(state).label})
    lot = list(auction.lot.all())
    sold = outcome in (AuctionOutcome.SOLD, AuctionOutcome.BOUGHT_NOW)
    if sold and any(items.item_circulation_blockers(lot_item.item_id) for lot_item in lot):
        outcome, winner_id, price, sold = AuctionOutcome.HELD, None, None, False
    auction.state, auction.outcome, auction.winner_id, auction.final_price = state, outcome, winner_id, price
    auction.closed_at = now
    auction.save(update_fields=["state", "outcome", "winner", "final_price", "closed_at"])
    kept = [] if sold else [lot_item.listing_code for lot_item in lot if not _released(lot_item, order_ref(auction))]
    if not sold:
        auction.lot.update(live=False)
    audit_record(actor=actor, action=f"auction.{state}", target=auction, operator_id=auction.operator_id,
                 payload={"code": auction.code, "outcome": outcome, "winner_user_id": winner_id,
                          "price": str(price) if price is not None else None, "bids": auction.bid_count,
                          **({"reason": note} if note else {}), **({"not_released": kept} if kept else {})})
    return auction


def _close(auction: Auction, now: dt.datetime) -> Auction:
    if auction.format == AuctionFormat.SEALED:
        bids = [engine.SealedBid(bid.bidder_id, bid.maximum, bid.sequence) for bid in auction.bids.all()]
        best = engine.sealed_winner(bids, auction.reserve_price)
        result = (best.bidder_id, best.amount) if best else None
    else:
        result = engine.english_winner(state_of(auction))
    if result is None:
        outcome = AuctionOutcome.NO_BIDS if auction.bid_count == 0 else AuctionOutcome.RESERVE_NOT_MET
        return _finish(actor=None, auction=auction, outcome=outcome, winner_id=None, price=None, now=now)
    return _finish(actor=None, auction=auction, outcome=AuctionOutcome.SOLD, winner_id=result[0], price=result[1],
                   now=now)


def auctions_close_due(*, now: dt.datetime | None = None) -> list[Auction]:
    """Close every auction whose end has passed (each in its own transaction, under its lock): the winner and
    the price, or why nothing sold; unsold items go back to stock. Idempotent."""
    now = now or timezone.now()
    due = list(Auction.objects.filter(state__in=[AuctionState.SCHEDULED, AuctionState.OPEN], ends_at__lte=now)
               .order_by("ends_at", "id").values_list("id", flat=True))
    closed = []
    for auction_id in due:
        with transaction.atomic():
            auction = _locked(auction_id)
            if auction.state in (AuctionState.SCHEDULED, AuctionState.OPEN) and auction.ends_at <= now:
                closed.append(_close(auction, now))
    return closed


def auctions_open_due(*, now: dt.datetime | None = None) -> int:
    """Scheduled auctions whose start has come are shown as open (bids are accepted by time in any case)."""
    now = now or timezone.now()
    return Auction.objects.filter(state=AuctionState.SCHEDULED, starts_at__lte=now, ends_at__gt=now).update(
        state=AuctionState.OPEN)


@transaction.atomic
def auction_buy_now(*, actor: Any, auction_id: int, now: dt.datetime | None = None) -> Auction:
    """The buyer takes the lot at the buy-it-now price; the auction closes at once."""
    auction = _locked(auction_id)
    if not policy.may_bid(actor, auction):
        raise BidForbidden()
    now = now or timezone.now()
    if not engine.buy_now_allowed(state_of(auction), auction.buy_now_price, now):
        raise BuyNowUnavailable()
    return _finish(actor=actor, auction=auction, outcome=AuctionOutcome.BOUGHT_NOW, winner_id=actor.pk,
                   price=auction.buy_now_price, now=now)


@transaction.atomic
def auction_cancel(*, actor: Any, auction_id: int, reason: str) -> Auction:
    """Withdraw an auction nobody has bid in yet; its items go back to stock."""
    auction = _locked(auction_id)
    if not policy.may_sell(actor, auction.operator_id):
        raise ChangeForbidden()
    reason = " ".join((reason or "").split())
    if not reason or len(reason) > 500:
        raise AuctionInvalid(_("Say why the auction is cancelled (at most 500 characters)."), field="reason")
    if auction.bid_count:
        raise AuctionInvalid(_("An auction with bids cannot be cancelled."), field="reason")
    return _finish(actor=actor, auction=auction, outcome=AuctionOutcome.CANCELLED, winner_id=None, price=None,
                   now=timezone.now(), state=AuctionState.CANCELLED, note=reason)


def public_state(auction: Auction) -> engine.AuctionState:
    """The state without the leader's secret maximum (for pages and the API)."""
    return replace(state_of(auction), leader_max=None)


def shares(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """Spread a lot's price over its items in proportion to their listed prices, to the cent, every share at
    least 0.01, the rounding remainder on the largest item; the shares add up to `total` exactly."""
    count = len(weights)
    base = sum(weights) or Decimal(count)
    spread = [max(CENT, (total * (weight or Decimal(1)) / base).quantize(CENT, rounding="ROUND_DOWN"))
              for weight in weights]
    largest = max(range(count), key=lambda index: (weights[index], -index))
    spread[largest] += total - sum(spread)
    return spread


@transaction.atomic
def auction_checkout(*, actor: Any, auction_id: int, fulfilment: str, address: str = "") -> Any:
    """The winner checks out the lot at the final price (spread over its items): one trade checkout, paid like
    any other. Once per auction."""
    auction = _locked(auction_id)
    sold = auction.state == AuctionState.CLOSED and auction.outcome in (AuctionOutcome.SOLD,
                                                                        AuctionOutcome.BOUGHT_NOW)
    if not sold or actor is None or auction.winner_id != getattr(actor, "pk", None):
        raise CheckoutForbidden()
    if auction.checkout_number:
        raise AlreadyCheckedOut(params={"number": auction.checkout_number})
    assert auction.final_price is not None
    lot = list(auction.lot.all())
    prices = [listings.listing_offer(lot_item.listing_id).price for lot_item in lot]
    lines = [(lot_item.listing_id, lot_item.listing_version, share)
             for lot_item, share in zip(lot, shares(auction.final_price, prices), strict=True)]
    placed = trade.checkout_place_awarded(actor=actor, lines=lines, reference=order_ref(auction),
                                          fulfilment=fulfilment, address=address,
                                          description=_("Recirc auction %(code)s") % {"code": auction.code})
    auction.checkout_number = placed.number
    auction.save(update_fields=["checkout_number"])
    auction.lot.update(live=False)
    audit_record(actor=actor, action="auction.checked_out", target=auction, operator_id=auction.operator_id,
                 payload={"code": auction.code, "checkout": placed.number, "total": str(placed.total)})
    return placed


def auctions_lapse_unpaid(*, now: dt.datetime | None = None) -> list[Auction]:
    """Sold lots whose winner did not check out within CHECKOUT_DAYS: the listings are published again and the
    outcome says why (audited). Idempotent."""
    now = now or timezone.now()
    due = list(Auction.objects.filter(state=AuctionState.CLOSED, checkout_number="",
                                      outcome__in=[AuctionOutcome.SOLD, AuctionOutcome.BOUGHT_NOW],
                                      closed_at__lte=now - dt.timedelta(days=CHECKOUT_DAYS))
               .values_list("id", flat=True))
    lapsed = []
    for auction_id in due:
        with transaction.atomic():
            auction = _locked(auction_id)
            if auction.checkout_number or auction.outcome not in (AuctionOutcome.SOLD, AuctionOutcome.BOUGHT_NOW):
                continue
            kept = [item.listing_code for item in auction.lot.all() if not _released(item, order_ref(auction))]
            auction.outcome = AuctionOutcome.UNPAID
            auction.save(update_fields=["outcome"])
            auction.lot.update(live=False)
            audit_record(actor=None, action="auction.unpaid", target=auction, operator_id=auction.operator_id,
                         payload={"code": auction.code, "winner_user_id": auction.winner_id,
                                  **({"not_released": kept} if kept else {})})
            lapsed.append(auction)
    return lapsed
