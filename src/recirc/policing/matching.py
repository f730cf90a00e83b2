"""Watchlist matching at intake: exact on normalised identifiers, then by description (see fuzzy.py).

Identifiers are compared in the passport's canonical forms (items.facade.identifier_normalise): an IMEI
typed with spaces or dashes, or as a 16-digit IMEISV, is the 15-digit IMEI; a MAC in any notation is
"AA:BB:CC:DD:EE:FF"; serials are upper case.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from recirc.catalog.facade import category_get, category_list, category_subtree_ids
from recirc.core.errors import DomainError
from recirc.items.facade import identifier_normalise
from recirc.policing.fuzzy import CANDIDATES, FuzzyMatch, best_matches, lookup_words
from recirc.policing.index import rarity_for
from recirc.policing.statements import active_identifier_rows, best_entries
from recirc.policing.text import Profile


@dataclass(frozen=True)
class ExactHit:
    entry_id: int
    kind: str
    value: str


@dataclass(frozen=True)
class DescriptionHit:
    entry_id: int
    match: FuzzyMatch


def normalised_identifiers(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Canonical (kind, value) pairs, repeats removed; pairs that cannot be normalised are left out."""
    found: list[tuple[str, str]] = []
    for kind, value in pairs:
        try:
            pair = identifier_normalise(kind, value)
        except DomainError:
            continue
        if pair not in found:
            found.append(pair)
    return found


def exact_hits(pairs: Iterable[tuple[str, str]]) -> list[ExactHit]:
    """Active watchlist entries carrying one of the identifiers."""
    cleaned = normalised_identifiers(pairs)
    if not cleaned:
        return []
    return [ExactHit(entry_id=entry_id, kind=kind, value=value)
            for entry_id, kind, value in active_identifier_rows(cleaned)]


@lru_cache(maxsize=256)
def category_family(code: str) -> frozenset[str]:
    """The category's code and its descendants' codes (empty for an unknown code: it blocks nothing)."""
    try:
        ids = set(category_subtree_ids(category_get(code).id))
    except DomainError:
        return frozenset()
    return frozenset(ref.code for ref in category_list(include_inactive=True) if ref.id in ids)


def category_allows(entry_code: str, *, item_code: str) -> bool:
    """An entry filed under a category matches items of that category or below; blank codes match all."""
    if not entry_code or not item_code:
        return True
    family = category_family(entry_code)
    return not family or item_code in family


def _candidates(words: list[str], weights: dict[str, float], exclude: set[int]) -> list[tuple[int, str, str]]:
    """(id, stored profile, category code) of the active entries sharing the most lookup weight; one query."""
    return [row for row in best_entries({word: weights[word] for word in words}, CANDIDATES) if row[0] not in exclude]


def description_hits(profile: Profile, category_code: str, *, threshold: float, max_chance: float,
                     exclude: Iterable[int] = ()) -> list[DescriptionHit]:
    """Active entries whose description the registration fits (score >= threshold, chance <= max_chance)."""
    query_rarity = rarity_for(profile.tokens())
    words = lookup_words(profile.tokens(), lambda word: query_rarity.frequencies.get(word, 0))
    if not words:
        return []
    rows = _candidates(words, {word: query_rarity.weight(word) for word in words}, set(exclude))
    candidates = [(entry_id, Profile.parse(stored)) for entry_id, stored, entry_category in rows
                  if category_allows(entry_category, item_code=category_code)]
    if not candidates:
        return []
    rarity = rarity_for(set(profile.tokens()).union(*(candidate.tokens() for _id, candidate in candidates)))
    return [DescriptionHit(entry_id=entry_id, match=match) for entry_id, match in
            best_matches(candidates, profile, rarity, threshold=threshold, max_chance=max_chance)]
