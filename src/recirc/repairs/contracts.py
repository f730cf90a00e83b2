"""Frozen dataclasses that other contexts (listings' disclosure, after-sales) receive from repairs.facade.

No personal data and no prices: what a buyer is entitled to know about an item's repairs and refurbishment
(REGULATIONS.md section 4): the parts, whether each is original, its brand and producer, the main parts
replaced, and whether the item is refurbished.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class RepairPartRecord:
    """A part fitted in a completed repair. `origin`: "original", "oem_compatible" or "used_original"."""

    kind: str
    is_main_part: bool
    origin: str
    brand: str
    producer: str
    part_number: str = ""

    @property
    def is_original(self) -> bool:
        """Made by the item's brand (new, or taken from another unit)."""
        return self.origin in ("original", "used_original")

    @property
    def kind_label(self) -> str:
        from recirc.repairs.parts import PartKind  # here: contracts stay importable before the app registry

        return str(PartKind(self.kind).label) if self.kind in PartKind.values else self.kind

    @property
    def origin_label(self) -> str:
        from recirc.repairs.parts import PartOrigin

        return str(PartOrigin(self.origin).label) if self.origin in PartOrigin.values else self.origin


@dataclass(frozen=True)
class RepairRecord:
    """One completed work order on the item."""

    work_order_number: str
    operator_id: int
    completed_at: dt.datetime
    faults: tuple[str, ...]
    refurbishment_declared: bool
    main_part_replaced: bool
    is_refurbished: bool
    parts: tuple[RepairPartRecord, ...]


@dataclass(frozen=True)
class RepairHistory:
    """Every completed repair of an item, oldest first. `is_refurbished` is true when any of them replaced a
    main part or declared refurbishment; it is never left out of a disclosure."""

    item_id: int
    records: tuple[RepairRecord, ...]

    @property
    def is_refurbished(self) -> bool:
        return any(record.is_refurbished for record in self.records)

    @property
    def has_non_original_parts(self) -> bool:
        return any(not part.is_original for record in self.records for part in record.parts)

    @property
    def main_parts_replaced(self) -> tuple[str, ...]:
        """Kinds of main parts replaced, in the order they were fitted, each once."""
        kinds: list[str] = []
        for part in (part for record in self.records for part in record.parts if part.is_main_part):
            if part.kind not in kinds:
                kinds.append(part.kind)
        return tuple(kinds)


@dataclass(frozen=True)
class WorkOrderSummary:
    """One line of a work order list on a home page."""

    id: int
    number: str
    item_code: str
    item_title: str
    state: str
    state_label: str
    created_at: dt.datetime


@dataclass(frozen=True)
class WorkOrderRef:
    """A work order as other contexts (and the demo) see it after a write. `kind`: "stock" or "customer"."""

    id: int
    number: str
    state: str
    kind: str
    item_id: int
    operator_id: int
    customer_id: int | None
    category_code: str
    refurbishment_declared: bool
