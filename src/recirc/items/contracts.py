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
