"""Contracts built from policing rows."""

from __future__ import annotations

from recirc.policing.contracts import AlertRef
from recirc.policing.models import Alert
from recirc.policing.reasons import reason_text


def alert_ref(alert: Alert) -> AlertRef:
    return AlertRef(id=alert.pk, kind=alert.kind, status=alert.status, item_id=alert.item_id,
                    operator_id=alert.operator_id, watchlist_entry_id=alert.watchlist_entry_id, score=alert.score,
                    reason=reason_text(alert.reason_code, alert.reason_params), source_ref=alert.source_ref,
                    hold_id=alert.hold_id, created_at=alert.created_at)
