"""Police writes: watchlist entries (one by one or imported), alert acknowledgement and closing, case notes,
holds from the portal. Every one is for the police role only, runs in one transaction with its audit event,
and changes nothing when it refuses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.catalog.facade import category_get
from recirc.core.audit import audit_record
from recirc.core.errors import NotFound, ValidationFailed, validation_from_django
from recirc.items.facade import HoldRef, hold_extend, hold_place, hold_release, identifier_normalise
from recirc.policing import tasks
from recirc.policing.bulk import insert_all, insert_rows
from recirc.policing.errors import (
    AlertNotFound,
    AlertTransitionNotAllowed,
    CaseNoteInvalid,
    WatchlistEntryInvalid,
    WatchlistEntryNotFound,
    WatchlistEntryTooVague,
    WatchlistEntryWithdrawn,
)
from recirc.policing.index import index_profiles, unindex_entry
from recirc.policing.models import (
    ALERT_TRANSITIONS,
    Alert,
    AlertResolution,
    AlertStatus,
    CaseNote,
    WatchlistEntry,
    WatchlistIdentifier,
    WatchlistKind,
    WatchlistSource,
    WatchlistStatus,
)
from recirc.policing.policy import require_police
from recirc.policing.text import Profile, brand_key, profile_of

RESCREEN_CHUNK = 20_000  # entries matched in one pass over the registrations (an in-memory index each)
WATCHLIST_KINDS = frozenset(WatchlistKind.values)
TEXT_FIELDS = {"case_number": 64, "reporting_unit": 120, "description": 2000, "category_code": 64, "brand": 60,
               "model_name": 80, "colour": 40}


@dataclass(frozen=True)
class PreparedEntry:
    """A validated watchlist entry, not yet saved."""

    fields: dict[str, str]
    identifiers: tuple[tuple[str, str], ...]


def _identifier_errors(pairs: Iterable[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[str]]:
    cleaned, errors = [], []
    for kind, value in pairs:
        if not str(value or "").strip():
            continue
        try:
            pair = identifier_normalise(kind, str(value))
        except ValidationFailed as error:
            errors.append(f"{kind}: {error.text()}")
            continue
        if pair not in cleaned:
            cleaned.append(pair)
    return cleaned, errors


def _field_errors(fields: dict[str, str]) -> dict[str, list[Any]]:
    errors: dict[str, list[Any]] = {}
    for name in ("case_number", "reporting_unit"):
        if not fields[name]:
            errors[name] = [_("This field is required.")]
    for name, limit in TEXT_FIELDS.items():
        if len(fields[name]) > limit:
            errors.setdefault(name, []).append(_("At most %(limit)s characters.") % {"limit": limit})
    if fields["kind"] not in WATCHLIST_KINDS:
        errors["kind"] = [_("Choose stolen, lost, wanted or seized.")]
    if fields["category_code"]:
        try:
            category_get(fields["category_code"])
        except NotFound:
            errors["category_code"] = [_("Unknown category code.")]
    return errors


def entry_prepare(data: Mapping[str, Any], identifiers: Iterable[tuple[str, str]]) -> PreparedEntry:
    """Validate one entry (form, API or import row); ValidationFailed with per-field errors otherwise."""
    fields = {name: " ".join(str(data.get(name) or "").split()) for name in TEXT_FIELDS}
    fields["description"] = str(data.get("description") or "").strip()
    fields["kind"] = str(data.get("kind") or WatchlistKind.STOLEN).strip().lower()
    errors = _field_errors(fields)
    pairs, identifier_errors = _identifier_errors(identifiers)
    if identifier_errors:
        errors["identifiers"] = identifier_errors
    if errors:
        raise WatchlistEntryInvalid(errors=errors)
    if not pairs and not (fields["description"] and (fields["brand"] or fields["model_name"])):
        raise WatchlistEntryTooVague(field="identifiers")
    return PreparedEntry(fields=fields, identifiers=tuple(pairs))


def _entry_row(prepared: PreparedEntry, *, actor: Any, source: str) -> tuple[WatchlistEntry, Profile]:
    """The entry (not saved) and its description profile, which the index takes as it is."""
    fields = prepared.fields
    profile = profile_of(brand=fields["brand"], model_name=fields["model_name"], colour=fields["colour"],
                         description=fields["description"])
    entry = WatchlistEntry(**fields, brand_key=brand_key(fields["brand"])[:60], match_tokens=profile.dump(),
                           source=source, created_by=actor if getattr(actor, "is_authenticated", False) else None)
    return entry, profile


def _save_entries(rows: list[tuple[WatchlistEntry, Profile]], prepared: Sequence[PreparedEntry]) -> None:
    """The saved entries' identifiers and description index; after commit, matching against the past."""
    insert_rows(WatchlistIdentifier, ("entry_id", "kind", "value"),
                [(entry.pk, kind, value)
                 for (entry, _profile), item in zip(rows, prepared, strict=True) for kind, value in item.identifiers])
    index_profiles((entry.pk, profile) for entry, profile in rows)
    ids = [entry.pk for entry, _profile in rows]
    for start in range(0, len(ids), RESCREEN_CHUNK):
        chunk = ids[start:start + RESCREEN_CHUNK]
        transaction.on_commit(lambda chunk=chunk: tasks.watchlist_rescreen_batch.delay(chunk))  # type: ignore[misc]


