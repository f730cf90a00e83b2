"""Hold writes: place, extend, release, expire. Each runs in one transaction with its private ItemEvent and
its audit event, and locks the item row first (the same lock as item_transition, so a hold and a listing
cannot race past each other).

Police and watchlist holds move the item to ON_HOLD and remember the state it left (`prior_state`, shared by
every hold of one hold episode); releasing the last of them restores that state. Statutory holds change no
state: they block circulation until `ends_at`. Hold events are never public: the passport does not reveal
police activity.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.core.audit import audit_record
from recirc.core.errors import ValidationFailed
from recirc.items.errors import HoldAlreadyReleased, HoldForbidden, HoldNotFound, HoldNotPossible, ItemNotFound
from recirc.items.models import (
    POLICE_MATTER_HOLD_KINDS,
    STATE_CHANGING_HOLD_KINDS,
    HoldKind,
    Item,
    ItemHold,
    ItemState,
)
from recirc.items.policy import CIRCULATING_STATES, FINAL_STATES, may_hold_from, may_manage_holds, may_place_hold
from recirc.items.selectors import active_hold_filter, hold_is_active, item_circulation_blockers
from recirc.items.services import acting_operator, event_append, full_clean, state_change

EXPIRED_REASON = "The hold order expired."  # stored data, in the source language like every stored reason


def police_hold_max_days() -> int:
    """RECIRC_POLICY["POLICE_HOLD_MAX_DAYS"]: the longest police hold order (and extension), default 30 days."""
    return int(getattr(settings, "RECIRC_POLICY", {}).get("POLICE_HOLD_MAX_DAYS", 30))


@dataclass(frozen=True)
class Placement:
    reason: str
    order_number: str
    ends_at: dt.datetime | None
    source_ref: str


def _user(actor: Any) -> Any:
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _required_text(value: str, *, field: str, limit: int, errors: dict[str, list[Any]]) -> str:
    text = " ".join((value or "").split())
    if not text:
        errors.setdefault(field, []).append(_("This field is required."))
    elif len(text) > limit:
        errors.setdefault(field, []).append(_("Use at most %(limit)s characters.") % {"limit": limit})
    return text


def _placement_end(kind: str, ends_at: dt.datetime | None, now: dt.datetime, errors: dict[str, list[Any]]
                   ) -> dt.datetime | None:
    longest = now + dt.timedelta(days=police_hold_max_days())
    if kind == HoldKind.POLICE and ends_at is None:
        return longest
    if kind == HoldKind.STATUTORY and ends_at is None:
        errors.setdefault("ends_at", []).append(_("A statutory hold needs an end."))
    elif ends_at is not None and ends_at <= now:
        errors.setdefault("ends_at", []).append(_("The end must lie in the future."))
    elif kind == HoldKind.POLICE and ends_at is not None and ends_at > longest:
        errors.setdefault("ends_at", []).append(_("A police hold order lasts at most %(days)s days.")
                                                % {"days": police_hold_max_days()})
    return ends_at


def _placement(*, kind: str, reason: str, ends_at: dt.datetime | None, order_number: str, source_ref: str,
               now: dt.datetime) -> Placement:
    """The cleaned request, or one ValidationFailed naming every problem."""
    errors: dict[str, list[Any]] = {}
    cleaned_reason = _required_text(reason, field="reason", limit=500, errors=errors)
    order = " ".join((order_number or "").split())
    if kind == HoldKind.POLICE and not order:
        errors.setdefault("order_number", []).append(_("A police hold needs the order number."))
    elif len(order) > 60:
        errors.setdefault("order_number", []).append(_("Use at most %(limit)s characters.") % {"limit": 60})
    end = _placement_end(kind, ends_at, now, errors)
    if len(source_ref or "") > 80:
        errors.setdefault("source_ref", []).append(_("Use at most %(limit)s characters.") % {"limit": 80})
    if errors:
        raise ValidationFailed(code="items.hold_invalid", errors=errors)
    return Placement(reason=cleaned_reason, order_number=order, ends_at=end, source_ref=(source_ref or "").strip())


def _locked_item(item_id: int) -> Item:
    item = Item.objects.select_for_update().filter(pk=item_id).first()
    if item is None:
        raise ItemNotFound()
    return item


def _locked_hold(hold_id: int) -> tuple[Item, ItemHold]:
    """The hold and its item, both locked (item first, like every item write)."""
    found = ItemHold.objects.filter(pk=hold_id).values_list("item_id", flat=True).first()
    if found is None:
        raise HoldNotFound()
    item = _locked_item(found)
    return item, ItemHold.objects.select_for_update().get(pk=hold_id)


def statutory_hold_row(item: Item, *, ends_at: dt.datetime, reason: str, source_ref: str) -> ItemHold:
    """A statutory hold placed by the system on a passport being taken in (services.item_take_in), checked
    like hold_place checks it and not yet saved."""
    now = timezone.now()
    placement = _placement(kind=HoldKind.STATUTORY, reason=reason, ends_at=ends_at, order_number="",
                           source_ref=source_ref, now=now)
    if not may_hold_from(item.state, HoldKind.STATUTORY):
        raise HoldNotPossible(params={"state": ItemState(item.state).label})
    hold = ItemHold(item=item, kind=HoldKind.STATUTORY, reason=placement.reason, placed_by=None, placed_at=now,
                    ends_at=placement.ends_at, source_ref=placement.source_ref)
    full_clean(hold)
    return hold


def _episode_prior_state(item: Item, now: dt.datetime) -> str:
    """The state a new state-changing hold takes the item from: its state, or (already on hold) the state
    the current hold episode left; unknown ("") when the item was put on hold by hand."""
    if item.state != ItemState.ON_HOLD:
        return str(item.state)
    first = (ItemHold.objects.filter(active_hold_filter(now), item=item, kind__in=STATE_CHANGING_HOLD_KINDS)
             .order_by("placed_at", "id").first())
    return first.prior_state if first is not None else ""


def _record(*, actor: Any, item: Item, hold: ItemHold, kind: str, reason: str, **extra: Any) -> None:
    data = {"hold_id": hold.pk, "hold_kind": hold.kind, "reason": reason, **extra}
    event_append(item=item, kind=kind, actor=actor, operator_id=acting_operator(actor, item), is_public=False,
                 data=data)
    audit_record(actor=actor, action=f"item.{kind}", target=hold, operator_id=item.owner_operator_id,
                 payload={"code": item.code, "hold_id": hold.pk, "kind": hold.kind,
                          **{key: value for key, value in extra.items() if key.startswith("ends_at")}})


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


@transaction.atomic
def hold_place(*, actor: Any, item_id: int, kind: str, reason: str, ends_at: dt.datetime | None = None,
               order_number: str = "", source_ref: str = "") -> ItemHold:
    """Place a hold. Police holds: a police officer, an order number, an end within POLICE_HOLD_MAX_DAYS
    (default: the longest). Watchlist and statutory holds: the system (actor None) or the police; a
    statutory hold needs an end. Idempotent per (item, kind, source_ref) while that hold is active."""
    if kind not in HoldKind.values:
        raise ValidationFailed(_("Unknown kind of hold."), field="kind", code="items.hold_kind_unknown")
    if not may_place_hold(actor, kind):
        raise HoldForbidden()
    now = timezone.now()
    placement = _placement(kind=kind, reason=reason, ends_at=ends_at, order_number=order_number,
                           source_ref=source_ref, now=now)
    item = _locked_item(item_id)
    if placement.source_ref:
        existing = ItemHold.objects.filter(active_hold_filter(now), item=item, kind=kind,
                                           source_ref=placement.source_ref).first()
        if existing is not None:
            return existing
    if not may_hold_from(item.state, kind):
        raise HoldNotPossible(params={"state": ItemState(item.state).label})
    changes_state = kind in STATE_CHANGING_HOLD_KINDS
    hold = ItemHold(item=item, kind=kind, reason=placement.reason, order_number=placement.order_number,
                    placed_by=_user(actor), placed_at=now, ends_at=placement.ends_at, source_ref=placement.source_ref,
                    prior_state=_episode_prior_state(item, now) if changes_state else "")
    full_clean(hold)
    hold.save()
    _record(actor=actor, item=item, hold=hold, kind="hold_placed", reason=placement.reason,
            ends_at=_iso(hold.ends_at))
    if changes_state and item.state != ItemState.ON_HOLD:
        state_change(actor=actor, item=item, to_state=ItemState.ON_HOLD, data={"hold_id": hold.pk})
    return hold


def _extension_end(hold: ItemHold, ends_at: dt.datetime | None, now: dt.datetime) -> dt.datetime:
    if hold.ends_at is None:
        raise ValidationFailed(_("This hold lasts until it is released: there is no end to extend."),
                               field="ends_at", code="items.hold_end_invalid")
    if ends_at is None or ends_at <= max(hold.ends_at, now):
        raise ValidationFailed(_("The new end must lie after the current end and in the future."),
                               field="ends_at", code="items.hold_end_invalid")
    days = police_hold_max_days()
    if hold.kind == HoldKind.POLICE and ends_at > max(hold.ends_at, now) + dt.timedelta(days=days):
        raise ValidationFailed(_("A police hold order may be extended by at most %(days)s days at a time.")
                               % {"days": days}, field="ends_at", code="items.hold_end_invalid")
    return ends_at


@transaction.atomic
def hold_extend(*, actor: Any, hold_id: int, ends_at: dt.datetime, reason: str) -> ItemHold:
    """Move an active hold's end later (the police only; a police hold by at most POLICE_HOLD_MAX_DAYS)."""
    if not may_manage_holds(actor):
        raise HoldForbidden()
    item, hold = _locked_hold(hold_id)
    if hold.kind not in POLICE_MATTER_HOLD_KINDS:
        raise HoldForbidden()  # an erasure hold ends with a verified erasure, never by hand
    now = timezone.now()
    if not hold_is_active(hold, now):
        raise HoldAlreadyReleased()
    errors: dict[str, list[Any]] = {}
    cleaned_reason = _required_text(reason, field="reason", limit=500, errors=errors)
    if errors:
        raise ValidationFailed(code="items.hold_invalid", errors=errors)
    previous = hold.ends_at
    hold.ends_at = _extension_end(hold, ends_at, now)
    full_clean(hold)
    hold.save(update_fields=["ends_at"])
    _record(actor=actor, item=item, hold=hold, kind="hold_extended", reason=cleaned_reason,
            ends_at_before=_iso(previous), ends_at=_iso(hold.ends_at))
    return hold


