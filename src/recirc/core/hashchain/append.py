"""Appending: seal new entries at the end of their chain, under one lock of the chain's head."""

from __future__ import annotations

from typing import Any, TypeVar, cast

from django.db import connections, router, transaction

from recirc.core.hashchain.base import ChainedEntry, ChainHead
from recirc.core.hashchain.canonical import SealPlan, seal_plan
from recirc.core.hashchain.verify import stored_row

E = TypeVar("E", bound=ChainedEntry)


def _locked_head(name: str, chain_key: str) -> ChainHead:
    head = ChainHead.objects.select_for_update().filter(chain_name=name, chain_key=chain_key).first()
    if head is None:
        ChainHead.objects.get_or_create(chain_name=name, chain_key=chain_key)
        head = ChainHead.objects.select_for_update().get(chain_name=name, chain_key=chain_key)
    return head


@transaction.atomic(savepoint=False)
def chain_append(entry: E, *, chain_key: str) -> E:
    """Seal and save a new entry at the end of its chain. Concurrent appends queue on the head row."""
    return chain_append_many([entry], chain_key=chain_key)[0]


@transaction.atomic(savepoint=False)
def chain_append_many(entries: list[E], *, chain_key: str) -> list[E]:
    """Seal and save new entries, in order, at the end of one chain, under one lock of its head.

    Models whose sealed values are all known before the INSERT are sealed in Python and written in one
    statement per batch; so are models that seal their own auto-incremented key, on PostgreSQL, whose
    sequence hands the keys out first; others are saved, read back as stored, and sealed. No savepoint:
    a failed append must end the caller's transaction (an entry is never half appended).
    """
    if not entries:
        return entries
    if any(entry.pk is not None for entry in entries):
        raise ValueError("chain_append() only saves new entries")
    model = type(entries[0])
    plan = seal_plan(model)
    head = _locked_head_drawing_keys(model, chain_key, entries) if plan.sealable_with_drawn_keys else None
    keys_drawn = head is not None
    if head is None:
        head = _locked_head(model.chain_name(), chain_key)
        keys_drawn = plan.sealable_with_drawn_keys and _draw_keys(model, entries)
    if plan.sealable_before_insert or keys_drawn:
        previous = _seal_before_insert(plan, entries, chain_key, head.length, head.head_hash)
        cast(Any, model)._base_manager.bulk_create(entries, batch_size=1000)
    else:
        previous = _save_then_seal(plan, entries, chain_key, head.length, head.head_hash)
    head.length, head.head_hash = head.length + len(entries), previous
    head.save(update_fields=["length", "head_hash"])
    return entries


def _locked_head_drawing_keys(model: Any, chain_key: str, entries: list[E]) -> ChainHead | None:
    """PostgreSQL: lock the chain's head and then draw the entries' keys from the table's sequence, in one
    statement (the locking CTE is scanned before the keys are drawn: as _locked_head then _draw_keys).
    None elsewhere, or when the chain has no head yet."""
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        return None
    heads = connection.ops.quote_name(ChainHead._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"WITH head AS MATERIALIZED (SELECT id, length, head_hash FROM {heads} "  # noqa: S608
                       f"WHERE chain_name = %s AND chain_key = %s FOR UPDATE) "
                       f"SELECT id, length, head_hash, ARRAY(SELECT nextval(pg_get_serial_sequence(%s, %s)) "
                       f"FROM generate_series(1, %s)) FROM head",
                       [model.chain_name(), chain_key, model._meta.db_table, model._meta.pk.column, len(entries)])
        row = cursor.fetchone()
    if row is None:
        return None
    head_id, length, head_hash, keys = row
    for entry, key in zip(entries, sorted(keys), strict=True):
        entry.pk = key
    return ChainHead(id=head_id, chain_name=model.chain_name(), chain_key=chain_key, length=length,
                     head_hash=head_hash)


def _draw_keys(model: Any, entries: list[E]) -> bool:
    """Give the entries their primary keys from the table's sequence (PostgreSQL); False elsewhere."""
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [model._meta.db_table, model._meta.pk.column, len(entries)])
        keys = sorted(row[0] for row in cursor.fetchall())
    for entry, key in zip(entries, keys, strict=True):
        entry.pk = key
    return True


def _seal_before_insert(plan: SealPlan, entries: list[E], chain_key: str, length: int, previous: str) -> str:
    for entry in entries:
        length += 1
        entry.chain_key, entry.sequence, entry.previous_hash = chain_key, length, previous
        entry.entry_hash = previous = plan.seal(entry, sequence=length, previous_hash=previous)
    return previous


def _save_then_seal(plan: SealPlan, entries: list[E], chain_key: str, length: int, previous: str) -> str:
    """For sealed keys and auto timestamps: save() decides them, so they are read back as stored (the same
    reading as verification) and the entry is sealed with one more UPDATE."""
    model = cast(Any, plan.model)
    for entry in entries:
        length += 1
        entry.chain_key, entry.sequence, entry.previous_hash, entry.entry_hash = chain_key, length, previous, ""
        entry.save()
        stored = stored_row(model, entry.pk)
        for sealed, value in zip(plan.fields, stored[4:], strict=True):
            if sealed.kind != "json":
                setattr(entry, sealed.attname, value)
        entry.entry_hash = previous = plan.hash(stored[4:], sequence=length, previous_hash=previous)
        model._base_manager.filter(pk=entry.pk).update(entry_hash=entry.entry_hash)
    return previous
