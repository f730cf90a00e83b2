"""Ninja schemas of the trade API. Amounts are decimal yuan (CNY) as strings; no personal data (the address
appears masked)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema


class CartIn(Schema):
    listing_id: int


class CartLineOut(Schema):
    listing_id: int
    version_seen: int


class CheckoutLineIn(Schema):
    listing_id: int
    version: int = Field(..., description="The listing version the buyer saw (GET /listings gives it); a "
                                          "different current version is refused as a stale price.")


class CheckoutIn(Schema):
    lines: list[CheckoutLineIn] = Field(..., description="Listings to buy; empty: the cart.")
    fulfilment: str = Field(..., description="shipping or pickup")
    address: str = Field("", max_length=300, description="Shipping address (stored in the privacy vault).")
    inspection: bool = Field(False, description="Ask for platform inspection (验货) of C2C items that offer it.")


class OrderLineOut(Schema):
    listing_id: int
    listing_version: int
    item_code: str
    title: str
    price: Decimal
    warranty_days: int
    return_window_days: int
    disclosure_sha256: str


class OrderOut(Schema):
    id: int
    number: str
    state: str
    channel: str
    fulfilment: str
    seller_kind: str
    seller_operator_id: int | None
    seller_user_id: int | None
    total: Decimal
    paid_total: Decimal
    refunded_total: Decimal
    inspection_requested: bool
    carrier: str
    tracking_number: str
    receipt_code: str
    address_masked: str
    created_at: dt.datetime
    paid_at: dt.datetime | None
    completed_at: dt.datetime | None
    lines: list[OrderLineOut]


class CheckoutOut(Schema):
    checkout_id: int
    number: str
    total: Decimal
    payment_id: int
    payment_reference: str
    payment_url: str
    order_ids: list[int]


class PaymentOut(Schema):
    payment_id: int
    number: str
    state: str
    amount: Decimal


class ShipIn(Schema):
    carrier: str = Field(..., max_length=40)
    tracking_number: str = Field(..., max_length=40)


class RefundIn(Schema):
    amount: Decimal
    reason: str = Field(..., max_length=500)


class RefundOut(Schema):
    refund_id: int
    number: str
    amount: Decimal


class OrderFilter(Schema):
    state: str = ""
    q: str = ""
    role: str = Field("buyer", description="buyer: orders I bought; seller: orders I (or my operator) sell")
