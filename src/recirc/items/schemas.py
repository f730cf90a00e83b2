"""Ninja schemas of the items API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema


class IdentifierSchema(Schema):
    kind: str = Field(..., description="imei, meid, serial, mac or network_licence")
    value: str


class ItemOut(Schema):
    id: int
    code: str
    category_code: str
    title: str
    brand: str
    model_name: str
    state: str
    owner_operator_id: int | None
    outlet_id: int | None
    attributes: dict[str, Any]
    identifiers: list[IdentifierSchema]
    created_at: dt.datetime

    @staticmethod
    def resolve_category_code(item: Any) -> str:
        return str(item.category.code)

    @staticmethod
    def resolve_identifiers(item: Any) -> list[dict[str, str]]:
        return [{"kind": identifier.kind, "value": identifier.value} for identifier in item.identifiers.all()]


class ItemIn(Schema):
    category_code: str
    title: str = Field(..., max_length=160)
    brand: str = Field("", max_length=60)
    model_name: str = Field("", max_length=80)
    attributes: dict[str, Any] = Field(default_factory=dict)
    identifiers: list[IdentifierSchema] = Field(default_factory=list)
    owner_operator_id: int | None = None
    owner_user_id: int | None = None
    outlet_id: int | None = None


class ItemFilter(Schema):
    q: str = ""
    category: str = ""
    state: str = ""
    outlet: int | None = None


class TransitionIn(Schema):
    to_state: str
    reason: str = Field("", max_length=500)


class FactOut(Schema):
    label: str
    value: str


class PassportEventOut(Schema):
    kind: str
    label: str
    occurred_at: dt.datetime
    operator_name: str


class PassportOut(Schema):
    code: str
    category_code: str
    category_name: str
    title: str
    brand: str
    model_name: str
    registered_at: dt.datetime
    attributes: list[FactOut]
    identifiers: list[FactOut]
    grade: FactOut | None
    events: list[PassportEventOut]
