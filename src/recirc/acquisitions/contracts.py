"""Frozen dataclasses that cross the register's boundary: what an intake is made of, and what others read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class SellerInput:
    """The seller as typed at the counter (plain values: they go to the vault, never to a table).

    Individuals: legal name, document type and number, address, phone, how identity was checked and whether
    the face matched. Organisations: name, unified social credit code, handler's name and document, proof of
    origin. Both: the ownership declaration and the seller's account of origin.
    """

    kind: str = "individual"
    legal_name: str = ""
    document_type: str = ""
    document_number: str = ""
    address: str = ""
    phone: str = ""
    birth_date: dt.date | None = None  # only for documents without a birth date in the number
    identity_check_method: str = ""
    face_matched: bool = False
    organisation_name: str = ""
    credit_code: str = ""
    handler_name: str = ""
    handler_document_type: str = ""
    handler_document_number: str = ""
    proof_of_origin: str = ""
    ownership_declared: bool = False
    account_of_origin: str = ""


@dataclass(frozen=True)
class ArticleInput:
    """One physical article. `quantity` must be 1 (one entry per article) except in a bulk purchase."""

    category: int | str
    title: str
    condition: str
    price_paid: Decimal | int | str
    brand: str = ""
    model_name: str = ""
    colour: str = ""
    quantity: int = 1
    specification: str = ""
    distinguishing_features: str = ""
    identifiers: tuple[tuple[str, str], ...] = ()
    attributes: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)
    invoice_details: str = ""


@dataclass(frozen=True)
class PhotoInput:
    """An uploaded photo: `kind` "item" (kept as a file) or "document" (kept only in the vault)."""

    kind: str
    name: str
    content: bytes = field(repr=False)


@dataclass(frozen=True)
class AcquisitionRef:
    """A register entry as other contexts see it: no personal values, masked seller document only."""

    id: int
    reference: str
    outlet_id: int
    operator_id: int
    sequence: int
    item_id: int
    item_code: str
    transaction_type: str
    category_code: str
    title: str
    price_paid: Decimal
    recorded_at: dt.datetime
    created_at: dt.datetime
    hold_until: dt.datetime | None
    corrects_id: int | None
    checks: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class ChainStatus:
    """The verification of one outlet's chain."""

    outlet_id: int
    intact: bool
    checked: int
    length: int
    first_bad_sequence: int | None
    first_bad_id: int | None
    reason: str