@transaction.atomic
def watchlist_add(*, actor: Any, data: Mapping[str, Any], identifiers: Iterable[tuple[str, str]] = (),
                  source: str = WatchlistSource.MANUAL) -> WatchlistEntry:
    """Record one article the police look for; after commit it is matched against past registrations."""
    require_police(actor)
    prepared = entry_prepare(data, identifiers)
    entry, profile = _entry_row(prepared, actor=actor, source=source)
    try:
        entry.full_clean()
    except DjangoValidationError as error:
        raise validation_from_django(error, code=WatchlistEntryInvalid.code) from error
    entry.save()
    _save_entries([(entry, profile)], [prepared])
    audit_record(actor=actor, action="policing.watchlist_added", target=entry,
                 payload={"case_number": entry.case_number, "kind": entry.kind, "source": source,
                          "identifier_kinds": sorted({kind for kind, _value in prepared.identifiers})})
    return entry


@transaction.atomic
def watchlist_import_save(*, actor: Any, prepared: Sequence[PreparedEntry], file_name: str) -> list[WatchlistEntry]:
    """Save validated rows in bulk (imports.py validates the file first: all rows or none)."""
    require_police(actor)
    rows = [_entry_row(item, actor=actor, source=WatchlistSource.IMPORT) for item in prepared]
    entries = insert_all([entry for entry, _profile in rows])
    _save_entries(rows, prepared)
    audit_record(actor=actor, action="policing.watchlist_imported",
                 payload={"file": file_name[:120], "count": len(entries),
                          "first_id": entries[0].pk if entries else None,
                          "last_id": entries[-1].pk if entries else None})
    return entries


def active_duplicates(prepared: Sequence[PreparedEntry]) -> dict[tuple[str, str, str], int]:
    """(case number, kind, value) already on an active entry -> that entry's id."""
    values = {value for item in prepared for _kind, value in item.identifiers}
    if not values:
        return {}
    found: dict[tuple[str, str, str], int] = {}
    rows = (WatchlistIdentifier.objects.filter(value__in=values, entry__status=WatchlistStatus.ACTIVE)
            .values_list("entry__case_number", "kind", "value", "entry_id"))
    for case_number, kind, value, entry_id in rows:
        found[(case_number, kind, value)] = entry_id
    return found


