"""The "not erased, not sold" gate (GB 46864-2025; DESIGN.md invariant 3).

A device with data storage gets an erasure hold together with its passport. The hold blocks listing, sale,
auction, rental and shipping like any hold, but it is not a police matter: nobody releases it by hand. The
erasure context releases it when an erasure is verified by a second person (`erasure_gate_release`), and
opens it again when a re-verification sample fails (`erasure_gate_reopen`).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recirc.core.errors import ValidationFailed
from recirc.items.holds import _locked_item, _record, _user
from recirc.items.models import HoldKind, Item, ItemHold
from recirc.items.selectors import active_hold_filter
from recirc.items.services import full_clean

OPENED_REASON = "A device with data storage: erasure must be verified before sale."  # stored, source language


def _text(value: str, *, field: str, limit: int) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise ValidationFailed(_("This field is required."), field=field, code="items.erasure_gate_invalid")
    if len(text) > limit:
        raise ValidationFailed(_("Use at most %(limit)s characters."), field=field, params={"limit": limit},
                               code="items.erasure_gate_invalid")
    return text


def erasure_hold_row(*, actor: Any, item: Item, reason: str = OPENED_REASON, source_ref: str = "") -> ItemHold:
    """The erasure hold of the gate, checked and not yet saved (a passport being taken in inserts it together
    with its statutory hold)."""
    hold = ItemHold(item=item, kind=HoldKind.ERASURE, reason=reason, placed_by=_user(actor),
                    placed_at=timezone.now(), source_ref=source_ref)
    full_clean(hold)
    return hold


def erasure_hold_open(*, actor: Any, item: Item, reason: str = OPENED_REASON, source_ref: str = "",
                      new_item: bool = False) -> ItemHold:
    """Open the gate on a locked item; idempotent while an erasure hold is active. For a passport being
    registered (`new_item`) the "registered" event already says so: no event of its own, no look-up."""
    now = timezone.now()
    existing = None if new_item else (ItemHold.objects.filter(active_hold_filter(now), item=item,
                                                              kind=HoldKind.ERASURE).first())
    if existing is not None:
        return existing
    hold = erasure_hold_row(actor=actor, item=item, reason=reason, source_ref=source_ref)
    hold.save()
    if not new_item:
        _record(actor=actor, item=item, hold=hold, kind="hold_placed", reason=reason, ends_at=None)
    return hold


@transaction.atomic
def erasure_gate_release(*, actor: Any, item_id: int, certificate_ref: str) -> list[ItemHold]:
    """Close every active erasure hold of the item, naming the erasure certificate that verified it.
    The erasure context calls this only after a verified erasure; returns the holds released ([]: none)."""
    reference = _text(certificate_ref, field="certificate_ref", limit=80)
    item = _locked_item(item_id)
    now = timezone.now()
    released = []
    for hold in ItemHold.objects.select_for_update().filter(active_hold_filter(now), item=item,
                                                            kind=HoldKind.ERASURE):
        reason = f"Erasure verified: {reference}"
        hold.released_at, hold.released_by, hold.release_reason = now, _user(actor), reason
        full_clean(hold)
        hold.save(update_fields=["released_at", "released_by", "release_reason"])
        _record(actor=actor, item=item, hold=hold, kind="hold_released", reason=reason)
        released.append(hold)
    return released


@transaction.atomic
def erasure_gate_reopen(*, actor: Any, item_id: int, reason: str, source_ref: str) -> ItemHold:
    """Block the item again (a failed re-verification, say); idempotent while an erasure hold is active."""
    cleaned_reason = _text(reason, field="reason", limit=500)
    reference = _text(source_ref, field="source_ref", limit=80)
    return erasure_hold_open(actor=actor, item=_locked_item(item_id), reason=cleaned_reason, source_ref=reference)


def erasure_gate_is_open(item_id: int) -> bool:
    """True while the item waits for a verified erasure."""
    return ItemHold.objects.filter(active_hold_filter(timezone.now()), item_id=item_id,
                                   kind=HoldKind.ERASURE).exists()
