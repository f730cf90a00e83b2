"""Frozen dataclasses that other contexts receive from items.facade."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class IdentifierRef:
    kind: str
    value: str


@dataclass(frozen=True)
class ItemRef:
    """An item passport's facts. `owner_user_id` is an internal id, never shown publicly."""

    id: int
    code: str
    category_id: int
    category_code: str
    title: str
    brand: str
    model_name: str
    state: str
    owner_operator_id: int | None
    owner_user_id: int | None
    outlet_id: int | None
    has_storage: bool
    high_risk: bool
    created_at: dt.datetime
    identifiers: tuple[IdentifierRef, ...] = ()
    attributes: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class ItemEventRef:
    id: int
    item_id: int
    kind: str
    occurred_at: dt.datetime
    from_state: str
    to_state: str
    operator_id: int | None
    is_public: bool


@dataclass(frozen=True)
class PassportFact:
    label: str
    value: str


@dataclass(frozen=True)
class PassportEvent:
    kind: str
    label: str
    occurred_at: dt.datetime
    operator_name: str


@dataclass(frozen=True)
class PassportView:
    """The public face of an item: no owner, no seller, no personal data, identifiers masked."""

    code: str
    category_code: str
    category_name: str
    title: str
    brand: str
    model_name: str
    registered_at: dt.datetime
    attributes: tuple[PassportFact, ...]
    identifiers: tuple[PassportFact, ...]
    grade: PassportFact | None
    events: tuple[PassportEvent, ...]


@dataclass(frozen=True)
class ItemSummary:
    """One line of an item list on a home page: public facts only."""

    id: int
    code: str
    title: str
    category_name: str
    state: str
    state_label: str
    created_at: dt.datetime
