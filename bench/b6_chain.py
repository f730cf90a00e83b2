"""B6 register chain: append with and without the hash chain, verify, then tamper and find it.

Gates (BENCHMARKS.md): append with chain >= 0.8x without; verify >= 100k entries/s; every tamper found
with the first bad entry named exactly. The register here is a model with the register's sealed field
types (text, money, time, JSON checks), created for the run; the mechanism measured is core.hashchain,
which every register (acquisitions first) appends through.
"""

from __future__ import annotations

import datetime as dt
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


def _append_plain(model: Any, size: int) -> float:
    from django.db import transaction

    began = time.perf_counter()
    for start in range(0, size, BATCH):
        batch = _entries(model, start, min(BATCH, size - start))
        for offset, entry in enumerate(batch):
            entry.chain_key, entry.sequence, entry.previous_hash, entry.entry_hash = "plain", start + offset + 1, "", ""
        with transaction.atomic():
            model.objects.bulk_create(batch, batch_size=BATCH)
    return time.perf_counter() - began


def _append_chained(model: Any, size: int) -> float:
    from recirc.core.hashchain import chain_append_many

    began = time.perf_counter()
    for start in range(0, size, BATCH):
        chain_append_many(_entries(model, start, min(BATCH, size - start)), chain_key="outlet")
    return time.perf_counter() - began


def _tamper_checks(model: Any, size: int) -> dict[str, bool]:
    """Edit, delete and swap; each must be found at exactly the right entry, then is put back."""
    from recirc.core.hashchain import chain_verify

    found: dict[str, bool] = {}
    edited = size * 2 // 3
    original = model.objects.get(chain_key="outlet", sequence=edited)
    model.objects.filter(pk=original.pk).update(item_title="altered")
    report = chain_verify(model, chain_key="outlet")
    found["edit found at the edited entry"] = report.first_bad_sequence == edited and report.first_bad_id == original.pk
    model.objects.filter(pk=original.pk).update(item_title=original.item_title)

    deleted = size // 2
    victim = model.objects.get(chain_key="outlet", sequence=deleted)
    model.objects.filter(pk=victim.pk).delete()
    report = chain_verify(model, chain_key="outlet")
    found["deletion found at the missing entry"] = report.first_bad_sequence == deleted
    victim.save(force_insert=True)

    first = size // 4
    a, b = (model.objects.get(chain_key="outlet", sequence=first + offset) for offset in (0, 1))
    model.objects.filter(pk=a.pk).update(item_title=b.item_title, price=b.price)
    model.objects.filter(pk=b.pk).update(item_title=a.item_title, price=a.price)
    report = chain_verify(model, chain_key="outlet")
    found["swap found at the first of the pair"] = report.first_bad_sequence == first
    model.objects.filter(pk=a.pk).update(item_title=a.item_title, price=a.price)
    model.objects.filter(pk=b.pk).update(item_title=b.item_title, price=b.price)
    found["restored chain verifies intact"] = chain_verify(model, chain_key="outlet").intact
    return found


def measure(size: int) -> BenchResult:
    """Run B6 on the configured database (Django must be set up)."""
    from recirc.core.hashchain import chain_verify

    result = BenchResult(name="b6_register_chain", size=f"{size} entries")
    with register_model() as model:
        plain = _append_plain(model, size)
        chained = _append_chained(model, size)
        began = time.perf_counter()
        report = chain_verify(model, chain_key="outlet")
        verify = time.perf_counter() - began
        result.invariants["chain of every appended entry verifies intact"] = report.intact and report.checked == size
        result.invariants.update(_tamper_checks(model, size))
    result.measures = {"append without chain (entries/s)": round(size / plain),
                       "append with chain (entries/s)": round(size / chained),
                       "verify (entries/s)": round(size / verify)}
    result.baselines = {"append without chain (s)": round(plain, 3)}
    result.gate("append with chain / without", plain / chained, ">=", 0.8)
    result.gate("verify entries/s", size / verify, ">=", 100_000)
    return result
