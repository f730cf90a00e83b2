"""Frozen dataclasses that other contexts receive from operators.facade."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class OperatorScope:
    """Which operators' records a user may see. `city_wide` means all of them."""

    city_wide: bool
    operator_ids: frozenset[int]

    def allows(self, operator_id: int | None) -> bool:
        return self.city_wide or (operator_id is not None and operator_id in self.operator_ids)


@dataclass(frozen=True)
class MembershipRef:
    """A staff member's operator, outlet and role there."""

    user_id: int
    operator_id: int
    operator_name: str
    outlet_id: int | None
    role: str
    membership_id: int | None = None


@dataclass(frozen=True)
class OutletRef:
    id: int
    name: str
    operator_id: int
    operator_name: str
    district_code: str
    district_name: str
    kind: str = ""
    is_active: bool = True


@dataclass(frozen=True)
class OperatorRef:
    """An operator's public registry facts (E-commerce Law Art. 15: licence information is public)."""

    id: int
    name: str
    kind: str
    status: str
    credit_code: str
    district_code: str
    parent_id: int | None


@dataclass(frozen=True)
class DistrictRef:
    code: str
    name: str
    name_en: str
    parent_code: str | None
    population: int | None


@dataclass(frozen=True)
class StallRef:
    id: int
    market_id: int
    outlet_id: int
    code: str
    monthly_rent: Decimal


@dataclass(frozen=True)
class TenancyRef:
    id: int
    stall_id: int
    vendor_id: int
    starts_on: dt.date
    ends_on: dt.date | None


@dataclass(frozen=True)
class OperatorStoreRef:
    """An operator's public store facts (E-commerce Law Art. 15: licence information shown on the store page).
    `licence_expired` is true when the licence's end date has passed: shown as expired, never hidden."""

    id: int
    name: str
    name_en: str
    kind: str
    kind_label: str
    status: str
    credit_code: str
    licence_number: str
    licence_valid_from: dt.date | None
    licence_valid_until: dt.date | None
    licence_expired: bool
    registered_address: str
    district_name: str


@dataclass(frozen=True)
class MerchantRecheckRef:
    """Where an operator stands with the periodic re-check of its identity (operators/recheck.py)."""

    operator_id: int
    checked_at: dt.datetime | None
    due_on: dt.date
    state: str  # "current", "due_soon", "overdue" or "refused"
    days_overdue: int
    refuses_publication: bool
    refused_from: dt.date | None
