"""Search with substring semantics, in Chinese and English, on SQLite and PostgreSQL behind one selector.

A query matches a listing when its normalised form (NFKC, case-folded, control characters and runs of spaces
made one space) is a substring of the listing's normalised text: "苹果手" finds "苹果手机", "iphone 1" finds
"iPhone 13". Chinese has no spaces, so word segmentation would miss substrings; the index is built for
substrings instead, and every backend answers exactly what a brute-force scan would (bench B2 checks it).

- three characters or more: SQLite's FTS5 `trigram` tokenizer (a phrase of trigrams is a substring), or
  PostgreSQL `LIKE '%…%'` on a pg_trgm GIN index;
- one or two CJK characters: an index of the CJK unigrams and bigrams of the text (an FTS5 `unicode61` table
  of space-separated grams, or a GIN index on the array of grams): exact, because a CJK bigram in the text
  is a bigram of one run of CJK characters;
- anything else shorter than three characters (two Latin letters, a digit and a letter): a scan with
  `instr` / `strpos`, exact and bounded by the size of the table.

The query is always a bound parameter: FTS5 gets it as one quoted phrase (double quotes doubled), LIKE gets
`%`, `_` and `\\` escaped, so no input is syntax (NEAR, AND, *, -, parentheses, quotes, backslashes).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import QuerySet

TEXT_LIMIT = 1000  # indexed text is at most this long, so a longer query cannot match anything
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]+")
SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFKC (full-width letters and digits become ASCII), case-folded, controls and space runs one space."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    cleaned = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in folded)
    return SPACES.sub(" ", cleaned).strip()


def searchable_text(parts: Iterable[str]) -> str:
    return normalise(" | ".join(part for part in parts if part))[:TEXT_LIMIT]


def cjk_grams(text: str) -> str:
    """The CJK unigrams and bigrams of normalised text, each once, space-separated (sorted: deterministic)."""
    grams: set[str] = set()
    for run in CJK.findall(text):
        grams.update(run)
        grams.update(run[index:index + 2] for index in range(len(run) - 1))
    return " ".join(sorted(grams))


def is_cjk_only(query: str) -> bool:
    return bool(query) and CJK.fullmatch(query) is not None


FTS_TABLES = {"trigram": "listings_search_trigram", "grams": "listings_search_grams"}
# Constant SQL per (vendor, method) on listings_searchentry's own columns; the query is the one parameter.
CONDITIONS = {
    ("sqlite", "scan"): "instr(listings_searchentry.text, %s) > 0",
    ("postgresql", "trigram"): "listings_searchentry.text LIKE %s",
    ("postgresql", "grams"): "string_to_array(listings_searchentry.grams, ' ') @> ARRAY[%s]::text[]",
    ("postgresql", "scan"): "strpos(listings_searchentry.text, %s) > 0",
}


# PostgreSQL, rarer terms: the matches as a set from the GIN index (a bitmap scan), then ordered.
_INNER = "listings_searchentry.id IN (SELECT inner_entry.id FROM listings_searchentry inner_entry WHERE "
AS_SET = {
    "trigram": _INNER + "inner_entry.text LIKE %s)",
    "grams": _INNER + "string_to_array(inner_entry.grams, ' ') @> ARRAY[%s]::text[])",
    "scan": _INNER + "strpos(inner_entry.text, %s) > 0)",
}


def _like_pattern(query: str) -> str:
    return "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _parameter(vendor: str, method: str, query: str) -> str:
    if vendor == "sqlite" and method == "trigram":
        return '"' + query.replace('"', '""') + '"'  # one FTS5 phrase: nothing inside is syntax
    if vendor == "sqlite" and method == "grams":
        return f'"{query}"'  # CJK characters only (is_cjk_only)
    if method == "trigram":
        return _like_pattern(query)
    return query


@dataclass(frozen=True)
class Plan:
    """How a normalised query is answered: "all" (no query), "none" (cannot match), "trigram", "grams" or
    "scan", on which database, with which bound parameter.

    SQLite's FTS5 tables are joined (rowid = entry id) and the newest-first order is asked of the FTS table's
    rowid, which FTS5 delivers in order: a page of a query matching half the table stops after the page. On
    PostgreSQL a common term is answered from the newest rows (browse.window tries a slice of them first) and
    a rarer one from the GIN index as a set."""

    method: str
    vendor: str = ""
    parameter: str = ""
    query: str = ""

    def apply(self, entries: QuerySet[Any], *, streaming: bool = False) -> QuerySet[Any]:
        """Restrict `entries` to the matches. On PostgreSQL `streaming` puts the condition on the row itself (to
        walk the newest rows); otherwise the matches come from the index as a set (bitmap)."""
        if self.method == "all":
            return entries
        if self.method == "none":
            return entries.none()
        if self.vendor == "sqlite" and self.method in FTS_TABLES:
            table = FTS_TABLES[self.method]
            # Constant SQL (the table comes from FTS_TABLES); the query is a bound parameter.
            return entries.extra(tables=[table], where=[f"{table}.rowid = listings_searchentry.id",  # noqa: S610
                                                        f"{table} MATCH %s"], params=[self.parameter])
        if self.vendor == "postgresql" and streaming:
            # strpos, which no index serves, so the planner walks the primary key (same matches as LIKE).
            return entries.extra(where=[CONDITIONS["postgresql", "scan"]], params=[self.query])  # noqa: S610
        condition = AS_SET[self.method] if self.vendor == "postgresql" else CONDITIONS[self.vendor, self.method]
        return entries.extra(where=[condition], params=[self.parameter])  # noqa: S610  (constant SQL)

    def newest_first(self, entries: QuerySet[Any]) -> QuerySet[Any]:
        """`entries` (from apply) newest first, in the order the index can deliver without sorting."""
        if self.vendor == "sqlite" and self.method in FTS_TABLES:
            return entries.order_by().extra(order_by=[f"-{FTS_TABLES[self.method]}.rowid"])
        return entries.order_by("-id")

    @property
    def streams_on_postgresql(self) -> bool:
        return self.vendor == "postgresql" and self.method in ("trigram", "grams", "scan")


def plan(raw_query: str) -> Plan:
    """The plan for a query as typed (any text; nothing in it is syntax)."""
    query = normalise(raw_query)
    if not query:
        return Plan("all")
    if len(query) > TEXT_LIMIT:
        return Plan("none")
    if len(query) >= 3:
        method = "trigram"
    elif is_cjk_only(query):
        method = "grams"
    else:
        method = "scan"
    vendor = "postgresql" if connection.vendor == "postgresql" else "sqlite"
    return Plan(method, vendor, _parameter(vendor, method, query), query)


def brute_force(texts: dict[int, str], raw_query: str) -> set[int]:
    """The reference answer: ids whose text contains the normalised query (bench B2 and the tests)."""
    query = normalise(raw_query)
    return {entry_id for entry_id, text in texts.items() if query in text}
