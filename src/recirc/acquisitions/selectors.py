"""Reads of the register, scoped to the actor by construction. Missing and forbidden entries both raise NotFound."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from recirc.acquisitions import policy
from recirc.acquisitions.contracts import ChainStatus
from recirc.acquisitions.errors import EntryNotFound
from recirc.acquisitions.models import AcquisitionEntry
from recirc.core.errors import NotFound
from recirc.core.hashchain import chain_keys, chain_verify
from recirc.items.facade import items_with_identifiers
from recirc.operators.contracts import OperatorScope
from recirc.operators.facade import membership_of, operator_scope, outlet_choices_for, outlet_ref

SEARCHED_IDENTIFIER_KINDS = ("imei", "meid", "serial", "mac", "network_licence")
CITY_WIDE = OperatorScope(city_wide=True, operator_ids=frozenset())


def entries_visible_to(actor: Any) -> QuerySet[AcquisitionEntry]:
    condition = policy.readable_filter(actor)
    entries = AcquisitionEntry.objects.select_related("clerk")
    return entries if condition is None else entries.filter(condition)


def entry_get(actor: Any, entry_id: int) -> AcquisitionEntry:
    entry = entries_visible_to(actor).filter(pk=entry_id).first()
    if entry is None:
        raise EntryNotFound()
    return entry


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def items_matching_identifier(text: str, kinds: tuple[str, ...] = SEARCHED_IDENTIFIER_KINDS) -> set[int]:
    """Ids of items carrying `text` read as any of the identifier kinds (normalised by the items facade)."""
    matches = items_with_identifiers([(kind, text) for kind in kinds])
    return {item_id for ids in matches.values() for item_id in ids}


def _search(entries: QuerySet[AcquisitionEntry], query: str) -> QuerySet[AcquisitionEntry]:
    text = " ".join(query.split())
    condition = (Q(title__icontains=text) | Q(brand__icontains=text) | Q(model_name__icontains=text)
                 | Q(item_code=text.upper()) | Q(organisation_name__icontains=text))
    item_ids = items_matching_identifier(text)
    if item_ids:
        condition |= Q(item_id__in=item_ids)
    return entries.filter(condition)


def entry_list(actor: Any, *, outlet: int | None = None, date_from: dt.date | None = None,
               date_to: dt.date | None = None, transaction_type: str = "", category: str = "",
               query: str = "") -> QuerySet[AcquisitionEntry]:
    """The actor's register entries, newest acquisition first."""
    entries = entries_visible_to(actor)
    if outlet:
        entries = entries.filter(outlet_id=outlet)
    if date_from:
        entries = entries.filter(recorded_at__gte=_day_start(date_from))
    if date_to:
        entries = entries.filter(recorded_at__lt=_day_start(date_to + dt.timedelta(days=1)))
    if transaction_type:
        entries = entries.filter(transaction_type=transaction_type)
    if category:
        entries = entries.filter(category_code=category)
    if query and query.strip():
        entries = _search(entries, query)
    return entries.order_by("-recorded_at", "-id")


def print_rows(actor: Any, *, outlet: int, date_from: dt.date | None, date_to: dt.date | None
               ) -> QuerySet[AcquisitionEntry]:
    """One outlet's entries in chain order (as the paper register reads), within the dates."""
    return entry_list(actor, outlet=outlet, date_from=date_from, date_to=date_to).order_by("sequence")


def register_outlets(actor: Any) -> list[tuple[int, str]]:
    """The outlets whose register the actor may read (active outlets in the actor's scope)."""
    if not policy.may_read(actor):
        return []
    return outlet_choices_for(actor)


def recording_outlets(actor: Any) -> list[tuple[int, str]]:
    """The outlets where the actor may record: their own operator's (a chain head's staff not its branches')."""
    if not policy.may_record(actor):
        return []
    choices, scope = outlet_choices_for(actor), operator_scope(actor)
    if len(scope.operator_ids) <= 1:
        return choices
    membership = membership_of(actor)
    own = membership.operator_id if membership else None
    return [(pk, name) for pk, name in choices if outlet_ref(pk, scope=scope).operator_id == own]


def outlet_of(actor: Any, outlet_id: int) -> Any:
    """The outlet when its register is readable by the actor; NotFound otherwise."""
    if not policy.may_read(actor):
        raise NotFound()
    scope = CITY_WIDE if policy.readable_filter(actor) is None else operator_scope(actor)
    return outlet_ref(outlet_id, scope=scope)


def corrections_of(entry: AcquisitionEntry) -> dict[str, Any]:
    """The versions of an entry: what it corrects (older) and what corrects it (newer)."""
    older, cursor = [], entry.corrects
    while cursor is not None:
        older.append(cursor)
        cursor = cursor.corrects
    newer, cursor = [], entry.corrections.order_by("sequence").first()
    while cursor is not None:
        newer.append(cursor)
        cursor = cursor.corrections.order_by("sequence").first()
    return {"older": older, "newer": newer, "is_current": not newer}


def _status(report: Any, outlet_id: int) -> ChainStatus:
    return ChainStatus(outlet_id=outlet_id, intact=report.intact, checked=report.checked, length=report.length,
                       first_bad_sequence=report.first_bad_sequence, first_bad_id=report.first_bad_id,
                       reason=report.reason)


def existing_chains() -> set[str]:
    """Every chain with a head or with entries: a chain whose head row was deleted is still verified (and fails)."""
    keys = set(chain_keys(AcquisitionEntry))
    keys.update(AcquisitionEntry.objects.order_by().values_list("chain_key", flat=True).distinct())
    return keys


def chain_statuses(*, outlet_ids: list[int] | None = None) -> list[ChainStatus]:
    """Verify the chains of the given outlets (every chain when None) that exist, in outlet order."""
    existing = existing_chains()
    keys = existing if outlet_ids is None else {str(pk) for pk in outlet_ids} & existing
    return [_status(chain_verify(AcquisitionEntry, chain_key=key), int(key)) for key in sorted(keys, key=int)]


def chain_statuses_for(actor: Any, *, outlet: int | None = None) -> list[ChainStatus]:
    """The chains the actor may read (one outlet, or every readable outlet with a chain)."""
    readable = [pk for pk, _name in register_outlets(actor)]
    if outlet is not None:
        readable = [pk for pk in readable if pk == outlet]
    return chain_statuses(outlet_ids=readable)
