"""The canonical document (form 2) is pinned, is what PostgreSQL prints, and survives the database round trip.

PostgreSQL verifies a chain by building each entry's document in SQL; Python builds it on append and on
SQLite. These tests hold the two to the same text for every field kind and for awkward values (newlines,
control characters, Chinese text, float exponents, negative zero, dates before 1970, NULL), and keep chains
sealed in the first form verifiable.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
import zoneinfo
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, models, transaction
from django.test.utils import isolate_apps
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from recirc.core.hashchain import (
    ChainedEntry,
    ChainHead,
    ChainReport,
    chain_append,
    chain_append_many,
    chain_verify,
    postgres,
)
from recirc.core.hashchain.canonical import _datetime, _decimal_text, jsonb_text, seal_plan
from recirc.core.hashchain.legacy import compute_hash_v1
from recirc.core.hashchain.postgres import _document_sql, can_verify_in_database
from recirc.core.hashchain.verify import _rows

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
KEY = "outlet-1"


class Colour(models.TextChoices):
    PURPLE = "purple", "Purple"


@pytest.fixture
def kinds(transactional_db: None) -> Iterator[Any]:
    """A register sealing one field of every kind, each nullable."""
    with isolate_apps("recirc.core"):

        class KindsEntry(ChainedEntry):
            CHAIN_FIELDS = ("title", "body", "count", "small", "flag", "amount", "at", "day", "ref", "data",
                            "blob", "head")

            title = models.CharField(max_length=400, null=True)
            body = models.TextField(blank=True)
            count = models.BigIntegerField(null=True)
            small = models.PositiveSmallIntegerField(default=0)
            flag = models.BooleanField(null=True)
            amount = models.DecimalField(max_digits=14, decimal_places=4, null=True)
            at = models.DateTimeField(null=True)
            day = models.DateField(null=True)
            ref = models.UUIDField(null=True)
            data = models.JSONField(null=True)
            blob = models.BinaryField(null=True)
            head = models.ForeignKey(ChainHead, null=True, on_delete=models.PROTECT, related_name="+")
            note = models.FloatField(null=True)  # not sealed

            class Meta:
                app_label = "core"
                db_table = "core_test_kinds_entry"

        with connection.schema_editor() as editor:
            editor.create_model(KindsEntry)
        try:
            yield KindsEntry
        finally:
            with connection.schema_editor() as editor:
                editor.delete_model(KindsEntry)


AWKWARD = {
    "title": ["", "plain", "line\nbreak\r\n", "tab\t \x01 \x1f", 'quote " backslash \\', "紫色 iPhone 😀", "\u2028",
              "x" * 400, "9:not a length", Colour.PURPLE, None],
    "body": ["", "多行\n文本", "end"],
    "count": [0, -1, 2**62, None],
    "small": [0, 7, 32767],
    "flag": [True, False, None],
    "amount": [Decimal("0"), Decimal("0.0000"), Decimal("100.0000"), Decimal("12.5"), Decimal("-3.1400"),
               Decimal("9999999999.9999"), "7.25", 3, None],
    "at": [dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC), dt.datetime(2026, 11, 30, 17, 0, 0, 123456, tzinfo=SHANGHAI),
           dt.datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=dt.UTC), dt.datetime(1000, 1, 1, tzinfo=dt.UTC), None],
    "day": [dt.date(2026, 11, 30), dt.date(1000, 1, 1), None],
    "ref": [uuid.UUID("12345678-1234-5678-1234-567812345678"), "9b2b3c1e-0b6f-4f39-a6a4-9a1d1e0c0d11", None],
    "data": [{"b": 1, "a": [1, 2.5, -0.0, 1e-07, 1.5e16, 1e22, 123.0, True, None, "s"],
              "aa": {"é": 1, "z": 2, "ab": []}, "": {}, "éx": "\n\t\u0001\"\\/\u2028 中文"},
             [], {}, "just a string", 3, 0.1, None, [("imei", "353911100000017")], {1: "an int key"},
             {"colour": Colour.PURPLE, "values": (1, 2)}],
    "blob": [b"", b"\x00\xff\n", None],
}


def awkward_entries(model: Any, count: int) -> list[Any]:
    return [model(**{name: values[index % len(values)] for name, values in AWKWARD.items()})
            for index in range(count)]


def verify(model: Any) -> ChainReport:
    report = chain_verify(model, chain_key=KEY)
    assert chain_verify(model, chain_key=KEY, in_database=False) == report
    return report


def test_the_document_is_pinned(kinds: Any) -> None:
    # Anyone may recompute a hash from this description (docs/adr/0006-hash-chain.md); it must never drift.
    values = ["紫色\n", "", 42, 0, True, Decimal("12.5000"), dt.datetime(2026, 11, 30, 9, 0, 0, 1, tzinfo=dt.UTC),
              dt.date(2026, 11, 30), uuid.UUID(int=1), {"b": [1.5e-7], "aa": None}, b"\x01", None]
    plan = seal_plan(kinds)

    document = plan.document(values, sequence=7, previous_hash="ab" * 32)

    assert document.split("\n") == [
        "recirc.chain/2", "7", "ab" * 32, "title=7:紫色", "", "body=0:", "count=42", "small=0", "flag=1",
        "amount=12.5", "at=1796029200000001", "day=2026-11-30", "ref=00000000-0000-0000-0000-000000000001",
        'data={"b": [0.00000015], "aa": null}', "blob=01", "head="]
    assert plan.hash(values, sequence=7, previous_hash="ab" * 32) == \
        "9918fadd5fb939741e0fee5790dd27fe26d352595679f54fa0f7482a8e72dd40"


def test_awkward_values_are_sealed_as_stored_and_verify(kinds: Any) -> None:
    chain_append_many(awkward_entries(kinds, 23), chain_key=KEY)
    chain_append(kinds(), chain_key=KEY)  # every field empty

    report = verify(kinds)

    assert (report.intact, report.checked, report.length) == (True, 24, 24)


@pytest.mark.postgres
def test_postgres_prints_the_same_document_as_python(kinds: Any) -> None:
    chain_append_many([*awkward_entries(kinds, 23), kinds()], chain_key=KEY)
    plan = seal_plan(kinds)
    with connection.cursor() as cursor:
        document = _document_sql(kinds, connection.ops.quote_name)
        cursor.execute(f"SELECT e.sequence, {document} FROM core_test_kinds_entry e ORDER BY e.sequence")  # noqa: S608
        in_database = dict(cursor.fetchall())

    in_python = {row[1]: plan.document(row[4:], sequence=row[1], previous_hash=row[2]) for row in _rows(kinds, KEY)}

    assert can_verify_in_database(kinds)
    assert len(in_python) == 24
    assert in_database == in_python


@pytest.mark.postgres
def test_parallel_workers_recompute_a_long_chain_even_inside_an_open_transaction(
        kinds: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # Long chains are rehashed by parallel workers; they must see the rows this transaction has not committed
    # (verifying right after appending), and the caller's plan settings must be left as they were.
    monkeypatch.setattr(postgres, "PARALLEL_FROM", 1)
    with transaction.atomic():
        chain_append_many(awkward_entries(kinds, 40), chain_key=KEY)
        with connection.cursor() as cursor:
            replaced = postgres._set_local(cursor, postgres._PARALLEL_PLAN)
            cursor.execute(f"EXPLAIN {postgres._statement(kinds, connection)}",
                           [kinds.chain_name(), KEY, KEY, "0" * 64])
            plan = "\n".join(line for (line,) in cursor.fetchall())
            postgres._set_local(cursor, replaced)
        intact = verify(kinds)
        kinds.objects.filter(sequence=29).update(body="altered")
        altered = verify(kinds)
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('parallel_setup_cost'), current_setting('work_mem')")
            settings_after = cursor.fetchone()

    assert "Parallel Seq Scan" in plan  # the hashes are computed by the workers
    assert (intact.intact, intact.checked, intact.length) == (True, 40, 40)
    assert (altered.first_bad_sequence, altered.reason) == (29, "entry content was altered")
    assert settings_after == ("1000", "4MB")


def test_an_edit_of_any_kind_of_field_is_named(kinds: Any) -> None:
    chain_append_many(awkward_entries(kinds, 12), chain_key=KEY)
    edits = {"title": "altered", "body": "altered", "count": 5, "small": 9, "flag": None, "amount": Decimal("1"),
             "at": dt.datetime(2000, 1, 1, tzinfo=dt.UTC), "day": dt.date(2000, 1, 1), "ref": uuid.UUID(int=9),
             "data": {"b": 2}, "blob": b"\x02", "head": ChainHead.objects.get().pk}
    for sequence, (name, value) in enumerate(edits.items(), start=1):
        entry = kinds.objects.get(sequence=sequence)
        original = getattr(entry, kinds._meta.get_field(name).attname)
        kinds.objects.filter(pk=entry.pk).update(**{name: value})

        report = verify(kinds)

        assert (report.first_bad_sequence, report.first_bad_id, report.reason) == (
            sequence, entry.pk, "entry content was altered"), name
        kinds.objects.filter(pk=entry.pk).update(**{kinds._meta.get_field(name).attname: original})
        assert verify(kinds).intact, name


def test_widening_a_sealed_decimal_column_keeps_every_seal(kinds: Any) -> None:
    # A migration from 4 to 6 decimal places changes how the database prints 12.5, not the value sealed.
    chain_append_many(awkward_entries(kinds, 12), chain_key=KEY)
    old_field = kinds._meta.get_field("amount")
    new_field = models.DecimalField(max_digits=16, decimal_places=6, null=True)
    new_field.set_attributes_from_name("amount")
    new_field.model = kinds
    with connection.schema_editor() as editor:
        editor.alter_field(kinds, old_field, new_field)

    report = verify(kinds)

    assert (report.intact, report.checked) == (True, 12)


def test_a_naive_time_is_sealed_in_the_default_time_zone_as_django_stores_it(kinds: Any) -> None:
    with pytest.warns(RuntimeWarning, match="naive datetime"):
        entry = chain_append(kinds(at=dt.datetime(2026, 11, 30, 17, 0)), chain_key=KEY)

    assert entry.at == dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
    assert verify(kinds).intact


def rehash_in_form_1(model: Any, key: str = KEY) -> None:
    """Reseal a chain as the first canonical form did, as a database made before form 2 holds it."""
    previous = "0" * 64
    plan = seal_plan(model)
    for row in _rows(model, key):
        entry_hash = compute_hash_v1(dict(zip(plan.names, row[4:], strict=True)), sequence=row[1],
                                     previous_hash=previous)
        model.objects.filter(pk=row[0]).update(previous_hash=previous, entry_hash=entry_hash)
        previous = entry_hash
    ChainHead.objects.filter(chain_key=key).update(head_hash=previous)


def test_chains_sealed_in_form_1_still_verify_and_grow_in_form_2(kinds: Any) -> None:
    chain_append_many(awkward_entries(kinds, 8), chain_key=KEY)
    rehash_in_form_1(kinds)
    assert verify(kinds).intact

    chain_append_many(awkward_entries(kinds, 3), chain_key=KEY)
    third = kinds.objects.get(sequence=3)
    kinds.objects.filter(pk=third.pk).update(title="altered")

    report = verify(kinds)

    assert (report.first_bad_sequence, report.first_bad_id, report.checked, report.length) == (3, third.pk, 2, 11)


def test_a_register_with_a_field_postgres_cannot_print_is_verified_in_python(kinds: Any) -> None:
    kinds.CHAIN_FIELDS = (*kinds.CHAIN_FIELDS, "note")
    try:
        chain_append_many([kinds(title=f"t{index}", note=index / 3) for index in range(5)], chain_key=KEY)
        kinds.objects.filter(sequence=4).update(note=0.5)

        report = chain_verify(kinds, chain_key=KEY)

        assert not can_verify_in_database(kinds)
        assert (report.first_bad_sequence, report.reason) == (4, "entry content was altered")
    finally:
        kinds.CHAIN_FIELDS = kinds.CHAIN_FIELDS[:-1]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(st.characters(blacklist_categories=("Cs",),
                                                                                 blacklist_characters="\x00")),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(st.characters(
        blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=5), inner, max_size=4),
    max_leaves=12)


@pytest.mark.postgres
@pytest.mark.django_db
def test_any_json_prints_as_postgres_prints_jsonb() -> None:
    @hypothesis_settings(max_examples=300, deadline=None, database=None,
                         suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(value=JSON)
    def check(value: Any) -> None:
        written = json.dumps(value)
        with connection.cursor() as cursor:
            cursor.execute("SELECT %s::jsonb::text", [written])
            printed = cursor.fetchone()[0]
        assert jsonb_text(json.loads(written)) == printed

    check()


@pytest.mark.postgres
@pytest.mark.django_db
def test_any_decimal_and_time_print_as_postgres_prints_them() -> None:
    printing = ("SELECT trim_scale(CAST(%s AS numeric(14, 4)))::text, "
                "(extract(epoch from CAST(%s AS timestamptz)) * 1000000)::bigint::text")

    @hypothesis_settings(max_examples=200, deadline=None, database=None,
                         suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(amount=st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-10**9, max_value=10**9),
           moment=st.datetimes(min_value=dt.datetime(1000, 1, 1), max_value=dt.datetime(9999, 1, 1),
                               timezones=st.sampled_from([dt.UTC, SHANGHAI])))
    def check(amount: Decimal, moment: dt.datetime) -> None:
        with connection.cursor() as cursor:
            cursor.execute(printing, [amount, moment])
            printed = cursor.fetchone()
        assert (_decimal_text(amount), _datetime(moment)) == printed

    check()


@pytest.fixture
def wide(transactional_db: None) -> Iterator[Any]:
    """A register sealing 60 fields, more than one SQL function call takes arguments for."""
    with isolate_apps("recirc.core"):
        fields = {f"field_{index}": models.CharField(max_length=20, default=str(index)) for index in range(60)}
        meta = type("Meta", (), {"app_label": "core", "db_table": "core_test_wide_entry"})
        wide_entry = type("WideEntry", (ChainedEntry,), {
            "__module__": __name__, "CHAIN_FIELDS": tuple(fields), "Meta": meta, **fields})
        with connection.schema_editor() as editor:
            editor.create_model(wide_entry)
        try:
            yield wide_entry
        finally:
            with connection.schema_editor() as editor:
                editor.delete_model(wide_entry)


def test_a_register_sealing_many_fields_verifies(wide: Any) -> None:
    chain_append_many([wide() for _index in range(5)], chain_key=KEY)
    wide.objects.filter(sequence=4).update(field_59="altered")

    report = verify(wide)

    assert (report.first_bad_sequence, report.checked, report.reason) == (4, 3, "entry content was altered")
