"""Submissions: validated row by row, all or nothing, idempotent per key, corrections replace, counted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from recirc.core.errors import PermissionDenied
from recirc.core.models import AuditEvent
from recirc.supervision.errors import SubmissionForbidden, SubmissionInvalid
from recirc.supervision.models import DirtyDay, Submission, SubmittedEntity, TransactionRecord
from recirc.supervision.submissions import submission_record
from recirc.supervision.tests.conftest import numbered, snapshot, transaction_row


def submit(world: dict[str, Any], rows: list[dict[str, str]], *, kind: str = "transactions",
           user: str = "manager_a") -> Submission:
    return submission_record(actor=world[user], operator_id=None, kind=kind, rows=numbered(rows), channel="upload",
                             file_name="rows.csv")


def test_a_manager_submits_transactions_for_their_operator(world: dict[str, Any]) -> None:
    submission = submit(world, [transaction_row("T-1", amount="1299.5", acquired_on="2025-02-20"),
                                transaction_row("T-2", channel="线上", method="拍卖", quantity="2")])

    assert (submission.rows_total, submission.rows_created, submission.rows_updated) == (2, 2, 0)
    first, second = TransactionRecord.objects.order_by("key")
    assert (first.operator_id, first.source, first.day, first.amount, first.days_to_sell) == (
        world["operator_a"].pk, "submission", dt.date(2025, 3, 8), Decimal("1299.50"), 16)
    assert (second.channel, second.method, second.quantity, second.days_to_sell) == ("online", "auction", 2, None)
    assert list(DirtyDay.objects.values_list("day", flat=True)) == [dt.date(2025, 3, 8)]
    event = AuditEvent.objects.get(action="supervision.submission_accepted")
    assert event.payload == {"kind": "transactions", "channel": "upload", "rows": 2, "created": 2, "updated": 0,
                             "unchanged": 0, "file_name": "rows.csv"}


def test_sending_the_same_rows_again_changes_nothing(world: dict[str, Any]) -> None:
    submit(world, [transaction_row("T-1"), transaction_row("T-2")])
    DirtyDay.objects.all().delete()

    again = submit(world, [transaction_row("T-1"), transaction_row("T-2")])

    assert (again.rows_created, again.rows_updated, again.rows_unchanged) == (0, 0, 2)
    assert TransactionRecord.objects.count() == 2
    assert set(TransactionRecord.objects.values_list("revision", flat=True)) == {1}
    assert DirtyDay.objects.count() == 0


def test_a_corrected_row_replaces_the_earlier_one_and_marks_both_days(world: dict[str, Any]) -> None:
    submit(world, [transaction_row("T-1", occurred_at="2025-03-08 10:00")])
    DirtyDay.objects.all().delete()

    corrected = submit(world, [transaction_row("T-1", occurred_at="2025-04-02 10:00", amount="900")])

    assert (corrected.rows_created, corrected.rows_updated) == (0, 1)
    record = TransactionRecord.objects.get()
    assert (record.day, record.amount, record.revision, record.submission_id) == (
        dt.date(2025, 4, 2), Decimal("900.00"), 2, corrected.pk)
    assert sorted(DirtyDay.objects.values_list("day", flat=True)) == [dt.date(2025, 3, 8), dt.date(2025, 4, 2)]


def test_every_bad_row_is_reported_and_nothing_is_recorded(world: dict[str, Any]) -> None:
    submit(world, [transaction_row("T-0")])
    before = snapshot()

    with pytest.raises(SubmissionInvalid) as caught:
        submit(world, [transaction_row("T-1"), transaction_row("T-2", district="999999", amount="-5"),
                       transaction_row("T-1", channel="kiosk", occurred_at="2099-01-01"),
                       {**transaction_row("T-4"), "category_code": ""}])

    assert caught.value.errors["rows"] == [
        "Line 3: district_code: is not a known GB/T 2260 district code; amount: The amount cannot be negative.",
        "Line 4: occurred_at: lies in the future; channel: must be one of store, market, online, community, trade_in; "
        "key: repeats the key of Line 2",
        "Line 5: category_code: this field is required",
    ]
    assert snapshot() == before


def test_acquisitions_are_checked_after_the_sale(world: dict[str, Any]) -> None:
    with pytest.raises(SubmissionInvalid) as caught:
        submit(world, [transaction_row("T-1", occurred_at="2025-03-08 10:00", acquired_on="2025-03-09")])
    assert caught.value.errors["rows"] == ["Line 2: acquired_on: lies after the transaction"]


def test_entities_with_credit_codes_are_checked(world: dict[str, Any]) -> None:
    rows = [{"key": "E-1", "kind": "个体工商户", "district_code": "330106", "opened_on": "2024-05-01"},
            {"key": "E-2", "kind": "enterprise", "district_code": "330108", "opened_on": "2025-01-01",
             "credit_code": "91330100000000000X"}]
    with pytest.raises(SubmissionInvalid) as caught:
        submit(world, rows, kind="entities")
    assert caught.value.errors["rows"] == ["Line 3: credit_code: is not a valid unified social credit code"]

    submit(world, rows[:1], kind="entities")
    entity = SubmittedEntity.objects.get()
    assert (entity.kind, entity.district_code, entity.opened_on, entity.credit_code) == (
        "individual_operator", "330106", dt.date(2024, 5, 1), "")


@pytest.mark.parametrize(("user", "operator", "error"), [
    ("clerk_a", None, SubmissionForbidden), ("regulator", None, SubmissionForbidden),
    ("police", None, SubmissionForbidden), ("consumer", None, SubmissionForbidden),
    ("manager_a", "operator_b", SubmissionForbidden),
])
def test_who_may_not_submit_changes_nothing(world: dict[str, Any], user: str, operator: str | None,
                                            error: type[PermissionDenied]) -> None:
    before = snapshot()
    with pytest.raises(error):
        submission_record(actor=world[user], operator_id=world[operator].pk if operator else None,
                          kind="transactions", rows=numbered([transaction_row("T-1")]), channel="api")
    assert snapshot() == before


def test_the_administrator_submits_for_a_named_operator(world: dict[str, Any]) -> None:
    with pytest.raises(SubmissionInvalid):
        submission_record(actor=world["admin"], operator_id=None, kind="transactions",
                          rows=numbered([transaction_row("T-1")]), channel="api")
    submission = submission_record(actor=world["admin"], operator_id=world["operator_b"].pk, kind="transactions",
                                   rows=numbered([transaction_row("T-1")]), channel="api")
    assert TransactionRecord.objects.get().operator_id == world["operator_b"].pk == submission.operator_id
