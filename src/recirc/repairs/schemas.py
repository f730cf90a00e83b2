"""Ninja schemas of the repairs API. Amounts are decimal yuan (CNY); people appear by username only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from recirc.repairs import policy
from recirc.repairs.checklists import checklist_for
from recirc.repairs.models import WorkOrderState
from recirc.repairs.parts import PartKind, PartOrigin


def username(user: Any) -> str | None:
    return str(user.username) if user is not None else None


class WorkOrderIn(Schema):
    item_id: int
    reported_fault: str = Field(..., max_length=1000)
    intake_notes: str = Field("", max_length=1000)
    refurbishment: bool = Field(False, description="Declare refurbishment now (cannot be withdrawn).")


class DiagnoseIn(Schema):
    diagnosis: str = Field(..., max_length=2000)
    faults: list[str] = Field(default_factory=list, description="The faults found, one per entry (at most 20).")


class QuoteIn(Schema):
    parts_amount: Decimal = Field(..., description="Parts estimate in yuan.")
    labour_amount: Decimal = Field(..., description="Labour estimate in yuan.")
    valid_until: dt.date = Field(..., description="Today at the earliest, at most 90 days ahead.")
    notes: str = Field("", max_length=1000)


class DeclineIn(Schema):
    reason: str = Field("", max_length=500)


class CancelIn(Schema):
    reason: str = Field(..., max_length=500)


class PartIn(Schema):
    kind: str = Field(..., description="A part of the category's list: GET /part-kinds?item=<item id>.")
    origin: str = Field(..., description="original, oem_compatible or used_original")
    brand: str = Field(..., max_length=60)
    producer: str = Field(..., max_length=120)
    cost: Decimal
    part_number: str = Field("", max_length=60)
    serial_number: str = Field("", max_length=60)
    note: str = Field("", max_length=300)


class LabourIn(Schema):
    minutes: int
    rate: Decimal = Field(..., description="Yuan per hour.")
    note: str = Field("", max_length=300)


class SubmitIn(Schema):
    refurbishment: bool = Field(False, description="Declare refurbishment (cannot be withdrawn).")


class CheckIn(Schema):
    results: dict[str, str] = Field(..., description="Every check of the order's checklist: pass, fail or na.")
    notes: str = Field("", max_length=1000)


class WorkOrderFilter(Schema):
    state: str = Field("", description="A state, or \"open\" for every state that is not final.")
    kind: str = Field("", description="stock or customer")
    q: str = Field("", description="Order number, passport code, title, brand, model or an identifier.")
    item: int | None = None


class PartOut(Schema):
    id: int
    kind: str
    kind_label: str
    is_main_part: bool
    origin: str
    origin_label: str
    brand: str
    producer: str
    part_number: str
    serial_number: str
    cost: Decimal
    note: str
    fitted_by: str | None
    fitted_at: dt.datetime

    @staticmethod
    def resolve_kind_label(part: Any) -> str:
        return str(PartKind(part.kind).label)

    @staticmethod
    def resolve_origin_label(part: Any) -> str:
        return str(PartOrigin(part.origin).label)

    @staticmethod
    def resolve_fitted_by(part: Any) -> str | None:
        return username(part.fitted_by)


class LabourOut(Schema):
    id: int
    technician: str | None
    minutes: int
    rate: Decimal
    amount: Decimal
    note: str
    recorded_at: dt.datetime

    @staticmethod
    def resolve_technician(entry: Any) -> str | None:
        return username(entry.technician)


class CheckOut(Schema):
    id: int
    checked_by: str | None
    repaired_by: str | None
    passed: bool
    results: dict[str, str]
    notes: str
    checked_at: dt.datetime

    @staticmethod
    def resolve_checked_by(check: Any) -> str | None:
        return username(check.checked_by)

    @staticmethod
    def resolve_repaired_by(check: Any) -> str | None:
        return username(check.repaired_by)


class WorkOrderOut(Schema):
    id: int
    number: str
    state: str
    state_label: str
    kind: str
    item_id: int
    item_code: str
    item_title: str
    item_brand: str
    item_model: str
    category_code: str
    operator_id: int
    outlet_id: int | None
    customer_id: int | None
    reported_fault: str
    refurbishment_declared: bool
    quote_parts: Decimal | None
    quote_labour: Decimal | None
    quote_total: Decimal | None
    quote_valid_until: dt.date | None
    technician: str | None
    created_at: dt.datetime
    completed_at: dt.datetime | None

    @staticmethod
    def resolve_state_label(order: Any) -> str:
        return str(WorkOrderState(order.state).label)

    @staticmethod
    def resolve_technician(order: Any) -> str | None:
        return username(order.technician)


class WorkOrderDetailOut(WorkOrderOut):
    intake_notes: str
    diagnosis_notes: str
    found_faults: list[str]
    diagnosed_at: dt.datetime | None
    quote_notes: str
    quoted_at: dt.datetime | None
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_note: str
    repair_started_at: dt.datetime | None
    submitted_at: dt.datetime | None
    cancelled_at: dt.datetime | None
    cancel_reason: str
    is_refurbished: bool
    checklist: list[str]
    parts: list[PartOut]
    labour: list[LabourOut]
    checks: list[CheckOut]
    actions: list[str] = Field(..., description="What the caller may do now: diagnose, quote, approve, decline, "
                                               "start_repair, submit, check, cancel, part, labour.")

    @staticmethod
    def resolve_decided_by(order: Any) -> str | None:
        return username(order.decided_by)

    @staticmethod
    def resolve_is_refurbished(order: Any) -> bool:
        return bool(order.refurbishment_declared or any(part.is_main_part for part in order.parts.all()))

    @staticmethod
    def resolve_checklist(order: Any) -> list[str]:
        return list(checklist_for(order.category_code))

    @staticmethod
    def resolve_parts(order: Any) -> list[Any]:
        return list(order.parts.select_related("fitted_by").order_by("fitted_at", "id"))

    @staticmethod
    def resolve_labour(order: Any) -> list[Any]:
        return list(order.labour.select_related("technician").order_by("recorded_at", "id"))

    @staticmethod
    def resolve_checks(order: Any) -> list[Any]:
        return list(order.checks.select_related("checked_by", "repaired_by").order_by("checked_at", "id"))

    @staticmethod
    def resolve_actions(order: Any, context: Any) -> list[str]:
        return policy.actions_for(context["request"].user, order)


class PartKindOut(Schema):
    kind: str
    label: str
    is_main_part: bool


class RepairPartRecordOut(Schema):
    kind: str
    kind_label: str
    is_main_part: bool
    origin: str
    origin_label: str
    is_original: bool
    brand: str
    producer: str
    part_number: str


class RepairRecordOut(Schema):
    work_order_number: str
    operator_id: int
    completed_at: dt.datetime
    faults: list[str]
    refurbishment_declared: bool
    main_part_replaced: bool
    is_refurbished: bool
    parts: list[RepairPartRecordOut]


class RepairHistoryOut(Schema):
    item_id: int
    is_refurbished: bool
    has_non_original_parts: bool
    main_parts_replaced: list[str]
    records: list[RepairRecordOut]