@transaction.atomic
def watchlist_withdraw(*, actor: Any, entry_id: int, reason: str) -> WatchlistEntry:
    """Take an entry off the watchlist (the item was found, the case closed). Alerts already raised stay."""
    require_police(actor)
    entry = WatchlistEntry.objects.select_for_update().filter(pk=entry_id).first()
    if entry is None:
        raise WatchlistEntryNotFound()
    if entry.status == WatchlistStatus.WITHDRAWN:
        raise WatchlistEntryWithdrawn()
    reason = " ".join((reason or "").split())
    if not reason or len(reason) > 500:
        raise ValidationFailed(_("Say why the entry is withdrawn (at most 500 characters)."), field="reason",
                               code="policing.withdrawal_reason_required")
    entry.status, entry.withdrawn_at, entry.withdrawn_by = WatchlistStatus.WITHDRAWN, timezone.now(), actor
    entry.withdrawal_reason = reason
    entry.save(update_fields=["status", "withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    unindex_entry(entry)
    audit_record(actor=actor, action="policing.watchlist_withdrawn", target=entry,
                 payload={"case_number": entry.case_number, "reason": reason})
    return entry


def _locked_alert(alert_id: int) -> Alert:
    alert = Alert.objects.select_for_update().filter(pk=alert_id).first()
    if alert is None:
        raise AlertNotFound()
    return alert


def can_change_status(from_status: str, to_status: str) -> bool:
    return to_status in ALERT_TRANSITIONS.get(from_status, frozenset())


def _move(alert: Alert, to_status: str) -> None:
    if not can_change_status(alert.status, to_status):
        raise AlertTransitionNotAllowed(params={"from_status": AlertStatus(alert.status).label,
                                                "to_status": AlertStatus(to_status).label})
    alert.status = to_status


@transaction.atomic
def alert_acknowledge(*, actor: Any, alert_id: int) -> Alert:
    """The police have seen the alert and are on it."""
    require_police(actor)
    alert = _locked_alert(alert_id)
    _move(alert, AlertStatus.ACKNOWLEDGED)
    alert.acknowledged_at, alert.acknowledged_by = timezone.now(), actor
    alert.save(update_fields=["status", "acknowledged_at", "acknowledged_by"])
    audit_record(actor=actor, action="policing.alert_acknowledged", target=alert, operator_id=alert.operator_id)
    return alert


@transaction.atomic
def alert_close(*, actor: Any, alert_id: int, resolution: str, note: str = "") -> Alert:
    """Close an open or acknowledged alert with its outcome (and an optional case note)."""
    require_police(actor)
    if resolution not in AlertResolution.values:
        raise ValidationFailed(_("Choose how the alert was resolved."), field="resolution",
                               code="policing.resolution_required")
    alert = _locked_alert(alert_id)
    _move(alert, AlertStatus.CLOSED)
    alert.closed_at, alert.closed_by, alert.resolution = timezone.now(), actor, resolution
    alert.save(update_fields=["status", "closed_at", "closed_by", "resolution"])
    if note.strip():
        _note(actor=actor, alert=alert, text=note)
    audit_record(actor=actor, action="policing.alert_closed", target=alert, operator_id=alert.operator_id,
                 payload={"resolution": resolution})
    return alert


def _note(*, actor: Any, alert: Alert, text: str) -> CaseNote:
    text = (text or "").strip()
    if not text or len(text) > 2000:
        raise CaseNoteInvalid(field="text")
    return CaseNote.objects.create(alert=alert, author=actor, text=text)


@transaction.atomic
def case_note_add(*, actor: Any, alert_id: int, text: str) -> CaseNote:
    require_police(actor)
    alert = _locked_alert(alert_id)
    note = _note(actor=actor, alert=alert, text=text)
    audit_record(actor=actor, action="policing.case_note_added", target=alert, operator_id=alert.operator_id,
                 payload={"note_id": note.pk})
    return note


@transaction.atomic
def alert_hold_place(*, actor: Any, alert_id: int, order_number: str, ends_at: dt.datetime | None,
                     reason: str) -> HoldRef:
    """A police hold order on the alert's item (items.facade enforces the order number and the longest end)."""
    require_police(actor)
    alert = _locked_alert(alert_id)
    hold = hold_place(actor=actor, item_id=alert.item_id, kind="police", reason=reason, ends_at=ends_at,
                      order_number=order_number, source_ref=f"policing.alert:{alert.pk}")
    if alert.hold_id is None:
        alert.hold_id = hold.id
        alert.save(update_fields=["hold_id"])
    audit_record(actor=actor, action="policing.alert_hold_placed", target=alert, operator_id=alert.operator_id,
                 payload={"hold_id": hold.id, "order_number": hold.order_number})
    return hold


def police_hold_extend(*, actor: Any, hold_id: int, ends_at: dt.datetime, reason: str) -> HoldRef:
    require_police(actor)
    return hold_extend(actor=actor, hold_id=hold_id, ends_at=ends_at, reason=reason)


def police_hold_release(*, actor: Any, hold_id: int, reason: str) -> HoldRef:
    require_police(actor)
    return hold_release(actor=actor, hold_id=hold_id, reason=reason)

