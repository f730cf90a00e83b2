"""A suspected counterfeit stays out of circulation while market supervision looks at it (商标法 Art. 60,
产品质量法 Art. 5: no sale of goods that counterfeit a trademark or a certification mark).

The inspection context opens a counterfeit referral when an inspection finds indicators; with it the item
gets a `counterfeit_referral` hold, which blocks listing, sale, auction, rental and shipping like any hold.
It is not a police matter: nobody releases it by hand. It ends when the referral is closed as "cleared"; a
confirmed or transferred referral leaves it in place (the goods are evidence, or another authority decides).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from recirc.items.erasure_gate import _text
from recirc.items.holds import _locked_item, _record, _user
from recirc.items.models import HoldKind, ItemHold
from recirc.items.selectors import active_hold_filter
from recirc.items.services import full_clean

PLACED_REASON = "Suspected counterfeit: referred to market supervision ({reference})."  # stored, source language
RELEASED_REASON = "Counterfeit referral cleared ({reference})."


@transaction.atomic
def counterfeit_hold_place(*, actor: Any, item_id: int, referral_ref: str) -> ItemHold:
    """Block the item while its counterfeit referral is open; idempotent while such a hold is active."""
    reference = _text(referral_ref, field="referral_ref", limit=80)
    item = _locked_item(item_id)
    now = timezone.now()
    existing = ItemHold.objects.filter(active_hold_filter(now), item=item, kind=HoldKind.COUNTERFEIT).first()
    if existing is not None:
        return existing
    reason = PLACED_REASON.format(reference=reference)
    hold = ItemHold(item=item, kind=HoldKind.COUNTERFEIT, reason=reason, placed_by=_user(actor), placed_at=now,
                    source_ref=reference)
    full_clean(hold)
    hold.save()
    _record(actor=actor, item=item, hold=hold, kind="hold_placed", reason=reason, ends_at=None)
    return hold


@transaction.atomic
def counterfeit_hold_release(*, actor: Any, item_id: int, referral_ref: str) -> list[ItemHold]:
    """End the item's counterfeit holds when its referral is cleared; returns those released ([]: none)."""
    reference = _text(referral_ref, field="referral_ref", limit=80)
    item = _locked_item(item_id)
    now = timezone.now()
    released = []
    for hold in ItemHold.objects.select_for_update().filter(active_hold_filter(now), item=item,
                                                            kind=HoldKind.COUNTERFEIT):
        reason = RELEASED_REASON.format(reference=reference)
        hold.released_at, hold.released_by, hold.release_reason = now, _user(actor), reason
        full_clean(hold)
        hold.save(update_fields=["released_at", "released_by", "release_reason"])
        _record(actor=actor, item=item, hold=hold, kind="hold_released", reason=reason)
        released.append(hold)
    return released
