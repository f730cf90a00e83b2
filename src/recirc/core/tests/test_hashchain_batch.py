"""Registers whose sealed values are known before the INSERT are sealed in one statement, also in batches."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, models
from django.test.utils import CaptureQueriesContext, isolate_apps
from django.utils import timezone

from recirc.core.hashchain import ChainedEntry, ChainHead, ChainReport, chain_append, chain_append_many, chain_verify


@pytest.fixture
def ledger(transactional_db: None) -> Iterator[Any]:
    """A register without sealed auto fields: its timestamps come from `default=timezone.now`."""
    with isolate_apps("recirc.core"):

        class BatchRegisterEntry(ChainedEntry):
            CHAIN_FIELDS = ("description", "amount", "recorded_at", "details")

            description = models.CharField(max_length=80)
            amount = models.DecimalField(max_digits=10, decimal_places=2)
            recorded_at = models.DateTimeField(default=timezone.now)
            details = models.JSONField(default=dict)

            class Meta:
                app_label = "core"
                db_table = "core_test_batch_register_entry"

        with connection.schema_editor() as editor:
            editor.create_model(BatchRegisterEntry)
        try:
            yield BatchRegisterEntry
        finally:
            with connection.schema_editor() as editor:
                editor.delete_model(BatchRegisterEntry)


def verify(ledger: Any, chain_key: str = "outlet-1") -> ChainReport:
    """Verify the default way (in PostgreSQL when it is the database) and in Python: same report."""
    report = chain_verify(ledger, chain_key=chain_key)
    assert chain_verify(ledger, chain_key=chain_key, in_database=False) == report
    return report


def entry(ledger: Any, index: int, amount: Any = None) -> Any:
    return ledger(description=f"article {index}", amount=Decimal("9.90") if amount is None else amount,
                  details={"index": index})


def test_a_batch_is_appended_in_order_and_verifies(ledger: Any) -> None:
    chain_append_many([entry(ledger, index) for index in range(250)], chain_key="outlet-1")
    chain_append(entry(ledger, 250), chain_key="outlet-1")
    report = verify(ledger)
    assert (report.intact, report.checked, report.length) == (True, 251, 251)
    assert list(ledger.objects.order_by("sequence").values_list("sequence", flat=True)) == list(range(1, 252))
    assert ChainHead.objects.get(chain_key="outlet-1").head_hash == ledger.objects.get(sequence=251).entry_hash


def test_one_append_takes_three_statements_inside_its_transaction(ledger: Any) -> None:
    chain_append(entry(ledger, 0), chain_key="outlet-1")  # the head exists from here on
    with CaptureQueriesContext(connection) as queries:
        chain_append(entry(ledger, 1), chain_key="outlet-1")
    statements = [q["sql"] for q in queries.captured_queries if not q["sql"].upper().startswith(
        ("SAVEPOINT", "RELEASE", "BEGIN", "COMMIT"))]
    assert len(statements) == 3  # lock the head, insert the sealed entry, move the head


@pytest.mark.parametrize("amount", ["12.50", 12, Decimal("12.5000")])
def test_values_are_sealed_as_the_database_stores_them(ledger: Any, amount: Any) -> None:
    chain_append(entry(ledger, 0, amount=amount), chain_key="outlet-1")
    assert verify(ledger).intact


def test_an_amount_the_database_would_round_is_refused_and_nothing_is_written(ledger: Any) -> None:
    with pytest.raises(ValueError, match="decimal places"):
        chain_append(entry(ledger, 0, amount=Decimal("12.345")), chain_key="outlet-1")
    assert ledger.objects.count() == 0
    assert ChainHead.objects.filter(chain_key="outlet-1", length__gt=0).count() == 0


def test_an_edit_inside_a_batch_is_named(ledger: Any) -> None:
    chain_append_many([entry(ledger, index) for index in range(40)], chain_key="outlet-1")
    ledger.objects.filter(sequence=23).update(description="altered")
    report = verify(ledger)
    assert (report.intact, report.first_bad_sequence, report.reason) == (False, 23, "entry content was altered")
