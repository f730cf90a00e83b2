"""Publication checks owned by contexts below listings (DESIGN.md's order puts moderation after listings, so
listings cannot call it): a context registers a check when its app is ready, and `listing_publish` runs every
registered check on the listing's words, in the publishing transaction, after the disclosure is complete.

A check returns None to let the listing through (it may record what it found, in the same transaction) or a
refusal: the messages shown to the seller, field by field. A refusal rolls the whole publication back, so a
refused listing changes nothing and is never public (DESIGN.md invariant 7). ADR 0012.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class ListingText:
    """What a check reads of a listing about to be published."""

    id: int
    code: str
    title: str
    description: str
    category_code: str
    brand: str
    model_name: str
    price: Decimal | None
    attributes: dict[str, Any] = field(default_factory=dict)
    seller_kind: str = ""
    seller_operator_id: int | None = None
    seller_user_id: int | None = None
    # True when the listing is about to be published; False when a draft's edit is screened (a check that is about
    # publishing only, such as a seller's suspension, lets an edit through).
    publishing: bool = True


Refusal = dict[str, list[str]]
PublicationCheck = Callable[[Any, ListingText], Refusal | None]

_checks: dict[str, PublicationCheck] = {}


def register_publication_check(name: str, check: PublicationCheck) -> None:
    """Register (or replace) the check called `name`; called from an AppConfig.ready()."""
    _checks[name] = check


def publication_checks() -> dict[str, PublicationCheck]:
    return dict(_checks)


def refusals(actor: Any, text: ListingText) -> Refusal:
    """Every registered check's refusal messages, merged by field (empty when all let the listing through)."""
    merged: Refusal = {}
    for check in _checks.values():
        for name, messages in (check(actor, text) or {}).items():
            merged.setdefault(name, []).extend(messages)
    return merged