def _restore_state(*, actor: Any, item: Item, hold: ItemHold, now: dt.datetime) -> None:
    """After a state-changing hold ends: when it was the last one and the item is still on hold, return the
    item to the state the episode left (IN_STOCK when unknown, final, or circulating but still blocked).
    This is the one way out of ON_HOLD that ITEM_TRANSITIONS does not list."""
    if hold.kind not in STATE_CHANGING_HOLD_KINDS or item.state != ItemState.ON_HOLD:
        return
    if ItemHold.objects.filter(active_hold_filter(now), item=item, kind__in=STATE_CHANGING_HOLD_KINDS).exists():
        return
    target = hold.prior_state or ItemState.IN_STOCK
    if target in FINAL_STATES or target == ItemState.ON_HOLD:
        target = ItemState.IN_STOCK
    if target in CIRCULATING_STATES and item_circulation_blockers(item.pk, now=now):
        target = ItemState.IN_STOCK
    state_change(actor=actor, item=item, to_state=target, data={"hold_id": hold.pk})


def _release(*, actor: Any, item: Item, hold: ItemHold, reason: str, now: dt.datetime) -> ItemHold:
    hold.released_at, hold.released_by, hold.release_reason = now, _user(actor), reason
    full_clean(hold)
    hold.save(update_fields=["released_at", "released_by", "release_reason"])
    _record(actor=actor, item=item, hold=hold, kind="hold_released", reason=reason)
    _restore_state(actor=actor, item=item, hold=hold, now=now)
    return hold


