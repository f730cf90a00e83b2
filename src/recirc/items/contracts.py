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


@dataclass(frozen=True)
class HoldRef:
    """A hold on an item (statutory, police or watchlist match). `is_active` is computed when the ref is made:
    police and watchlist holds are active until released, statutory holds until `ends_at`."""

    id: int
    item_id: int
    kind: str
    reason: str
    order_number: str
    placed_at: dt.datetime
    ends_at: dt.datetime | None
    released_at: dt.datetime | None
    is_active: bool
    source_ref: str
    item_code: str = ""
    release_reason: str = ""
    prior_state: str = ""
    placed_by_id: int | None = None
    released_by_id: int | None = None

    @property
    def kind_label(self) -> str:
        from recirc.items.models import HoldKind  # here: contracts stay importable before the app registry

        return str(HoldKind(self.kind).label) if self.kind in HoldKind.values else self.kind


@dataclass(frozen=True)
class CirculationBlocker:
    """Why an item may not circulate now. `code`: "items.on_hold" (police hold), "items.watchlist_match",
    "items.statutory_hold", "items.erasure_pending"; `message` is translated; `hold_id` names the hold."""

    code: str
    message: str
    hold_id: int | None = None


@dataclass(frozen=True)
class ItemDescription:
    """An item passport's describing facts, for fuzzy watchlist matching in batches. No personal data."""

    id: int
    category_code: str
    title: str
    brand: str
    model_name: str
    colour: str
    created_at: dt.datetime
    owner_operator_id: int | None
