"""The search indexes' DDL per database, shared by the migration and bench B2 (which drops the index, bulk-loads
the table and builds the index again). See listings/search.py for how queries use them.

- SQLite: two external-content FTS5 tables over listings_searchentry, `trigram` for substrings of three
  characters or more and `unicode61` over the CJK grams for one or two characters, kept by triggers in the
  same transaction as the entry.
- PostgreSQL: pg_trgm GIN on the text (LIKE '%…%') and GIN on the array of grams.
"""

from __future__ import annotations

TABLES = [
    "CREATE VIRTUAL TABLE listings_search_trigram USING fts5(text, content='listings_searchentry', "
    "content_rowid='id', tokenize='trigram case_sensitive 1')",
    "CREATE VIRTUAL TABLE listings_search_grams USING fts5(grams, content='listings_searchentry', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
]
_DELETE = ("INSERT INTO listings_search_trigram(listings_search_trigram, rowid, text) VALUES ('delete', old.id, "
           "old.text); INSERT INTO listings_search_grams(listings_search_grams, rowid, grams) VALUES ('delete', "
           "old.id, old.grams); ")
_INSERT = ("INSERT INTO listings_search_trigram(rowid, text) VALUES (new.id, new.text); "
           "INSERT INTO listings_search_grams(rowid, grams) VALUES (new.id, new.grams); ")
TRIGGERS = [
    f"CREATE TRIGGER listings_search_ai AFTER INSERT ON listings_searchentry BEGIN {_INSERT}END",
    f"CREATE TRIGGER listings_search_ad AFTER DELETE ON listings_searchentry BEGIN {_DELETE}END",
    f"CREATE TRIGGER listings_search_au AFTER UPDATE ON listings_searchentry BEGIN {_DELETE}{_INSERT}END",
]
DROP_TRIGGERS = ["DROP TRIGGER IF EXISTS listings_search_au", "DROP TRIGGER IF EXISTS listings_search_ad",
                 "DROP TRIGGER IF EXISTS listings_search_ai"]
POSTGRES_INDEXES = [
    "CREATE INDEX listings_search_text_trgm ON listings_searchentry USING gin (text gin_trgm_ops)",
    "CREATE INDEX listings_search_grams_gin ON listings_searchentry USING gin (string_to_array(grams, ' '))",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS listings_search_grams_gin", "DROP INDEX IF EXISTS listings_search_text_trgm"]

CREATE = {"sqlite": TABLES + TRIGGERS, "postgresql": ["CREATE EXTENSION IF NOT EXISTS pg_trgm", *POSTGRES_INDEXES]}
REMOVE = {"sqlite": [*DROP_TRIGGERS, "DROP TABLE IF EXISTS listings_search_grams",
                     "DROP TABLE IF EXISTS listings_search_trigram"], "postgresql": POSTGRES_DROP}
# Bulk loading (bench B2): drop the index upkeep, load, then build the index in one go.
DROP = {"sqlite": DROP_TRIGGERS, "postgresql": POSTGRES_DROP}
BUILD = {"sqlite": ["INSERT INTO listings_search_trigram(listings_search_trigram) VALUES ('rebuild')",
                    "INSERT INTO listings_search_grams(listings_search_grams) VALUES ('rebuild')", *TRIGGERS],
         "postgresql": POSTGRES_INDEXES}