@transaction.atomic
def hold_release(*, actor: Any, hold_id: int, reason: str) -> ItemHold:
    """Release an active hold (the police only). Releasing the last police or watchlist hold restores the
    state the item had before it was put on hold."""
    if not may_manage_holds(actor):
        raise HoldForbidden()
    item, hold = _locked_hold(hold_id)
    if hold.kind not in POLICE_MATTER_HOLD_KINDS:
        raise HoldForbidden()  # an erasure hold ends with a verified erasure, never by hand
    now = timezone.now()
    if not hold_is_active(hold, now):
        raise HoldAlreadyReleased()
    errors: dict[str, list[Any]] = {}
    cleaned_reason = _required_text(reason, field="reason", limit=500, errors=errors)
    if errors:
        raise ValidationFailed(code="items.hold_invalid", errors=errors)
    return _release(actor=actor, item=item, hold=hold, reason=cleaned_reason, now=now)


def holds_expire_due(*, now: dt.datetime | None = None) -> list[ItemHold]:
    """Release (as the system) every police or watchlist hold whose end has passed, one transaction each.
    Statutory holds need nothing: they stop blocking at their end. Idempotent; for a periodic task."""
    moment = now or timezone.now()
    due = list(ItemHold.objects.filter(released_at__isnull=True, kind__in=STATE_CHANGING_HOLD_KINDS,
                                       ends_at__lte=moment).order_by("id").values_list("pk", flat=True))
    released = []
    for hold_id in due:
        with transaction.atomic():
            item, hold = _locked_hold(hold_id)
            if hold.released_at is None:
                released.append(_release(actor=None, item=item, hold=hold, reason=EXPIRED_REASON, now=moment))
    return released
