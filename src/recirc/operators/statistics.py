"""Read-only aggregates of the operator registry for the supervision statistics (no personal data: operators are
entities whose registry facts are public, E-commerce Law Art. 15).

Supervision keys its roll-ups by GB/T 2260 district code, so it needs each operator's district; the registry's
growth (operating entities by type, cultivated over the pilot) is counted by the month of registration.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncMonth

from recirc.operators.models import Operator, OperatorKind


@dataclass(frozen=True)
class RegistrationCount:
    """Operators of one kind and district that registered in one month, by their current status."""

    month: dt.date
    kind: str
    district_code: str
    status: str
    count: int


def operator_districts(ids: Iterable[int] | None = None) -> dict[int, str]:
    """Operator id -> its district's GB/T 2260 code; every operator when `ids` is None. One query."""
    operators = Operator.objects.all()
    if ids is not None:
        operators = operators.filter(pk__in=set(ids))
    return dict(operators.order_by().values_list("id", "district__code"))


def operator_kind_choices() -> list[tuple[str, str]]:
    """The operator types of the pilot policy (value, translated label)."""
    return [(str(value), str(label)) for value, label in OperatorKind.choices]


def operator_registrations_by_month() -> list[RegistrationCount]:
    """How many operators registered each month, per kind, district and current status. One query."""
    rows = (Operator.objects.order_by().annotate(month=TruncMonth("registered_on"))
            .values("month", "kind", "district__code", "status").annotate(total=Count("id")))
    return [RegistrationCount(month=row["month"], kind=row["kind"], district_code=row["district__code"],
                              status=row["status"], count=row["total"]) for row in rows]


def operator_ids_by_credit_code(codes: Iterable[str]) -> dict[str, int]:
    """Registered operators among the given unified social credit codes (code -> id)."""
    wanted = {code.upper() for code in codes if code}
    return dict(Operator.objects.filter(credit_code__in=wanted).values_list("credit_code", "id"))
