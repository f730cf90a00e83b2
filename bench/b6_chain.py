"""B6 register chain: append with and without the hash chain, verify, then tamper and find it.

Gates (BENCHMARKS.md): append with chain >= 0.8x without; verify >= 100k entries/s; every tamper found
with the first bad entry named exactly. The register here is a model with the register's sealed field
types (text, money, time, JSON checks), created for the run; the mechanism measured is core.hashchain,
which every register (acquisitions first) appends through.

The machine is shared, so the two appends run batch by batch in turns (each sees the same load and the
same table size) and verification is the median of three runs. Verification is measured the default way
(inside PostgreSQL) and, once, the way SQLite verifies (in Python); both must give the same report.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from bench.harness import BenchResult

BATCH = 1000


@contextmanager
def register_model() -> Iterator[Any]:
    from django.db import connection, models
    from django.test.utils import isolate_apps
    from django.utils import timezone

    from recirc.core.hashchain import ChainedEntry

    with isolate_apps("recirc.core"):

        class BenchRegisterEntry(ChainedEntry):
            CHAIN_FIELDS = ("transaction_type", "item_title", "identifiers", "price", "recorded_at", "checks",
                            "seller_token")

            transaction_type = models.CharField(max_length=20)
            item_title = models.CharField(max_length=160)
            identifiers = models.JSONField(default=list)
            price = models.DecimalField(max_digits=12, decimal_places=2)
            recorded_at = models.DateTimeField(default=timezone.now)
            checks = models.JSONField(default=list)
            seller_token = models.CharField(max_length=40)

            class Meta:
                app_label = "core"
                db_table = "bench_register_entry"
                indexes = [models.Index(fields=["chain_key", "sequence"], name="bench_chain_seq_idx")]

        with connection.schema_editor() as editor:
            editor.create_model(BenchRegisterEntry)
        try:
            yield BenchRegisterEntry
        finally:
            with connection.schema_editor() as editor:
                editor.delete_model(BenchRegisterEntry)


def _entries(model: Any, start: int, count: int) -> list[Any]:
    moment = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
    return [model(transaction_type="purchase", item_title=f"Apple iPhone 13 128GB 紫色 #{index}",
                  identifiers=[["imei", f"35391110{index:06d}7"]], price=Decimal(index % 5000) + Decimal("0.50"),
                  recorded_at=moment + dt.timedelta(seconds=index), seller_token=f"pii_{index:020d}",
                  checks=[{"source": "watchlist", "result": "clear"}, {"source": "tac", "result": "match"}])
            for index in range(start, start + count)]


def _plain_batch(model: Any, start: int, count: int) -> float:
    from django.db import transaction

    began = time.perf_counter()
    batch = _entries(model, start, count)
    for offset, entry in enumerate(batch):
        entry.chain_key, entry.sequence, entry.previous_hash, entry.entry_hash = "plain", start + offset + 1, "", ""
    with transaction.atomic():
        model.objects.bulk_create(batch, batch_size=BATCH)
    return time.perf_counter() - began


def _chained_batch(model: Any, start: int, count: int) -> float:
    from recirc.core.hashchain import chain_append_many

    began = time.perf_counter()
    chain_append_many(_entries(model, start, count), chain_key="outlet")
    return time.perf_counter() - began


def _append_both(model: Any, size: int) -> tuple[float, float]:
    """Seconds to append `size` entries without and with the chain, batch by batch in turns (the first of
    each pair alternating), so both see the same load on a shared machine and the same table size."""
    plain = chained = 0.0
    for number, start in enumerate(range(0, size, BATCH)):
        count = min(BATCH, size - start)
        if number % 2:
            chained += _chained_batch(model, start, count)
            plain += _plain_batch(model, start, count)
        else:
            plain += _plain_batch(model, start, count)
            chained += _chained_batch(model, start, count)
    return plain, chained


def _verify_seconds(model: Any, *, in_database: bool | None = None, runs: int = 3) -> tuple[float, Any]:
    """The median of `runs` verifications, and the last report."""
    from recirc.core.hashchain import chain_verify

    times, report = [], None
    for _run in range(runs):
        began = time.perf_counter()
        report = chain_verify(model, chain_key="outlet", in_database=in_database)
        times.append(time.perf_counter() - began)
    return statistics.median(times), report


def _found(report: Any, sequence: int, pk: Any, reason: str) -> bool:
    return (report.first_bad_sequence, report.first_bad_id, report.reason.split(":")[0]) == (sequence, pk, reason)


def _swapped_contents_found(model: Any, a: Any, b: Any, verify: Any) -> bool:
    model.objects.filter(pk=a.pk).update(item_title=b.item_title, price=b.price)
    model.objects.filter(pk=b.pk).update(item_title=a.item_title, price=a.price)
    found = _found(verify(), a.sequence, a.pk, "entry content was altered")
    model.objects.filter(pk=a.pk).update(item_title=a.item_title, price=a.price)
    model.objects.filter(pk=b.pk).update(item_title=b.item_title, price=b.price)
    return found


def _swapped_positions_found(model: Any, a: Any, b: Any, verify: Any) -> bool:
    """Two entries exchange sequence numbers: the later one now comes first and its link is wrong."""
    model.objects.filter(pk=a.pk).update(sequence=b.sequence)
    model.objects.filter(pk=b.pk).update(sequence=a.sequence)
    found = _found(verify(), a.sequence, b.pk, "link to the previous entry is broken")
    model.objects.filter(pk=a.pk).update(sequence=a.sequence)
    model.objects.filter(pk=b.pk).update(sequence=b.sequence)
    return found


def _tamper_checks(model: Any, size: int) -> dict[str, bool]:
    """Edit, delete, swap (two entries' contents, and two entries' positions); each must be found at exactly
    the right entry (sequence, id and reason), then is put back."""
    from recirc.core.hashchain import chain_verify

    def verify() -> Any:
        return chain_verify(model, chain_key="outlet")

    def entry(sequence: int) -> Any:
        return model.objects.get(chain_key="outlet", sequence=sequence)

    found: dict[str, bool] = {}
    original = entry(size * 2 // 3)
    model.objects.filter(pk=original.pk).update(item_title="altered")
    found["edit found at the edited entry"] = _found(verify(), original.sequence, original.pk,
                                                     "entry content was altered")
    model.objects.filter(pk=original.pk).update(item_title=original.item_title)

    victim, successor = entry(size // 2), entry(size // 2 + 1)
    model.objects.filter(pk=victim.pk).delete()
    found["deletion found at the missing entry"] = _found(verify(), victim.sequence, successor.pk,
                                                          "missing or reordered entry")
    victim.save(force_insert=True)

    found["swap found at the first of the pair"] = _swapped_contents_found(model, entry(size // 4),
                                                                           entry(size // 4 + 1), verify) \
        and _swapped_positions_found(model, entry(size // 3), entry(size // 3 + 1), verify)
    found["restored chain verifies intact"] = verify().intact
    return found


def measure(size: int) -> BenchResult:
    """Run B6 on the configured database (Django must be set up)."""
    result = BenchResult(name="b6_register_chain", size=f"{size} entries")
    with register_model() as model:
        plain, chained = _append_both(model, size)
        verify, report = _verify_seconds(model)
        in_python, python_report = _verify_seconds(model, in_database=False, runs=1)
        result.invariants["chain of every appended entry verifies intact"] = (
            report.intact and report.checked == size and python_report == report)  # both ways agree
        result.invariants.update(_tamper_checks(model, size))
    result.measures = {"append without chain (entries/s)": round(size / plain),
                       "append with chain (entries/s)": round(size / chained),
                       "verify (entries/s, median of 3)": round(size / verify),
                       "verify in Python, as on SQLite (entries/s)": round(size / in_python)}
    result.baselines = {"append without chain (s)": round(plain, 3)}
    result.gate("append with chain / without", plain / chained, ">=", 0.8)
    result.gate("verify entries/s", size / verify, ">=", 100_000)
    return result
