"""The watchlist's description index: words of active entries (WatchlistToken) and how many active entries
carry each word (WatchlistTokenStat; the row with the empty word counts the indexed entries). Kept in the
transaction of the change it follows, so matching always sees the watchlist as committed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from django.db import connection

from recirc.policing.bulk import insert_rows
from recirc.policing.fuzzy import Rarity
from recirc.policing.models import WatchlistEntry, WatchlistToken, WatchlistTokenStat
from recirc.policing.statements import word_frequencies
from recirc.policing.text import Profile

POPULATION = ""
CHUNK = 500


def _adjust(counts: Counter[str]) -> None:
    """Add the counts to the frequency rows in one upsert (SQLite >= 3.24 and PostgreSQL share the syntax);
    sorted, so that concurrent imports lock the rows in one order. PostgreSQL takes every row in one
    statement (arrays unnested); SQLite one statement per word."""
    rows = sorted((word, count) for word, count in counts.items() if count)
    if not rows:
        return
    table = connection.ops.quote_name(WatchlistTokenStat._meta.db_table)
    conflict = f"ON CONFLICT (token) DO UPDATE SET entries = {table}.entries + excluded.entries"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"INSERT INTO {table} (token, entries) SELECT word, count "  # noqa: S608 - our table
                           f"FROM unnest(%s::text[], %s::integer[]) AS given (word, count) ORDER BY word {conflict}",
                           [[word for word, _count in rows], [count for _word, count in rows]])
        else:
            cursor.executemany(f"INSERT INTO {table} (token, entries) VALUES (%s, %s) {conflict}",  # noqa: S608
                               rows)


def index_profiles(profiles: Iterable[tuple[int, Profile]]) -> None:
    """Index active entries (id, description profile) that have distinguishing features (others cannot
    match by description)."""
    rows: list[tuple[int, str]] = []
    counts: Counter[str] = Counter()
    for entry_id, profile in profiles:
        if not profile.clauses:
            continue
        words = sorted(profile.tokens())
        rows.extend((entry_id, word) for word in words)
        counts.update(words)
        counts[POPULATION] += 1
    insert_rows(WatchlistToken, ("entry_id", "token"), rows)  # some fifteen per entry: COPY, no model objects
    _adjust(counts)


def index_entries(entries: Sequence[WatchlistEntry]) -> None:
    """Index saved entries from their stored profiles."""
    index_profiles((entry.pk, Profile.parse(entry.match_tokens)) for entry in entries)


def unindex_entry(entry: WatchlistEntry) -> None:
    words = list(WatchlistToken.objects.filter(entry=entry).values_list("token", flat=True))
    if not words:
        return
    WatchlistToken.objects.filter(entry=entry).delete()
    counts: Counter[str] = Counter({word: -1 for word in words})
    counts[POPULATION] = -1
    _adjust(counts)


def rarity_for(words: Iterable[str]) -> Rarity:
    """Frequencies of the words (and the population) in a few queries."""
    wanted = sorted(set(words) | {POPULATION})
    frequencies: dict[str, int] = {}
    for start in range(0, len(wanted), CHUNK):
        frequencies.update(word_frequencies(wanted[start:start + CHUNK]))
    population = frequencies.pop(POPULATION, 0)
    return Rarity(frequencies, population)
