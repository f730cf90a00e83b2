"""Ninja schemas of the auctions API. Amounts are decimal yuan (CNY); bidders appear as "#n" aliases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema


class AuctionIn(Schema):
    operator_id: int
    listing_ids: list[int] = Field(..., description="Published online listings of the operator (a bulk lot: many).")
    title: str = Field(..., max_length=200)
    description: str = Field("", max_length=5000)
    format: str = Field("english", description="english (proxy bids) or sealed (bulk lots, operators bid)")
    starts_at: dt.datetime
    ends_at: dt.datetime
    start_price: Decimal
    reserve_price: Decimal | None = None
    buy_now_price: Decimal | None = None
    extension_window_seconds: int = Field(120, ge=0, le=86400)
    extension_cap_seconds: int = Field(1800, ge=0, le=86400)
    increments: list[tuple[Decimal, Decimal]] | None = Field(None, description="(price from, increment) pairs")


class LotItemOut(Schema):
    listing_code: str
    item_code: str
    title: str
    disclosure_sha256: str


class AuctionOut(Schema):
    code: str
    format: str
    state: str
    outcome: str
    title: str
    description: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    scheduled_end: dt.datetime
    start_price: Decimal
    reserve_met: bool
    buy_now_price: Decimal | None
    price: Decimal | None
    minimum_bid: Decimal
    bid_count: int
    extensions: int
    final_price: Decimal | None
    you_lead: bool = Field(False, description="The caller leads (English auctions).")
    your_maximum: Decimal | None = Field(None, description="The caller's own maximum, when they lead.")
    lot: list[LotItemOut]


class BidIn(Schema):
    maximum: Decimal = Field(..., description="English: the most you will pay (proxy); sealed: your bid.")


class BidOut(Schema):
    sequence: int
    price: Decimal | None
    leading: bool
    extended: bool
    ends_at: dt.datetime
    minimum_next: Decimal


class BidHistoryOut(Schema):
    sequence: int
    bidder: str
    price_after: Decimal | None
    extended: bool
    placed_at: dt.datetime


class CancelIn(Schema):
    reason: str = Field(..., max_length=500)


class CheckoutIn(Schema):
    fulfilment: str = Field(..., description="shipping or pickup")
    address: str = Field("", max_length=300, description="Shipping address (stored in the privacy vault).")


class CheckoutOut(Schema):
    number: str
    total: Decimal
    payment_reference: str
    payment_url: str
    order_ids: list[int]
