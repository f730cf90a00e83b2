"""Verification inside PostgreSQL: one statement recomputes every hash of a chain and checks every link.

Reading 200,000 rows into Python and hashing them there runs at about 40,000 entries a second; PostgreSQL
builds the same canonical document (canonical.py) with built-ins, hashes it with sha256() and compares links
with a window function several times faster, and sends back one row. The statement reads the chain head and
the entries in one snapshot, so an append committing meanwhile cannot look like tampering.

It only answers "intact" or "something is wrong from position N on": the exact report (which entry, why) is
always made by the Python walk, started just before N (verify.py), so both paths name the same entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connections, router, transaction

from recirc.core.hashchain.base import GENESIS_HASH, ChainHead
from recirc.core.hashchain.canonical import HEADER, seal_plan

# The SQL of each canonical form; {c} is the quoted column. NULL stays NULL, which concat() prints as ''.
_SQL_FORMS = {
    "text": "octet_length({c})::text || ':' || {c}",
    "integer": "{c}",  # concat() prints a value with its type's output function, i.e. as {c}::text
    "boolean": "{c}::int",
    "decimal": "trim_scale({c})",
    "datetime": "(extract(epoch from {c}) * 1000000)::bigint",
    "date": "to_char({c}, 'YYYY-MM-DD')",
    "uuid": "{c}",
    "json": "{c}",  # jsonb's own text
    "binary": "encode({c}, 'hex')",
}
_MINIMUM_VERSION = 140000  # extract(epoch) is an exact numeric from PostgreSQL 14 on


def _connection(model: type[Any]) -> Any:
    return connections[router.db_for_read(model)]


def can_verify_in_database(model: type[Any]) -> bool:
    """PostgreSQL 14+, aware datetimes, and every sealed field of a kind the database can print."""
    connection = _connection(model)
    if connection.vendor != "postgresql" or not settings.USE_TZ:
        return False
    if connection.pg_version < _MINIMUM_VERSION:
        return False
    return all(sealed.kind in _SQL_FORMS for sealed in seal_plan(model).fields)


def _document_sql(model: type[Any], quote: Any) -> str:
    """The document as concat() calls, which print NULL as the empty string (canonical.py). One call takes
    at most 100 arguments, and a register may seal more than 50 fields: the parts go in calls of 90."""
    parts = [f"E'{HEADER}\\n'", "e.sequence", "E'\\n'", "e.previous_hash"]
    for sealed in seal_plan(model).fields:
        if not sealed.name.isidentifier():  # names go into the statement as literals
            raise ValueError(f"unusable sealed field name {sealed.name!r}")
        parts += [f"E'\\n{sealed.name}='", _SQL_FORMS[sealed.kind].format(c=f"e.{quote(sealed.column)}")]
    while len(parts) > 1:
        parts = [f"concat({', '.join(parts[start:start + 90])})" for start in range(0, len(parts), 90)]
    return parts[0]


def _statement(model: type[Any], connection: Any) -> str:
    quote = connection.ops.quote_name
    meta = model._meta
    # `sealed` recomputes each hash: it may run in parallel workers, each sorting its share by sequence; the
    # window then walks them merged in sequence order. Rows that share a sequence are a fault whatever their
    # order, and the Python walk, which names the fault, orders them by id. Only quoted identifiers and the
    # model's field names are formatted in; every value is a parameter.
    return f"""
        WITH head AS (
            SELECT length, head_hash FROM {quote(ChainHead._meta.db_table)} WHERE chain_name = %s AND chain_key = %s
        ), sealed AS (
            SELECT e.sequence, e.previous_hash, e.entry_hash,
                   e.entry_hash = encode(sha256(convert_to({_document_sql(model, quote)}, 'UTF8')), 'hex') AS sealed
            FROM {quote(meta.db_table)} e WHERE e.chain_key = %s ORDER BY e.sequence
        ), walk AS (
            SELECT sequence, entry_hash, sealed, row_number() OVER w AS position,
                   previous_hash = lag(entry_hash, 1, %s) OVER w AS linked
            FROM sealed WINDOW w AS (ORDER BY sequence)
        )
        SELECT (SELECT length FROM head), (SELECT head_hash FROM head), count(*),
               min(position) FILTER (WHERE (sequence = position AND linked AND sealed
                                           AND sequence <= coalesce((SELECT length FROM head), 0)) IS NOT TRUE),
               min(entry_hash) FILTER (WHERE sequence = (SELECT length FROM head))
        FROM walk
    """  # noqa: S608


@dataclass(frozen=True)
class DatabaseVerdict:
    """What the statement found: the head, how many entries, and the first position that is not right."""

    length: int
    head_hash: str | None
    count: int
    first_bad_position: int | None
    last_hash: str | None

    @property
    def intact(self) -> bool:
        return self.first_bad_position is None and self.count == self.length and (
            self.count == 0 or self.last_hash == self.head_hash)

    @property
    def trusted_sequence(self) -> int:
        """A sequence up to which every entry is proven sound and unique: the walk may start after it.

        Positions before the first bad one hold sequences 1, 2, ... each once, linked and sealed. The entry
        just before the bad position may share its sequence with the bad one, so one more is left out.
        """
        first_bad = self.count + 1 if self.first_bad_position is None else self.first_bad_position
        return max(first_bad - 2, 0)


# From this length on, the hashes are recomputed by parallel workers; below it, starting workers costs more
# than it saves. The planner would not choose them itself: it counts a function call as nearly free, and
# right after a bulk append (before autovacuum's ANALYZE) it expects a few hundred rows where the head
# says there are 200,000. So, for that one statement: no parallel start-up or transfer cost, no minimum
# table or index size, and room to sort in memory.
PARALLEL_FROM = 20_000
_PARALLEL_PLAN = {"parallel_setup_cost": "0", "parallel_tuple_cost": "0", "min_parallel_table_scan_size": "0",
                  "min_parallel_index_scan_size": "0", "work_mem": "64MB"}


def _set_local(cursor: Any, values: dict[str, str]) -> dict[str, str]:
    """Set planner settings until the end of the transaction; returns the values they replace."""
    names = list(values)
    cursor.execute("SELECT " + ", ".join(["current_setting(%s)"] * len(names)), names)
    previous = dict(zip(names, cursor.fetchone(), strict=True))
    cursor.execute("SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(names)),
                   [part for item in values.items() for part in item])
    return previous


def verify_in_database(model: type[Any], chain_key: str) -> DatabaseVerdict:
    connection = _connection(model)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(f"SELECT length FROM {connection.ops.quote_name(ChainHead._meta.db_table)} "  # noqa: S608
                       "WHERE chain_name = %s AND chain_key = %s", [model.chain_name(), chain_key])
        head = cursor.fetchone()
        replaced = _set_local(cursor, _PARALLEL_PLAN) if head and head[0] >= PARALLEL_FROM else None
        cursor.execute(_statement(model, connection), [model.chain_name(), chain_key, chain_key, GENESIS_HASH])
        length, head_hash, count, first_bad, last_hash = cursor.fetchone()
        if replaced:
            _set_local(cursor, replaced)  # a caller's transaction goes on with its own plan settings
    return DatabaseVerdict(length or 0, head_hash, count, first_bad, last_hash)
