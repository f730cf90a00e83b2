"""The watchlist's description index: words of active entries (WatchlistToken) and how many active entries
carry each word (WatchlistTokenStat; the row with the empty word counts the indexed entries). Kept in the
transaction of the change it follows, so matching always sees the watchlist as committed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from django.db import connection

from recirc.policing.fuzzy import Rarity
from recirc.policing.models import WatchlistEntry, WatchlistToken, WatchlistTokenStat
from recirc.policing.text import Profile

POPULATION = ""
CHUNK = 500


def _adjust(counts: Counter[str]) -> None:
    """Add the counts to the frequency rows in one upsert (SQLite >= 3.24 and PostgreSQL share the syntax);
    sorted, so that concurrent imports lock the rows in one order."""
    rows = sorted((word, count) for word, count in counts.items() if count)
    if not rows:
        return
    table = connection.ops.quote_name(WatchlistTokenStat._meta.db_table)
    sql = (f"INSERT INTO {table} (token, entries) VALUES (%s, %s) "  # noqa: S608 - the table name is ours
           f"ON CONFLICT (token) DO UPDATE SET entries = {table}.entries + excluded.entries")
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def index_entries(entries: Sequence[WatchlistEntry]) -> None:
    """Index active entries that have distinguishing features (others cannot match by description)."""
    tokens: list[WatchlistToken] = []
    counts: Counter[str] = Counter()
    for entry in entries:
        profile = Profile.parse(entry.match_tokens)
        if not profile.clauses:
            continue
        words = sorted(profile.tokens())
        tokens.extend(WatchlistToken(entry_id=entry.pk, token=word) for word in words)
        counts.update(words)
        counts[POPULATION] += 1
    WatchlistToken.objects.bulk_create(tokens, batch_size=5000)
    _adjust(counts)


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
        frequencies.update(WatchlistTokenStat.objects.filter(token__in=wanted[start:start + CHUNK])
                           .values_list("token", "entries"))
    population = frequencies.pop(POPULATION, 0)
    return Rarity(frequencies, population)
