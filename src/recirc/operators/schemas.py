"""Ninja schemas of the operators API: <Entity>In / <Entity>Out / <Entity>Filter."""

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema


class DistrictOut(Schema):
    code: str
    name: str
    name_en: str
    parent_code: str | None
    population: int | None

    @staticmethod
    def resolve_parent_code(district: Any) -> str | None:
        return district.parent.code if district.parent_id else None


class DistrictFilter(Schema):
    parent_code: str = ""


class OperatorOut(Schema):
    """The public registry facts of an operator (its licence information is public by law)."""

    id: int
    kind: str
    name: str
    name_en: str
    credit_code: str
    district_code: str
    district_name: str
    status: str
    licence_number: str
    licence_valid_from: dt.date | None
    licence_valid_until: dt.date | None
    legal_representative_masked: str
    registered_address: str
    parent_id: int | None
    is_franchise: bool
    registered_on: dt.date

    @staticmethod
    def resolve_district_code(operator: Any) -> str:
        return str(operator.district.code)

    @staticmethod
    def resolve_district_name(operator: Any) -> str:
        return str(operator.district.name)


class OperatorIn(Schema):
    kind: str
    name: str = Field(..., max_length=120)
    credit_code: str = Field(..., max_length=40)
    district_code: str = Field(..., max_length=12)
    name_en: str = ""
    licence_number: str = ""
    licence_valid_from: dt.date | None = None
    licence_valid_until: dt.date | None = None
    registered_address: str = ""
    parent_id: int | None = None
    is_franchise: bool = False
    legal_representative: str = Field("", max_length=60, description="stored in the privacy vault; shown masked")


class OperatorFilter(Schema):
    query: str = ""
    kind: str = ""
    district_code: str = ""
    status: str = ""


class OperatorStatusIn(Schema):
    status: str
    reason: str = Field("", max_length=200)


class OutletOut(Schema):
    id: int
    operator_id: int
    operator_name: str
    name: str
    kind: str
    district_code: str
    district_name: str
    address: str
    floor_area_m2: int | None
    opening_hours: str
    is_active: bool

    @staticmethod
    def resolve_operator_name(outlet: Any) -> str:
        return str(outlet.operator.name)

    @staticmethod
    def resolve_district_code(outlet: Any) -> str:
        return str(outlet.district.code)

    @staticmethod
    def resolve_district_name(outlet: Any) -> str:
        return str(outlet.district.name)


class OutletIn(Schema):
    name: str = Field(..., max_length=120)
    district_code: str = Field(..., max_length=12)
    address: str = Field(..., max_length=200)
    kind: str = "store"
    floor_area_m2: int | None = Field(None, ge=0)
    opening_hours: str = ""


class OutletFilter(Schema):
    query: str = ""
    kind: str = ""
    district_code: str = ""
    operator_id: int | None = None
    is_active: bool | None = None


class MembershipOut(Schema):
    id: int
    user_id: int
    username: str
    role: str
    outlet_id: int | None
    started_on: dt.date
    ended_on: dt.date | None

    @staticmethod
    def resolve_username(membership: Any) -> str:
        return str(membership.user.username)


class MembershipIn(Schema):
    user_id: int
    role: str
    outlet_id: int | None = None
    started_on: dt.date | None = None


class StallOut(Schema):
    id: int
    outlet_id: int
    code: str
    area_m2: Decimal | None
    monthly_rent: Decimal
