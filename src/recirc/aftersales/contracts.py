"""What after-sales hands to others (the portal's home pages, supervision): frozen facts, never models."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class AftersalesCounts:
    """Open and overdue cases in the actor's view, and their unread notices."""

    open_returns: int
    open_tickets: int
    open_disputes: int
    overdue: int
    unread_notices: int


@dataclass(frozen=True)
class WarrantyRef:
    """An item's after-sales record as a passport or a listing may show it (no buyer's identity)."""

    id: int
    order_number: str
    channel: str
    seller_operator_id: int | None
    seller_user_id: int | None
    item_id: int
    warranty_days: int
    starts_on: dt.date
    ends_on: dt.date
    state: str
    under_warranty: bool
    no_reason_return_until: dt.date | None  # None: no no-reason return now


@dataclass(frozen=True)
class EvidenceFile:
    """A file as received: its name and bytes (from a form upload, the API's base64, or the demo city)."""

    name: str
    content: bytes = field(repr=False)
    description: str = ""
