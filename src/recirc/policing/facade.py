"""The only module other contexts import from policing. Everything returned is a contract."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from recirc.operators.contracts import OperatorScope
from recirc.policing import screening, selectors, services
from recirc.policing.contracts import AlertRef, CheckRef, IntakeFacts, ScreeningResult

__all__ = ["AlertRef", "CheckRef", "IntakeFacts", "ScreeningResult", "alert_counts", "alerts_for_item",
           "open_alert_total", "screen_intake", "watchlist_add"]


def screen_intake(*, actor: Any, facts: IntakeFacts) -> ScreeningResult:
    """Screen one intake inside the caller's transaction: the watchlist (exact on identifiers, then by
    description) and the suspicion rules. Alerts are created (notified after commit), an exact watchlist match
    puts the item on a watchlist hold, and a ScreeningRecord is kept for the repeat-seller rule. Every check
    made comes back (clear / hit / unverified) for the register to store."""
    return screening.screen_intake(actor=actor, facts=facts)


def alerts_for_item(item_id: int) -> list[AlertRef]:
    """Every alert about the item, newest first (unscoped: callers authorise their actors)."""
    return selectors.alerts_for_item(item_id)


def alert_counts(scope: OperatorScope) -> dict[str, int]:
    """Alerts per status ("open", "acknowledged", "closed") about items of operators in the scope."""
    return selectors.alert_counts(scope)


def open_alert_total(scope: OperatorScope) -> int:
    return selectors.open_alert_total(scope)


def watchlist_add(*, actor: Any, data: Mapping[str, Any], identifiers: Iterable[tuple[str, str]] = ()) -> int:
    """Record one article the police look for (police only); after commit it is matched against every item
    already registered. Returns the entry's id."""
    return int(services.watchlist_add(actor=actor, data=data, identifiers=identifiers).pk)


# --- read-only aggregates for the supervision statistics (policing/statistics.py) -------------------------
from recirc.policing.statistics import alerts_raised_daily, flagged_acquisitions_daily  # noqa: E402

__all__ += ["alerts_raised_daily", "flagged_acquisitions_daily"]
