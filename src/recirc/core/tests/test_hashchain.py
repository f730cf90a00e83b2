"""The hash chain finds any edit, deletion, reordering or foreign insert and names the first bad entry.

A concrete register exists only for these tests: it is declared in an isolated app registry (so it never
reaches the project's migrations) and its table is created and dropped with the schema editor, which needs
a transactional test on SQLite.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, models
from django.test.utils import isolate_apps
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from recirc.core.hashchain import (
    GENESIS_HASH,
    ChainedEntry,
    ChainHead,
    ChainReport,
    chain_append,
    chain_keys,
    chain_verify,
    compute_hash,
)
from recirc.core.hashchain import verify as verify_module

OUTLET_A = "outlet-a"
OUTLET_B = "outlet-b"
LENGTH_A = 30
LENGTH_B = 20


@pytest.fixture
def register(transactional_db: None) -> Iterator[Any]:
    """A concrete ChainedEntry model with its own table, for the duration of one test."""
    with isolate_apps("recirc.core"):

        class TestRegisterEntry(ChainedEntry):
            CHAIN_FIELDS = ("id", "reference", "description", "amount", "recorded_at", "details")

            reference = models.UUIDField(default=uuid.uuid4)
            description = models.CharField(max_length=80)
            amount = models.DecimalField(max_digits=10, decimal_places=2)
            recorded_at = models.DateTimeField(auto_now_add=True)
            details = models.JSONField(default=dict)
            note = models.CharField(max_length=80, blank=True)  # not sealed

            class Meta:
                app_label = "core"
                db_table = "core_test_register_entry"

        with connection.schema_editor() as editor:
            editor.create_model(TestRegisterEntry)
        try:
            yield TestRegisterEntry
        finally:
            with connection.schema_editor() as editor:
                editor.delete_model(TestRegisterEntry)


def append(register: Any, chain_key: str, index: int, **overrides: Any) -> Any:
    values = {"description": f"phone #{index}", "amount": Decimal(index) + Decimal("0.50"),
              "details": {"imei_checked": index % 2 == 0, "grade": "B"}}
    values.update(overrides)
    return chain_append(register(**values), chain_key=chain_key)


@pytest.fixture
def two_chains(register: Any) -> Any:
    """Given 50 entries appended interleaved: 30 on outlet A, 20 on outlet B."""
    for index in range(LENGTH_A + LENGTH_B):
        append(register, OUTLET_A if index % 5 < 3 else OUTLET_B, index)
    return register


def row(register: Any, sequence: int, chain_key: str = OUTLET_A) -> Any:
    return register.objects.get(chain_key=chain_key, sequence=sequence)


def verify(register: Any, chain_key: str = OUTLET_A) -> ChainReport:
    """Verify the default way (in PostgreSQL when it is the database) and in Python: same report."""
    report = chain_verify(register, chain_key=chain_key)
    assert chain_verify(register, chain_key=chain_key, in_database=False) == report
    return report


def assert_untouched_chain_b(register: Any) -> None:
    report = verify(register, OUTLET_B)
    assert (report.intact, report.checked, report.length) == (True, LENGTH_B, LENGTH_B)


def test_appended_chains_verify_intact_with_exact_counts(two_chains: Any) -> None:
    report_a = verify(two_chains, OUTLET_A)
    report_b = verify(two_chains, OUTLET_B)

    assert (report_a.intact, report_a.checked, report_a.length, report_a.reason) == (True, 30, 30, "intact")
    assert (report_a.first_bad_sequence, report_a.first_bad_id) == (None, None)
    assert (report_b.intact, report_b.checked, report_b.length) == (True, 20, 20)
    assert sorted(chain_keys(two_chains)) == [OUTLET_A, OUTLET_B]
    sequences = list(two_chains.objects.filter(chain_key=OUTLET_A).order_by("sequence")
                     .values_list("sequence", flat=True))
    assert sequences == list(range(1, 31))


def test_entries_link_to_their_predecessor_and_the_head_holds_the_last_hash(two_chains: Any) -> None:
    first, second, last = row(two_chains, 1), row(two_chains, 2), row(two_chains, LENGTH_A)
    head = ChainHead.objects.get(chain_name=two_chains.chain_name(), chain_key=OUTLET_A)

    assert first.previous_hash == GENESIS_HASH
    assert second.previous_hash == first.entry_hash
    assert (head.length, head.head_hash) == (LENGTH_A, last.entry_hash)
    assert len({entry.entry_hash for entry in two_chains.objects.all()}) == LENGTH_A + LENGTH_B


def test_an_edited_field_is_named_as_the_first_bad_entry(two_chains: Any) -> None:
    two_chains.objects.filter(chain_key=OUTLET_A, sequence=17).update(description="phone #99")

    report = verify(two_chains)

    assert (report.first_bad_sequence, report.first_bad_id) == (17, row(two_chains, 17).pk)
    assert (report.reason, report.checked, report.length) == ("entry content was altered", 16, 30)
    assert not report.intact
    assert_untouched_chain_b(two_chains)


def test_a_field_outside_the_seal_may_change(two_chains: Any) -> None:
    two_chains.objects.filter(chain_key=OUTLET_A, sequence=17).update(note="printed on paper")

    assert verify(two_chains).intact


def test_a_deleted_entry_is_named_by_its_missing_sequence(two_chains: Any) -> None:
    eleventh = row(two_chains, 11)
    two_chains.objects.filter(chain_key=OUTLET_A, sequence=10).delete()

    report = verify(two_chains)

    assert (report.first_bad_sequence, report.first_bad_id, report.checked) == (10, eleventh.pk, 9)
    assert report.reason == "missing or reordered entry: expected #10, found #11"
    assert_untouched_chain_b(two_chains)


def test_swapped_sealed_contents_are_found_at_the_first_of_the_pair(two_chains: Any) -> None:
    fifth, sixth = row(two_chains, 5), row(two_chains, 6)
    sealed = ("reference", "description", "amount", "recorded_at", "details", "entry_hash")
    two_chains.objects.filter(pk=fifth.pk).update(**{name: getattr(sixth, name) for name in sealed})
    two_chains.objects.filter(pk=sixth.pk).update(**{name: getattr(fifth, name) for name in sealed})

    report = verify(two_chains)

    assert (report.first_bad_sequence, report.first_bad_id) == (5, fifth.pk)
    assert report.reason == "entry content was altered"


def test_swapped_positions_are_found_at_the_first_of_the_pair(two_chains: Any) -> None:
    fifth, sixth = row(two_chains, 5), row(two_chains, 6)
    two_chains.objects.filter(pk=fifth.pk).update(sequence=6)
    two_chains.objects.filter(pk=sixth.pk).update(sequence=5)

    report = verify(two_chains)

    assert (report.first_bad_sequence, report.first_bad_id) == (5, sixth.pk)
    assert report.reason == "link to the previous entry is broken"


def test_a_deleted_newest_entry_is_found_through_the_chain_head(two_chains: Any) -> None:
    two_chains.objects.filter(chain_key=OUTLET_A, sequence=LENGTH_A).delete()

    report = verify(two_chains)

    assert (report.first_bad_sequence, report.first_bad_id, report.checked, report.length) == (30, None, 29, 30)
    assert report.reason == "chain head records 30 entries, found 29: newest entries deleted"
    assert_untouched_chain_b(two_chains)


def test_a_rewritten_newest_entry_with_a_recomputed_hash_is_found_through_the_chain_head(two_chains: Any) -> None:
    # The newest entry has no successor whose link would break: only the head can tell.
    newest = row(two_chains, LENGTH_A)
    sealed = {name: getattr(newest, two_chains._meta.get_field(name).attname) for name in two_chains.CHAIN_FIELDS}
    sealed["amount"] = Decimal("1.00")
    forged_hash = compute_hash(two_chains, sealed, sequence=LENGTH_A, previous_hash=newest.previous_hash)
    two_chains.objects.filter(pk=newest.pk).update(amount=Decimal("1.00"), entry_hash=forged_hash)

    report = verify(two_chains)

    assert (report.first_bad_sequence, report.first_bad_id, report.checked) == (30, newest.pk, 29)
    assert report.reason == "the newest entry does not match the chain head"


def forge_next_entry(register: Any, sequence: int, previous_hash: str, **values: Any) -> Any:
    """An insert that bypasses chain_append(), with a hash computed the way chain_append() would."""
    entry = register.objects.create(chain_key=OUTLET_A, sequence=sequence, previous_hash=previous_hash,
                                    entry_hash="", description="planted", amount=Decimal("5.00"), **values)
    stored = register.objects.filter(pk=entry.pk).values_list(
        *[register._meta.get_field(name).attname for name in register.CHAIN_FIELDS]).get()
    entry_hash = compute_hash(register, dict(zip(register.CHAIN_FIELDS, stored, strict=True)), sequence=sequence,
                              previous_hash=previous_hash)
    register.objects.filter(pk=entry.pk).update(entry_hash=entry_hash)
    return entry


def test_an_entry_appended_outside_chain_append_is_found(two_chains: Any) -> None:
    newest = row(two_chains, LENGTH_A)
    planted = forge_next_entry(two_chains, LENGTH_A + 1, newest.entry_hash)

    report = verify(two_chains)

    assert (report.first_bad_sequence, report.first_bad_id, report.checked, report.length) == (31, planted.pk, 30, 30)
    assert report.reason == "entry #31 is not recorded by the chain head (30 entries): appended outside chain_append()"


def test_a_second_entry_with_an_existing_sequence_is_found(two_chains: Any) -> None:
    eleventh = row(two_chains, 11)
    planted = forge_next_entry(two_chains, 12, eleventh.entry_hash)

    report = verify(two_chains)

    assert (report.first_bad_sequence, report.first_bad_id, report.checked) == (12, planted.pk, 12)
    assert report.reason == "duplicate entry #12"


def test_entries_of_a_chain_without_a_head_are_found(two_chains: Any) -> None:
    ChainHead.objects.filter(chain_name=two_chains.chain_name(), chain_key=OUTLET_A).delete()

    report = verify(two_chains)

    assert (report.first_bad_sequence, report.first_bad_id, report.length) == (1, row(two_chains, 1).pk, 0)
    assert report.reason == "entry #1 is not recorded by the chain head (0 entries): appended outside chain_append()"


@pytest.mark.parametrize("appends_during_walk", [1, 3], ids=["once", "every-optimistic-walk"])
def test_an_append_that_commits_during_verification_is_not_tampering(
        two_chains: Any, monkeypatch: pytest.MonkeyPatch, appends_during_walk: int) -> None:
    # Another clerk's append commits after the head was read and before the entries are: the walk sees an
    # entry the head it read does not record yet. Verification must notice the head moved and walk again.
    walk_rows = verify_module._rows
    pending = [LENGTH_A + number for number in range(appends_during_walk)]

    def rows_with_a_concurrent_append(model: Any, chain_key: str, after: int = 0) -> Any:
        if pending:
            append(two_chains, OUTLET_A, pending.pop(0))
        return walk_rows(model, chain_key, after)

    monkeypatch.setattr(verify_module, "_rows", rows_with_a_concurrent_append)

    # In PostgreSQL one statement reads the head and the entries in one snapshot; a walk in Python cannot.
    report = chain_verify(two_chains, chain_key=OUTLET_A, in_database=False)

    expected_length = LENGTH_A + appends_during_walk
    assert (report.intact, report.checked, report.length) == (True, expected_length, expected_length)


def test_an_unknown_chain_is_empty_and_intact(register: Any) -> None:
    report = verify(register, "no-such-outlet")

    assert (report.intact, report.checked, report.length) == (True, 0, 0)


def test_chain_append_refuses_a_saved_entry(two_chains: Any) -> None:
    with pytest.raises(ValueError, match="only saves new entries"):
        chain_append(row(two_chains, 1), chain_key=OUTLET_A)

    assert verify(two_chains).length == LENGTH_A


@pytest.mark.parametrize("amount", [Decimal("12.345"), "12.50", 12, Decimal("12.5000")],
                         ids=["more-places-than-stored", "string", "integer", "trailing-zeros"])
def test_the_seal_covers_the_values_as_stored_not_as_passed(register: Any, amount: Any) -> None:
    # Django does not coerce attributes on save: the seal must be computed over what the database holds.
    entry = append(register, OUTLET_A, 1, amount=amount)

    assert verify(register).intact
    assert isinstance(entry.amount, Decimal)


def test_for_any_edited_entries_the_first_bad_sequence_is_the_smallest_edited(register: Any) -> None:
    for index in range(12):
        append(register, OUTLET_A, index)
    originals = {entry.sequence: entry for entry in register.objects.filter(chain_key=OUTLET_A)}
    kinds = st.sampled_from(["description", "amount", "entry_hash", "previous_hash"])

    @hypothesis_settings(max_examples=40, deadline=None, database=None,
                         suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(edits=st.dictionaries(st.integers(min_value=1, max_value=12), kinds, min_size=1, max_size=4))
    def check(edits: dict[int, str]) -> None:
        replacements = {"description": "altered", "amount": Decimal("-1.00"), "entry_hash": "f" * 64,
                        "previous_hash": "e" * 64}
        for sequence, field in edits.items():
            register.objects.filter(pk=originals[sequence].pk).update(**{field: replacements[field]})
        try:
            report = verify(register)
            assert report.first_bad_sequence == min(edits)
            assert report.first_bad_id == originals[min(edits)].pk
        finally:
            for sequence, field in edits.items():
                original = originals[sequence]
                register.objects.filter(pk=original.pk).update(**{field: getattr(original, field)})
        assert verify(register).intact

    check()
