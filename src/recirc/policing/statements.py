"""The watchlist reads every intake makes, as plain statements built from the models' tables.

B3 asks for about a hundred intakes a second on one connection; compiling these ORM queries (a join, an
aggregate over CASE) cost several times more CPU than running them. Each function says what the ORM
query would be; the SQL is portable (SQLite and PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection

from recirc.policing.models import (
    ScreeningRecord,
    WatchlistEntry,
    WatchlistIdentifier,
    WatchlistStatus,
    WatchlistToken,
    WatchlistTokenStat,
)


def _table(model: Any) -> str:
    return str(connection.ops.quote_name(model._meta.db_table))


def _rows(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def active_identifier_rows(pairs: Sequence[tuple[str, str]]) -> list[tuple[int, str, str]]:
    """(entry id, kind, value) of active entries carrying one of the (kind, value) pairs, by entry, kind,
    value: WatchlistIdentifier.objects.filter(Q(kind=, value=) | ..., entry__status=ACTIVE). The status is
    checked on the few rows found, so that no plan (statistics are stale right after an import) scans the
    entries for it."""
    condition = " OR ".join(["(i.kind = %s AND i.value = %s)"] * len(pairs))
    sql = (f"SELECT i.entry_id, i.kind, i.value, e.status FROM {_table(WatchlistIdentifier)} i "  # noqa: S608
           f"JOIN {_table(WatchlistEntry)} e ON e.id = i.entry_id WHERE {condition} "
           f"ORDER BY i.entry_id, i.kind, i.value")
    return [(entry_id, kind, value) for entry_id, kind, value, status in
            _rows(sql, [value for pair in pairs for value in pair]) if status == WatchlistStatus.ACTIVE]


def word_frequencies(words: Sequence[str]) -> list[tuple[str, int]]:
    """(word, active entries carrying it) of the known words: WatchlistTokenStat ... token__in=words."""
    sql = (f"SELECT token, entries FROM {_table(WatchlistTokenStat)} "  # noqa: S608 - our table
           f"WHERE token IN ({', '.join(['%s'] * len(words))})")
    return [(word, count) for word, count in _rows(sql, list(words))]


def best_entries(weights: dict[str, float], limit: int) -> list[tuple[int, str, str]]:
    """(id, stored profile, category code) of the `limit` entries whose words carry the most weight, heaviest
    first (ties by id), if still active: WatchlistToken grouped by entry, Sum(Case(When(token=, then=weight))),
    then the entries by primary key. Two statements, so that each plan stays a look-up whatever the
    statistics say: joined in one, a plan made right after a large import (before ANALYZE, when the planner
    thinks few entries are active) read every entry for each candidate, 130 ms instead of 1."""
    words = list(weights)
    total = "CASE t.token " + " ".join(["WHEN %s THEN %s"] * len(words)) + " END"
    ranking = (f"SELECT t.entry_id, SUM({total}) AS total FROM {_table(WatchlistToken)} t "  # noqa: S608
               f"WHERE t.token IN ({', '.join(['%s'] * len(words))}) "
               f"GROUP BY t.entry_id ORDER BY total DESC, t.entry_id LIMIT %s")
    params = [value for word in words for value in (word, float(weights[word]))]
    ranked = [entry_id for entry_id, _total in _rows(ranking, [*params, *words, limit])]
    if not ranked:
        return []
    found = {entry_id: (stored, code) for entry_id, stored, code, status in _rows(
        f"SELECT id, match_tokens, category_code, status FROM {_table(WatchlistEntry)} "  # noqa: S608
        f"WHERE id IN ({', '.join(['%s'] * len(ranked))})", ranked) if status == WatchlistStatus.ACTIVE}
    return [(entry_id, *found[entry_id]) for entry_id in ranked if entry_id in found]


def screenings_since(*, seller_index: str, category_code: str, since: Any, other_than_item: int) -> int:
    """Screenings of this seller's items of this category since `since`, other items only:
    ScreeningRecord.objects.filter(seller_index=, category_code=, screened_at__gte=).exclude(item_id=).count()."""
    sql = (f"SELECT COUNT(*) FROM {_table(ScreeningRecord)} WHERE seller_index = %s AND category_code = %s "  # noqa: S608
           f"AND screened_at >= %s AND item_id <> %s")
    placeholders = [seller_index, category_code, connection.ops.adapt_datetimefield_value(since), other_than_item]
    return int(_rows(sql, placeholders)[0][0])
