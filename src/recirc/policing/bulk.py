"""Bulk writes of a watchlist import. A police circular may list a million articles: on PostgreSQL the rows
go in with COPY (ids drawn from the table's sequence in one query), without Django's per-field preparation;
other databases use bulk_create. For plain columns only: text, numbers, times and foreign keys."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection
from django.utils import timezone

BATCH = 5000  # rows per bulk_create statement where COPY is not available


def _copy(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor, cursor.cursor.copy(
            f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _reserve_ids(model: Any, count: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [model._meta.db_table, model._meta.pk.column, count])
        return [row[0] for row in cursor.fetchall()]


def insert_all(objects: list[Any]) -> list[Any]:
    """Insert new instances of one model in order and set their primary keys (auto_now fields: now)."""
    if not objects:
        return objects
    model = type(objects[0])
    if connection.vendor != "postgresql":
        return list(model.objects.bulk_create(objects, batch_size=BATCH))
    now = timezone.now()
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            for instance in objects:
                setattr(instance, field.attname, now)
    for instance, pk in zip(objects, _reserve_ids(model, len(objects)), strict=True):
        instance.pk = pk
        instance._state.adding = False
    attnames = [model._meta.pk.attname, *(field.attname for field in fields)]
    _copy(model._meta.db_table, [model._meta.pk.column, *(field.column for field in fields)],
          ([getattr(instance, name) for name in attnames] for instance in objects))
    return objects


def insert_rows(model: Any, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert plain rows (values of the named columns; ids from the table's default) without instances."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        _copy(model._meta.db_table, columns, rows)
        return
    fields = {field.column: field.attname for field in model._meta.concrete_fields}
    model.objects.bulk_create([model(**{fields[column]: value for column, value in zip(columns, row, strict=True)})
                               for row in rows], batch_size=BATCH)
