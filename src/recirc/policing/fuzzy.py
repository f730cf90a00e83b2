"""Description matching: how well a registration fits a watchlist entry (a score 0-100), how specific the
shared facts are (a chance estimate), and why (the shared feature words).

Score (agreement) = 100 x (0.15 brand + 0.15 model + 0.05 colour + 0.65 features), where
- brand: 1 when both canonical brands are known (different known brands never match), 0.5 otherwise;
- model, colour: the rarity-weighted share of the entry's words found in the registration (0.5 unknown);
  different known colours cost COLOUR_CONFLICT_PENALTY points;
- features: 0.9 x the rarity-weighted share of the entry's feature words found in the registration plus
  0.1 x rapidfuzz's token_set_ratio of the two feature word lists; a Latin word with a typo counts when
  rapidfuzz's ratio is >= TYPO_CUTOFF. Rarity is the inverse document frequency over the active watchlist.

Chance: the expected number of watchlist entries that would share these facts with an unrelated device,
population x exp(-information), where information adds, per group (model, colour, each feature clause), its
rarest shared word's rarity plus a quarter of the others' (words of one clause come together, so they are not
independent evidence). "Black iPhone 13 with a cracked screen" fits thousands of entries; an engraving fits
one. A match raises an alert only when the score reaches the threshold AND the chance is below the limit.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from operator import itemgetter

from rapidfuzz import fuzz, process

from recirc.policing.text import Profile, brands_compatible, typo_eligible

TYPO_CUTOFF = 80
MIN_POPULATION = 1000  # rarity is judged as if the watchlist had at least this many entries
WEIGHTS = {"brand": 0.15, "model": 0.15, "colour": 0.05, "features": 0.65}
FEATURE_SHARE = 0.9  # of the feature part: rarity-weighted containment; the rest is token_set_ratio
COLOUR_CONFLICT_PENALTY = 15
WITHIN_CLAUSE = 0.25  # weight of a clause's other shared words after its rarest one

LOOKUP_WORDS = 8  # at most this many of the query's rarest words look up candidates
POSTING_BUDGET = 2_000  # ... and together they may name at most this many entries
CANDIDATES = 50  # entries scored per query, highest summed rarity of shared lookup words first


class Rarity:
    """Document frequencies of words over the active watchlist and its size; weights are memoised."""

    def __init__(self, frequencies: dict[str, int], population: int) -> None:
        self.frequencies = frequencies
        self.population = population
        self.size = max(population, MIN_POPULATION)
        self._weights: dict[str, float] = {}

    def weight(self, word: str) -> float:
        found = self._weights.get(word)
        if found is None:
            found = self._weights[word] = max(0.0, math.log(self.size / max(self.frequencies.get(word, 0), 0.5)))
        return found


@dataclass(frozen=True)
class FuzzyMatch:
    score: float
    chance: float  # expected number of watchlist entries sharing these facts by chance
    shared: tuple[str, ...]  # the entry's feature words found in the registration

    def alerts(self, *, threshold: float, max_chance: float) -> bool:
        return self.score >= threshold and self.chance <= max_chance




def _found(words: Iterable[str], pool: frozenset[str], spare: list[str]) -> dict[str, float]:
    """Each word found in the pool (1.0) or, with a typo, among the spare words (rapidfuzz ratio / 100)."""
    found: dict[str, float] = {}
    for word in words:
        if word in pool:
            found[word] = 1.0
        elif spare and typo_eligible(word):
            best = process.extractOne(word, spare, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
            if best is not None:
                found[word] = best[1] / 100
    return found


def _share(words: tuple[str, ...], found: dict[str, float], rarity: Rarity, unknown: float = 0.5) -> float:
    if not words:
        return unknown
    total = sum(rarity.weight(word) for word in words)
    return sum(rarity.weight(word) * found.get(word, 0.0) for word in words) / total if total else unknown


def _information(groups: Iterable[tuple[str, ...]], found: dict[str, float], rarity: Rarity) -> float:
    total = 0.0
    for group in groups:
        values = sorted((rarity.weight(word) * found[word] for word in group if word in found), reverse=True)
        if values:
            total += values[0] + WITHIN_CLAUSE * sum(values[1:])
    return total


def _colour_agreement(entry: tuple[str, ...], query: tuple[str, ...], found: dict[str, float]) -> float:
    if not entry or not query:
        return 0.5
    return 1.0 if any(word in found for word in entry) else 0.0


def fuzzy_score(entry: Profile, query: Profile, rarity: Rarity) -> FuzzyMatch | None:
    """None when the entry cannot match (different brands, no distinguishing features, none shared)."""
    if not entry.clauses or not brands_compatible(entry.brand, query.brand):
        return None
    pool = query.tokens()
    entry_words = entry.tokens()
    spare = [word for word in pool if word not in entry_words and typo_eligible(word)]
    found = _found((*entry.model, *entry.colour, *entry.features), pool, spare)
    shared = tuple(word for word in entry.features if word in found)
    if not shared:
        return None
    colour = _colour_agreement(entry.colour, query.colour, found)
    contained = _share(entry.features, found, rarity, unknown=0.0)
    text = fuzz.token_set_ratio(" ".join(entry.features), " ".join(query.features)) / 100
    features = FEATURE_SHARE * contained + (1 - FEATURE_SHARE) * text
    score = 100 * (WEIGHTS["brand"] * (1.0 if entry.brand and query.brand else 0.5)
                   + WEIGHTS["model"] * _share(entry.model, found, rarity)
                   + WEIGHTS["colour"] * colour + WEIGHTS["features"] * features)
    if colour == 0.0:
        score -= COLOUR_CONFLICT_PENALTY
    information = _information((entry.model, entry.colour, *entry.clauses), found, rarity)
    chance = rarity.size * math.exp(-information)
    return FuzzyMatch(score=round(max(0.0, min(score, 100.0)), 2), chance=chance, shared=shared)


def lookup_words(words: Iterable[str], frequency: Callable[[str], int], *, budget: int = POSTING_BUDGET) -> list[str]:
    """The rarest words that occur on the watchlist, within the posting budget (candidate blocking)."""
    chosen: list[str] = []
    spent = 0
    for count, word in sorted((frequency(word), word) for word in set(words)):
        if count == 0:
            continue
        if len(chosen) >= LOOKUP_WORDS or spent + count > budget:
            break
        chosen.append(word)
        spent += count
    return chosen


def _typo_reachable(word: str, query: Profile) -> bool:
    """Whether a query word might stand for `word` with a typo (rapidfuzz ratio >= TYPO_CUTOFF)."""
    return any(fuzz.ratio(word, other) >= TYPO_CUTOFF for other in query.typo_words if other != word)


def _possible_words(entry: Profile, query: Profile) -> set[str]:
    """The entry's words fuzzy_score could find in the query: shared ones and those a query word might stand
    for with a typo."""
    possible = set(entry.words & query.words)
    if query.typo_words:
        possible.update(word for word in entry.typo_words if word not in possible and _typo_reachable(word, query))
    return possible


def information_bound(entry: Profile, possible: AbstractSet[str], rarity: Rarity) -> float:
    """The most information fuzzy_score could find (_information with every possible word found fully)."""
    total = 0.0
    for group in (entry.model, entry.colour, *entry.clauses):
        values = sorted((rarity.weight(word) for word in group if word in possible), reverse=True)
        if values:
            total += values[0] + WITHIN_CLAUSE * sum(values[1:])
    return total


def _may_be_specific(entry: Profile, possible: AbstractSet[str], rarity: Rarity, needed: float,
                     weights: dict[str, float] | None = None) -> bool:
    """A cheap upper bound of what two profiles can share (`possible`: the entry's words the query might
    supply; `weights`: their rarity weights, when already known): most candidates are dropped here without
    scoring. A match needs a shared feature word (fuzzy_score) and enough information for its chance."""
    if possible.isdisjoint(entry.feature_words):
        return False
    weight = weights.__getitem__ if weights is not None else rarity.weight
    if sum(map(weight, possible)) < needed:  # the bound without the within-clause discount
        return False
    return information_bound(entry, possible, rarity) >= needed


def needed_information(rarity: Rarity, max_chance: float) -> float:
    """The information a match must carry for its chance to stay at or below max_chance."""
    return math.log(rarity.size / max_chance) if max_chance > 0 else math.inf


def best_matches(candidates: Iterable[tuple[int, Profile]], query: Profile, rarity: Rarity, *, threshold: float,
                 max_chance: float, reachable: AbstractSet[str] | None = None) -> list[tuple[int, FuzzyMatch]]:
    """The candidates that raise an alert, best first. `reachable`, when known, holds every word any entry
    could find in the query (FuzzyIndex.reachable)."""
    needed = needed_information(rarity, max_chance)
    weights = {word: rarity.weight(word) for word in reachable} if reachable is not None else None
    hits = []
    for entry_id, profile in candidates:
        possible = profile.words & reachable if reachable is not None else _possible_words(profile, query)
        if not _may_be_specific(profile, possible, rarity, needed, weights):
            continue
        match = fuzzy_score(profile, query, rarity)
        if match is not None and match.alerts(threshold=threshold, max_chance=max_chance):
            hits.append((entry_id, match))
    return sorted(hits, key=lambda hit: (-hit[1].score, hit[1].chance, hit[0]))


class FuzzyIndex:
    """An in-memory inverted index of a batch of entries, for retroactive matching of many registrations."""

    def __init__(self, *, budget: int = POSTING_BUDGET) -> None:
        self.budget = budget
        self.profiles: dict[int, Profile] = {}
        self.categories: dict[int, str] = {}
        self.postings: dict[str, list[int]] = {}
        self.feature_words: set[str] = set()
        self._typo_words: list[str] | None = None
        self._typo_matches: dict[str, frozenset[str]] = {}

    def add(self, entry_id: int, profile: Profile, category_code: str = "") -> None:
        if not profile.clauses:
            return  # no distinguishing features: nothing to match by description
        self.profiles[entry_id] = profile
        self.categories[entry_id] = category_code
        self.feature_words.update(profile.features)
        for word in profile.tokens():
            self.postings.setdefault(word, []).append(entry_id)
        self._typo_words, self._typo_matches = None, {}

    def __len__(self) -> int:
        return len(self.profiles)

    def _typo_targets(self, word: str) -> frozenset[str]:
        """The index's words that `word` might stand for with a typo (remembered: queries repeat words)."""
        found = self._typo_matches.get(word)
        if found is None:
            if self._typo_words is None:
                self._typo_words = [indexed for indexed in self.postings if typo_eligible(indexed)]
            found = self._typo_matches[word] = frozenset(
                indexed for indexed, _score, _position in process.extract(
                    word, self._typo_words, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF, limit=None))
        return found

    def reachable(self, query: Profile) -> set[str]:
        """The index's words a registration could supply: its own, and those its Latin words might stand for
        with a typo."""
        possible = {word for word in query.words if word in self.postings}
        for word in query.typo_words:
            possible |= self._typo_targets(word)
        return possible

    def may_match(self, reachable: set[str], rarity: Rarity, needed: float) -> bool:
        """False when no entry of the index can reach an alert with a registration that can supply only
        `reachable`: no feature word among them, or less information in all of them than an alert needs.
        Most registrations stop here, before candidates are looked up and scored."""
        if reachable.isdisjoint(self.feature_words):
            return False
        return sum(rarity.weight(word) for word in reachable) >= needed

    def candidates(self, query: Profile, rarity: Rarity) -> list[int]:
        words = lookup_words(query.tokens(), lambda word: len(self.postings.get(word, ())), budget=self.budget)
        totals: dict[int, float] = {}
        for word in words:
            weight = rarity.weight(word)
            for entry_id in self.postings[word]:
                totals[entry_id] = totals.get(entry_id, 0.0) + weight
        return [entry_id for entry_id, _total in heapq.nlargest(CANDIDATES, totals.items(), key=itemgetter(1))]

    def search(self, query: Profile, rarity: Rarity, *, threshold: float, max_chance: float,
               category_allows: Callable[[str], bool] | None = None) -> list[tuple[int, FuzzyMatch]]:
        reachable = self.reachable(query)
        if not self.may_match(reachable, rarity, needed_information(rarity, max_chance)):
            return []
        candidates = [(entry_id, self.profiles[entry_id]) for entry_id in self.candidates(query, rarity)
                      if category_allows is None or category_allows(self.categories[entry_id])]
        return best_matches(candidates, query, rarity, threshold=threshold, max_chance=max_chance,
                            reachable=reachable)
