"""Orders for complaints, from trade. DESIGN.md's order puts moderation before trade, so moderation cannot call
trade: trade registers its read-only order lookups when its app is ready (the same inversion as listings'
publication checks, ADR 0012), and complaints read orders only through this port. What a lookup returns must
have the attributes of `OrderFacts` (trade's SaleRef has them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, Protocol


class OrderLineFacts(Protocol):
    listing_id: int
    listing_version: int
    item_code: str
    title: str
    price: Decimal
    disclosure_sha256: str


class OrderFacts(Protocol):
    order_id: int
    number: str
    buyer_user_id: int | None
    seller_kind: str
    seller_operator_id: int | None
    seller_user_id: int | None
    lines: Sequence[Any]
    total: Decimal
    paid_total: Decimal
    refunded_total: Decimal
    state: str
    paid_at: dt.datetime | None
    delivered_at: dt.datetime | None
    completed_at: dt.datetime | None
    channel: str


ByNumber = Callable[[str], Any]
ById = Callable[[int], Any]
_sources: dict[str, Callable[..., Any]] = {}


def register_order_source(*, by_number: ByNumber, by_id: ById) -> None:
    """Called from trade's AppConfig.ready(): `by_number` returns the order or None, `by_id` the order or raises
    a NotFound."""
    _sources["by_number"], _sources["by_id"] = by_number, by_id


def order_by_number(number: str) -> OrderFacts | None:
    if "by_number" not in _sources:
        return None
    found: OrderFacts | None = _sources["by_number"](number)
    return found


def order_by_id(order_id: int) -> OrderFacts | None:
    """None when no source is registered or the order is gone."""
    from recirc.core.errors import NotFound

    if "by_id" not in _sources:
        return None
    try:
        found: OrderFacts = _sources["by_id"](order_id)
    except NotFound:
        return None
    return found


def order_as_dict(order: OrderFacts) -> dict[str, Any]:
    """The order as the evidence package stores it (no personal data: ids and public numbers only)."""
    return {"number": order.number, "state": order.state, "channel": order.channel, "seller_kind": order.seller_kind,
            "seller_operator_id": order.seller_operator_id, "total": str(order.total),
            "paid_total": str(order.paid_total), "refunded_total": str(order.refunded_total),
            "paid_at": _iso(order.paid_at), "delivered_at": _iso(order.delivered_at),
            "completed_at": _iso(order.completed_at),
            "lines": [{"listing_id": line.listing_id, "listing_version": line.listing_version,
                       "item_code": line.item_code, "title": line.title, "price": str(line.price),
                       "disclosure_sha256": line.disclosure_sha256} for line in order.lines]}


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
