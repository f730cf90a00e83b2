"""Verifying a chain: recompute every hash in order and name the first bad entry.

On PostgreSQL the database recomputes the chain in one statement (postgres.py); when it finds nothing wrong
that is the answer. Otherwise, and on SQLite, the Python walk reads the entries in (sequence, id) order and
names the first bad one; after a database verdict it starts just before the first bad position, since every
entry before it is proven sound, so both ways name exactly the same entry with the same reason.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, cast

from django.db import models, transaction
from django.db.models.functions import Cast

from recirc.core.hashchain.base import GENESIS_HASH, ChainedEntry, ChainHead
from recirc.core.hashchain.canonical import SealPlan, seal_plan
from recirc.core.hashchain.legacy import compute_hash_v1
from recirc.core.hashchain.postgres import can_verify_in_database, verify_in_database


@dataclass(frozen=True)
class ChainReport:
    """The result of verifying one chain."""

    chain_key: str
    checked: int
    length: int
    first_bad_sequence: int | None
    first_bad_id: int | None
    reason: str

    @property
    def intact(self) -> bool:
        return self.first_bad_sequence is None


@dataclass
class _Start:
    """Where a walk starts: after `checked` sound entries, the last of which has the hash `previous`."""

    checked: int = 0
    previous: str = GENESIS_HASH
    pk: Any = None


def _sealed_ok(plan: SealPlan, row: tuple[Any, ...]) -> bool:
    _pk, sequence, previous_hash, entry_hash, *values = row
    if plan.hash(values, sequence=sequence, previous_hash=previous_hash) == entry_hash:
        return True
    return compute_hash_v1(dict(zip(plan.names, values, strict=True)), sequence=sequence,
                           previous_hash=previous_hash) == entry_hash  # sealed before canonical form 2


def _fault(plan: SealPlan, row: tuple[Any, ...], expected: int, previous: str, length: int) -> tuple[int, str] | None:
    """(sequence to name, reason) when this row, expected as entry #expected, is not right; else None."""
    sequence, previous_hash = row[1], row[2]
    if sequence < expected:
        return sequence, f"duplicate entry #{sequence}"
    if sequence > expected:
        return expected, f"missing or reordered entry: expected #{expected}, found #{sequence}"
    if sequence > length:
        return sequence, (f"entry #{sequence} is not recorded by the chain head ({length} entries): "
                          "appended outside chain_append()")
    if previous_hash != previous:
        return sequence, "link to the previous entry is broken"
    if not _sealed_ok(plan, row):
        return sequence, "entry content was altered"
    return None


def _walk(plan: SealPlan, rows: Iterable[tuple[Any, ...]], chain_key: str, head: ChainHead | None,
          start: _Start) -> ChainReport:
    length = head.length if head else 0
    previous, checked, last_pk = start.previous, start.checked, start.pk
    for row in rows:
        fault = _fault(plan, row, checked + 1, previous, length)
        if fault is not None:
            return ChainReport(chain_key, checked, length, fault[0], row[0], fault[1])
        previous, checked, last_pk = row[3], checked + 1, row[0]
    if checked < length:
        return ChainReport(chain_key, checked, length, checked + 1, None,
                           f"chain head records {length} entries, found {checked}: newest entries deleted")
    if head is not None and checked and head.head_hash != previous:
        # The newest entry has no successor whose link would break when it is rewritten and re-hashed.
        return ChainReport(chain_key, checked - 1, length, checked, last_pk,
                           "the newest entry does not match the chain head")
    return ChainReport(chain_key, checked, length, None, None, "intact")


def _head(model: type[ChainedEntry], chain_key: str, *, lock: bool = False) -> ChainHead | None:
    heads = ChainHead.objects.filter(chain_name=model.chain_name(), chain_key=chain_key)
    return (heads.select_for_update() if lock else heads).first()


def _head_state(head: ChainHead | None) -> tuple[int, str] | None:
    return None if head is None else (head.length, head.head_hash)


def _read(plan: SealPlan, entries: Any) -> Any:
    """Bookkeeping and sealed values as stored. JSON is read as its text and parsed plainly, so a field's
    custom decoder cannot change what is hashed."""
    columns = [Cast(sealed.attname, output_field=models.TextField()) if sealed.kind == "json" else sealed.attname
               for sealed in plan.fields]
    return entries.values_list("pk", "sequence", "previous_hash", "entry_hash", *columns)


def _parsed(plan: SealPlan, rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    json_at = [4 + index for index, sealed in enumerate(plan.fields) if sealed.kind == "json"]
    if not json_at:
        yield from rows
        return
    for row in rows:
        values = list(row)
        for index in json_at:
            if values[index] is not None:
                values[index] = json.loads(values[index])
        yield tuple(values)


def stored_row(model: type[ChainedEntry], pk: Any) -> tuple[Any, ...]:
    """One entry's row as verification reads it."""
    plan = seal_plan(model)
    return next(_parsed(plan, _read(plan, cast(Any, model)._base_manager.filter(pk=pk))))


def _rows(model: type[ChainedEntry], chain_key: str, after: int = 0) -> Iterator[tuple[Any, ...]]:
    """The entries of one chain in walk order, from sequence `after` on."""
    entries = cast(Any, model)._base_manager.filter(chain_key=chain_key)
    if after:
        entries = entries.filter(sequence__gte=after)
    plan = seal_plan(model)
    return _parsed(plan, _read(plan, entries.order_by("sequence", "pk")).iterator(chunk_size=5000))


def _walk_from(model: type[ChainedEntry], chain_key: str, head: ChainHead | None, trusted: int) -> ChainReport:
    """Walk the chain, skipping the first `trusted` entries that the database proved sound."""
    rows = _rows(model, chain_key, trusted)
    start = _Start()
    if trusted:
        anchor = next(rows, None)
        if anchor is None or anchor[1] != trusted:  # the chain changed under us: walk it all
            return _walk_from(model, chain_key, head, 0)
        start = _Start(trusted, anchor[3], anchor[0])
    return _walk(seal_plan(model), rows, chain_key, head, start)


def chain_verify(model: type[ChainedEntry], *, chain_key: str, in_database: bool | None = None) -> ChainReport:
    """Recompute every hash of one chain in order and name the first bad entry.

    `in_database` chooses the way (default: in the database where it can). An append may commit while the
    chain is walked in Python, and must not look like tampering: the head is read before and after the walk,
    and the walk is repeated when the head moved. After three moves the last walk holds the head's lock,
    which makes appends to this chain wait.
    """
    trusted = 0
    possible = can_verify_in_database(model)
    if in_database and not possible:
        raise ValueError(f"{model.chain_name()} cannot be verified in this database; verify it in Python")
    if possible if in_database is None else in_database:
        verdict = verify_in_database(model, chain_key)
        if verdict.intact:
            return ChainReport(chain_key, verdict.count, verdict.length, None, None, "intact")
        trusted = verdict.trusted_sequence
    for _attempt in range(3):
        head = _head(model, chain_key)
        report = _walk_from(model, chain_key, head, trusted)
        if _head_state(_head(model, chain_key)) == _head_state(head):
            return report
    with transaction.atomic():
        return _walk_from(model, chain_key, _head(model, chain_key, lock=True), trusted)


def chain_keys(model: type[ChainedEntry]) -> list[str]:
    return list(ChainHead.objects.filter(chain_name=model.chain_name()).values_list("chain_key", flat=True))
