"""Raising alerts (screening and retroactive matching) and the watchlist hold that goes with an exact match.

An alert for a watchlist entry and an item is raised once (a unique constraint): re-running a match is
harmless. Each new alert is notified after the transaction commits (tasks.alert_notify)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from recirc.core.audit import audit_record
from recirc.core.errors import DomainError
from recirc.items.facade import hold_place, holds_for_item
from recirc.policing import tasks
from recirc.policing.models import Alert, WatchlistEntry
from recirc.policing.rules import AlertDraft

WATCHLIST_HOLD = "watchlist_match"


def entry_params(entry: WatchlistEntry) -> dict[str, Any]:
    """What an alert's reason says about the watchlist entry."""
    return {"case_number": entry.case_number, "entry_kind": entry.kind, "reporting_unit": entry.reporting_unit}


def _existing(draft: AlertDraft, item_id: int) -> Alert | None:
    if draft.entry_id is None:
        return None
    return Alert.objects.filter(watchlist_entry_id=draft.entry_id, item_id=item_id, kind=draft.kind).first()


def alert_raise(*, draft: AlertDraft, item_id: int, operator_id: int | None, source_ref: str,
                actor: Any = None) -> tuple[Alert, bool]:
    """The alert for the draft, and whether it is new. Must run inside a transaction."""
    found = _existing(draft, item_id)
    if found is not None:
        return found, False
    try:
        with transaction.atomic():
            alert = Alert.objects.create(kind=draft.kind, item_id=item_id, operator_id=operator_id,
                                         watchlist_entry_id=draft.entry_id, source_ref=source_ref[:80],
                                         score=draft.score, reason_code=draft.reason_code,
                                         reason_params=draft.params)
    except IntegrityError:  # raised meanwhile by a concurrent match of the same entry and item
        found = _existing(draft, item_id)
        if found is None:
            raise
        return found, False
    audit_record(actor=actor, action="policing.alert_raised", target=alert, operator_id=operator_id,
                 payload={"kind": alert.kind, "item_id": item_id, "score": alert.score,
                          "watchlist_entry_id": draft.entry_id, "source_ref": alert.source_ref})
    alert_id = alert.pk
    transaction.on_commit(lambda: tasks.alert_notify.delay(alert_id))
    return alert, True


@dataclass(frozen=True)
class AlertRequest:
    draft: AlertDraft
    item_id: int
    operator_id: int | None
    source_ref: str


def _new_alert(request: AlertRequest) -> Alert:
    draft = request.draft
    return Alert(kind=draft.kind, item_id=request.item_id, operator_id=request.operator_id,
                 watchlist_entry_id=draft.entry_id, source_ref=request.source_ref[:80], score=draft.score,
                 reason_code=draft.reason_code, reason_params=draft.params)


def alerts_raise(requests: list[AlertRequest], *, actor: Any = None) -> list[tuple[Alert, bool]]:
    """Many watchlist alerts at once (retroactive matching): alerts that exist already come back as they are,
    the new ones are inserted together and recorded in one audit event. Must run inside a transaction."""
    entry_ids = {request.draft.entry_id for request in requests}
    existing = {(alert.watchlist_entry_id, alert.item_id, alert.kind): alert for alert in Alert.objects.filter(
        watchlist_entry_id__in=entry_ids, item_id__in={request.item_id for request in requests})}
    fresh: dict[tuple[int | None, int, str], Alert] = {}
    for request in requests:
        key = (request.draft.entry_id, request.item_id, request.draft.kind)
        if key not in existing and key not in fresh:
            fresh[key] = _new_alert(request)
    try:
        with transaction.atomic():
            Alert.objects.bulk_create(list(fresh.values()))
    except IntegrityError:  # a concurrent run raised some of them: one at a time
        return [alert_raise(draft=request.draft, item_id=request.item_id, operator_id=request.operator_id,
                            source_ref=request.source_ref, actor=actor) for request in requests]
    if fresh:
        audit_record(actor=actor, action="policing.alerts_raised",
                     payload={"count": len(fresh), "alert_ids": [alert.pk for alert in fresh.values()]})
        ids = [alert.pk for alert in fresh.values()]
        transaction.on_commit(lambda: [tasks.alert_notify.delay(alert_id) for alert_id in ids])
    return [(existing[key], False) if key in existing else (fresh[key], True)
            for key in ((request.draft.entry_id, request.item_id, request.draft.kind) for request in requests)]


def watchlist_hold(alert: Alert) -> int | None:
    """Keep the item on a watchlist hold (one per item: an active one is reused). None when the item cannot be
    held any more (sold, returned, scrapped): the alert tells the police where it went."""
    active = [hold for hold in holds_for_item(alert.item_id) if hold.is_active and hold.kind == WATCHLIST_HOLD]
    if active:
        hold_id = active[0].id
    else:
        try:
            with transaction.atomic():
                hold_id = hold_place(actor=None, item_id=alert.item_id, kind=WATCHLIST_HOLD,
                                     reason=_("Stolen-goods watchlist match: the police have been alerted."),
                                     source_ref=f"policing.alert:{alert.pk}").id
        except DomainError:
            return None
    Alert.objects.filter(pk=alert.pk).update(hold_id=hold_id)
    alert.hold_id = hold_id
    return hold_id
