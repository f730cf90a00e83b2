"""Frozen dataclasses that other contexts (trade, after-sales, moderation) receive from listings.facade."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class DisclosureRef:
    """A sealed disclosure version: what a receipt and after-sales show. `facts` are (translated label, value)
    pairs in display order; `data` is the canonical JSON content whose SHA-256 is `sha256`."""

    listing_id: int
    version: int
    sha256: str
    composed_at: dt.datetime
    facts: tuple[tuple[str, str], ...]
    data: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class ListingOffer:
    """A listing as a buyer's order sees it. `version` changes with price, terms or disclosure."""

    id: int
    code: str
    version: int
    status: str
    item_id: int
    item_code: str
    category_id: int
    category_code: str
    title: str
    price: Decimal
    seller_kind: str  # "operator" | "consumer"
    seller_operator_id: int | None
    seller_outlet_id: int | None
    seller_user_id: int | None
    warranty_days: int
    return_window_days: int
    terms_text: str
    platform_inspection_offered: bool  # C2C: the buyer may ask for the platform's inspection (验货)
    disclosure_sha256: str
    channel: str = "both"  # "online", "in_store" or "both": an in-store-only listing is not sold online
    # The platform's takedown, while it stands: the reason shown to the seller and the moderation decision's number.
    taken_down_at: dt.datetime | None = None
    takedown_reason: str = ""
    takedown_ref: str = ""
