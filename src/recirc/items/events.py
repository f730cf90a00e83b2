"""How event kinds read on pages. Other contexts add kinds freely; unknown kinds show their own name."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from recirc.items.models import ItemState

EVENT_KIND_LABELS: dict[str, Any] = {
    "registered": _("Passport created"),
    "state_changed": _("State changed"),
    "moved": _("Moved to another outlet"),
    "acquired": _("Acquired"),
    "inspected": _("Inspected"),
    "graded": _("Graded"),
    "authenticated": _("Authenticated"),
    "erased": _("Data erased"),
    "repaired": _("Repaired"),
    "refurbished": _("Refurbished"),
    "listed": _("Listed for sale"),
    "sold": _("Sold"),
    "sale_reversed": _("Returned after sale"),
    "rented": _("Rented out"),
    "consigned": _("Taken in on consignment"),
    "watchlist_checked": _("Checked against the stolen-goods watchlist"),
    "hold_placed": _("Hold placed"),
    "hold_extended": _("Hold extended"),
    "hold_released": _("Hold released"),
    "erasure_failed": _("Data erasure failed verification"),
    "counterfeit_referred": _("Referred to market supervision as a suspected counterfeit"),
    "counterfeit_referral_closed": _("Counterfeit referral closed"),
}


def event_label(kind: str, to_state: str = "") -> str:
    if kind == "state_changed" and to_state in ItemState.values:
        return str(ItemState(to_state).label)
    label = EVENT_KIND_LABELS.get(kind)
    return str(label) if label is not None else kind.replace("_", " ").replace(".", " · ")
