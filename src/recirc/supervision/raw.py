"""The raw aggregates the roll-ups must equal, computed straight from the facts and the other contexts' records.
Used by `manage.py statistics_verify`, the tests and benchmark B7: a roll-up that differs from its raw aggregate
by a single record or cent is a bug."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

from recirc.supervision.models import (
    ActivityDaily,
    FactSource,
    OperatorMonthly,
    SellThroughMonthly,
    SubmittedAcquisition,
    TransactionMonthly,
    TransactionRecord,
)
from recirc.supervision.refresh import (
    EPOCH,
    OPERATOR_DIMENSIONS,
    SELL_DIMENSIONS,
    TRANSACTION_DIMENSIONS,
    _activity_rows,
)

Cells = dict[tuple[Any, ...], tuple[Any, ...]]


def _cells(rows: Iterable[Any], keys: tuple[str, ...], measures: tuple[str, ...]) -> Cells:
    return {tuple(row[key] for key in keys): tuple(Decimal(row[name]) if name == "value" else int(row[name])
                                                   for name in measures) for row in rows}


def raw_transaction_months() -> Cells:
    rows = (TransactionRecord.objects.order_by().annotate(month=TruncMonth("day"))
            .values("month", *TRANSACTION_DIMENSIONS).annotate(records=Count("id"), items=Sum("quantity"),
                                                               value=Sum("amount")))
    return _cells(rows, ("month", *TRANSACTION_DIMENSIONS), ("records", "items", "value"))


def rollup_transaction_months() -> Cells:
    return _cells(TransactionMonthly.objects.values(), ("month", *TRANSACTION_DIMENSIONS),
                  ("records", "items", "value"))


def raw_operator_months() -> Cells:
    rows = (TransactionRecord.objects.order_by().annotate(month=TruncMonth("day"))
            .values("month", *OPERATOR_DIMENSIONS).annotate(records=Count("id"), items=Sum("quantity"),
                                                            value=Sum("amount")))
    return _cells(rows, ("month", *OPERATOR_DIMENSIONS), ("records", "items", "value"))


def rollup_operator_months() -> Cells:
    return _cells(OperatorMonthly.objects.values(), ("month", *OPERATOR_DIMENSIONS), ("records", "items", "value"))


def raw_sell_through_months() -> Cells:
    rows = (TransactionRecord.objects.filter(days_to_sell__isnull=False).order_by().annotate(month=TruncMonth("day"))
            .values("month", "category_code", "channel", "days_to_sell").annotate(records=Count("id")))
    return {(row["month"], row["category_code"], row["channel"], row["days_to_sell"]): (row["records"],)
            for row in rows}


def rollup_sell_through_months() -> Cells:
    return _cells(SellThroughMonthly.objects.values(), ("month", *SELL_DIMENSIONS), ("records",))


def raw_activity(today: dt.date) -> Cells:
    cells: Cells = {}
    for row in _activity_rows(EPOCH, today):
        cells[(row.day, row.district_code, row.category_code, row.measure, row.kind, row.source)] = (row.records,)
    for found in (SubmittedAcquisition.objects.order_by().values("day", "district_code", "category_code", "kind")
                  .annotate(records=Count("id"))):
        cells[(found["day"], found["district_code"], found["category_code"], "acquisition", found["kind"],
               FactSource.SUBMISSION.value)] = (found["records"],)
    return cells


def rollup_activity() -> Cells:
    return _cells(ActivityDaily.objects.values(), ("day", "district_code", "category_code", "measure", "kind",
                                                   "source"), ("records",))


def differences(today: dt.date) -> dict[str, int]:
    """Cells that differ between each roll-up and its raw aggregate (all zero when the roll-ups are right)."""
    pairs = {"transactions": (raw_transaction_months(), rollup_transaction_months()),
             "operators": (raw_operator_months(), rollup_operator_months()),
             "sell_through": (raw_sell_through_months(), rollup_sell_through_months()),
             "activity": (raw_activity(today), rollup_activity())}
    return {name: len(set(raw.items()) ^ set(rolled.items())) for name, (raw, rolled) in pairs.items()}
