"""Frozen dataclasses other contexts (after-sales, supervision) receive from trade.facade."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class SaleLine:
    listing_id: int
    listing_version: int
    item_id: int
    item_code: str
    title: str
    price: Decimal
    warranty_days: int
    return_window_days: int
    disclosure_sha256: str


@dataclass(frozen=True)
class SaleRef:
    """One order: who sold what to whom, what was paid and refunded, and where it stands."""

    order_id: int
    number: str
    buyer_user_id: int | None  # None: an anonymous walk-in buyer (the receipt code carries the warranty)
    seller_kind: str  # "operator" | "consumer"
    seller_operator_id: int | None
    seller_outlet_id: int | None
    seller_user_id: int | None
    lines: tuple[SaleLine, ...]
    total: Decimal
    paid_total: Decimal
    refunded_total: Decimal
    state: str
    paid_at: dt.datetime | None
    delivered_at: dt.datetime | None
    completed_at: dt.datetime | None
    channel: str  # "online" | "in_store" | "stall"
    receipt_code: str


@dataclass(frozen=True)
class RefundRef:
    id: int
    number: str
    order_id: int
    amount: Decimal
    from_escrow: bool
    replayed: bool  # True when the idempotency key had already been used (no money moved this time)


@dataclass(frozen=True)
class SaleFact:
    """One concluded sale for the supervision statistics (no personal data)."""

    id: int  # the cursor: pull with after_id = the last id seen
    order_id: int
    number: str
    occurred_at: dt.datetime  # paid_at
    completed_at: dt.datetime | None
    amount: Decimal  # paid less refunded, when the fact was read
    quantity: int
    category_id: int
    category_code: str
    operator_id: int | None  # None: a C2C sale
    district_code: str  # the seller outlet's district, "" when unknown
    channel: str  # "online" | "in_store" | "stall"
    method: str  # "fixed_price"


@dataclass(frozen=True)
class CheckoutRef:
    """A placed checkout: one payment (pay it at `payment_reference`) for one order per seller."""

    checkout_id: int
    number: str
    total: Decimal
    payment_reference: str
    order_ids: tuple[int, ...]
