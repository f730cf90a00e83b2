"""Frozen dataclasses that other contexts give to and receive from policing.facade."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class IntakeFacts:
    """What the register knows about one article at intake. No personal data: the seller is a pseudonym."""

    item_id: int
    operator_id: int
    outlet_id: int | None
    category_code: str
    identifiers: tuple[tuple[str, str], ...]  # normalised (kind, value), as on the passport
    title: str
    brand: str
    model_name: str
    colour: str
    description: str  # features / condition text, no personal data
    price: Decimal
    estimated_value: Decimal | None  # None until an evaluation exists: the price rule is skipped
    seller_index: str  # privacy.facade.pii_pseudonym of the seller's document ("" for none: rule skipped)
    seller_age: int | None
    source_ref: str  # e.g. "acquisitions.entry:55"


@dataclass(frozen=True)
class AlertRef:
    id: int
    kind: str
    status: str
    item_id: int
    operator_id: int | None
    watchlist_entry_id: int | None
    score: Decimal
    reason: str  # rendered in the active language
    source_ref: str
    hold_id: int | None
    created_at: dt.datetime


@dataclass(frozen=True)
class CheckRef:
    """One check made at intake; the register stores them as "checks"."""

    source: str  # "watchlist" | "tac" | "clone" | "repeat_seller" | "price" | "age" | "imei"
    checked_at: dt.datetime
    result: str  # "clear" | "hit" | "unverified"
    detail: str  # human-readable in the active language; no personal data


@dataclass(frozen=True)
class ScreeningResult:
    checks: tuple[CheckRef, ...]
    alerts: tuple[AlertRef, ...]
    held: bool  # a watchlist hold was placed
