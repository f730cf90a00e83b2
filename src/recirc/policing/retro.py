"""Retroactive matching: new watchlist entries against every item passport already registered.

- Exact: all the entries' identifiers in one look-up (items.facade.items_with_identifiers), every passport
  regardless of age (an identifier is decisive); each hit raises an alert and a watchlist hold.
- Description: passports registered within RETROACTIVE_MATCH_DAYS, read in batches
  (items.facade.item_descriptions) and matched against an in-memory index of the new entries; the intake
  profile recorded at screening (ScreeningRecord) is used when there is one, else the passport's title,
  brand, model and colour.
One pass over the passports serves both (it also names each hit item's operator). Alerts are written per
batch; idempotent: an alert per (entry, item, kind) exists once, so a re-run raises nothing new.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from functools import partial

from django.db import transaction
from django.utils import timezone

from recirc.items.facade import ItemDescription, item_descriptions, item_ref, items_with_identifiers
from recirc.policing.alerts import AlertRequest, alerts_raise, entry_params, watchlist_hold
from recirc.policing.fuzzy import FuzzyIndex, FuzzyMatch, Rarity
from recirc.policing.index import rarity_for
from recirc.policing.matching import category_allows
from recirc.policing.models import AlertKind, ScreeningRecord, WatchlistEntry, WatchlistStatus
from recirc.policing.policy import policy_float, policy_int
from recirc.policing.rules import AlertDraft
from recirc.policing.text import Profile, profile_of

BATCH = 5000
RETRO_BUDGET = 200  # postings per registration in the in-memory index (see fuzzy.lookup_words)

ExactHits = dict[int, list[tuple[WatchlistEntry, tuple[str, str]]]]  # item id -> (entry, identifier)


def _exact_hits(entries: dict[int, WatchlistEntry]) -> ExactHits:
    pairs: dict[tuple[str, str], list[WatchlistEntry]] = {}
    for entry in entries.values():
        for identifier in entry.identifiers.all():
            pairs.setdefault((identifier.kind, identifier.value), []).append(entry)
    hits: ExactHits = {}
    for pair, item_ids in items_with_identifiers(pairs.keys()).items():
        for item_id in item_ids:
            hits.setdefault(item_id, []).extend((entry, pair) for entry in pairs.get(pair, []))
    return hits


def _exact_request(entry: WatchlistEntry, pair: tuple[str, str], item_id: int,
                   operator_id: int | None) -> AlertRequest:
    draft = AlertDraft(kind=AlertKind.WATCHLIST_EXACT, score=Decimal(100), reason_code=AlertKind.WATCHLIST_EXACT,
                       entry_id=entry.pk, hold=True,
                       params={**entry_params(entry), "identifier_kind": pair[0], "identifier": pair[1]})
    return AlertRequest(draft=draft, item_id=item_id, operator_id=operator_id,
                        source_ref=f"policing.watchlist:{entry.pk}")


def _fuzzy_request(entry: WatchlistEntry, match: FuzzyMatch, item: ItemDescription) -> AlertRequest:
    draft = AlertDraft(kind=AlertKind.WATCHLIST_FUZZY, score=Decimal(str(match.score)),
                       reason_code=AlertKind.WATCHLIST_FUZZY, entry_id=entry.pk,
                       hold=match.score >= policy_float("FUZZY_HOLD_THRESHOLD"),
                       params={**entry_params(entry), "score": str(match.score), "shared": list(match.shared)})
    return AlertRequest(draft=draft, item_id=item.id, operator_id=item.owner_operator_id,
                        source_ref=f"policing.watchlist:{entry.pk}")


def _raise(requests: list[AlertRequest]) -> int:
    if not requests:
        return 0
    with transaction.atomic():
        raised = alerts_raise(requests)
        for (alert, created), request in zip(raised, requests, strict=True):
            if created and request.draft.hold and alert.hold_id is None:
                watchlist_hold(alert)
    return sum(1 for _alert, created in {alert.pk: (alert, created) for alert, created in raised}.values() if created)


def _stored_profiles(item_ids: list[int]) -> dict[int, Profile]:
    rows = (ScreeningRecord.objects.filter(item_id__in=item_ids).order_by("item_id", "-screened_at", "-id")
            .values_list("item_id", "match_tokens"))
    found: dict[int, Profile] = {}
    for item_id, stored in rows:
        found.setdefault(item_id, Profile.parse(stored))
    return found


class Pass:
    """One walk over the passports registered within retention (when an entry can match by description), for
    description matches and the operators of exact hits; exact hits not walked over are looked up one by one."""

    def __init__(self, entries: dict[int, WatchlistEntry], exact: ExactHits) -> None:
        self.entries, self.exact = entries, exact
        self.index = FuzzyIndex(budget=RETRO_BUDGET)
        for entry in entries.values():
            self.index.add(entry.pk, Profile.parse(entry.match_tokens), entry.category_code)
        words = set().union(*(profile.tokens() for profile in self.index.profiles.values()))
        self.rarity: Rarity = rarity_for(words) if words else Rarity({}, 0)
        self.threshold, self.max_chance = policy_float("FUZZY_MATCH_THRESHOLD"), policy_float("FUZZY_MAX_CHANCE")

    def _requests(self, item: ItemDescription, profiles: dict[int, Profile]) -> list[AlertRequest]:
        exact = self.exact.pop(item.id, [])
        requests = [_exact_request(entry, pair, item.id, item.owner_operator_id) for entry, pair in exact]
        profile = profiles.get(item.id) or profile_of(brand=item.brand, model_name=item.model_name,
                                                      colour=item.colour, title=item.title)
        matched = {entry.pk for entry, _pair in exact}
        hits = self.index.search(profile, self.rarity, threshold=self.threshold, max_chance=self.max_chance,
                                 category_allows=partial(category_allows, item_code=item.category_code))
        return requests + [_fuzzy_request(self.entries[entry_id], match, item)
                           for entry_id, match in hits if entry_id not in matched]

    def run(self) -> int:
        created, after_id = 0, 0
        since = timezone.now() - dt.timedelta(days=policy_int("RETROACTIVE_MATCH_DAYS"))
        while len(self.index) and (batch := item_descriptions(since=since, after_id=after_id, limit=BATCH)):
            after_id = batch[-1].id
            profiles = _stored_profiles([item.id for item in batch])
            created += _raise([request for item in batch for request in self._requests(item, profiles)])
        older = [_exact_request(entry, pair, item_id, item_ref(item_id).owner_operator_id)
                 for item_id, hits in self.exact.items() for entry, pair in hits]  # not walked over
        return created + _raise(older)


def rescreen(entry_ids: Iterable[int]) -> int:
    """Match the (still active) entries against past registrations; the number of new alerts."""
    entries = {entry.pk: entry for entry in WatchlistEntry.objects.filter(pk__in=list(entry_ids),
                                                                           status=WatchlistStatus.ACTIVE)
               .prefetch_related("identifiers")}
    if not entries:
        return 0
    created = Pass(entries, _exact_hits(entries)).run()
    WatchlistEntry.objects.filter(pk__in=list(entries)).update(rescreened_at=timezone.now())
    return created
