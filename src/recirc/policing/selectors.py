"""Police reads. Alerts, the watchlist and case notes are for the police only: for anyone else a list is
empty and a single object is NotFound (missing and forbidden answer the same)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from recirc.operators.contracts import OperatorScope
from recirc.policing.contracts import AlertRef
from recirc.policing.errors import AlertNotFound, WatchlistEntryNotFound
from recirc.policing.models import Alert, AlertStatus, CaseNote, WatchlistEntry, WatchlistStatus
from recirc.policing.policy import is_police
from recirc.policing.refs import alert_ref


def alert_list(actor: Any, *, status: str = "", kind: str = "", operator: int | None = None,
               item: int | None = None) -> QuerySet[Alert]:
    """Newest first; filtered by status, kind, operator and item."""
    if not is_police(actor):
        return Alert.objects.none()
    queryset = Alert.objects.select_related("watchlist_entry", "item", "operator")
    if status:
        queryset = queryset.filter(status=status)
    if kind:
        queryset = queryset.filter(kind=kind)
    if operator:
        queryset = queryset.filter(operator_id=operator)
    if item:
        queryset = queryset.filter(item_id=item)
    return queryset.order_by("-created_at", "-id")


def alert_get(actor: Any, alert_id: int) -> Alert:
    alert = alert_list(actor).filter(pk=alert_id).first()
    if alert is None:
        raise AlertNotFound()
    return alert


def case_notes(alert: Alert) -> list[CaseNote]:
    return list(alert.notes.select_related("author").order_by("created_at", "id"))


def alert_status_counts(actor: Any) -> dict[str, int]:
    """Alerts per status for the police queue's tabs (every status present, zero when none)."""
    counts = {status: 0 for status in AlertStatus.values}
    if is_police(actor):
        for row in Alert.objects.order_by().values("status").annotate(total=Count("id")):
            counts[row["status"]] = row["total"]
    return counts


def _scoped(scope: OperatorScope) -> QuerySet[Alert]:
    alerts = Alert.objects.all()
    return alerts if scope.city_wide else alerts.filter(operator_id__in=scope.operator_ids)


def alert_counts(scope: OperatorScope) -> dict[str, int]:
    counts = {status: 0 for status in AlertStatus.values}
    for row in _scoped(scope).order_by().values("status").annotate(total=Count("id")):
        counts[row["status"]] = row["total"]
    return counts


def open_alert_total(scope: OperatorScope) -> int:
    return _scoped(scope).filter(status=AlertStatus.OPEN).count()


def alerts_for_item(item_id: int) -> list[AlertRef]:
    return [alert_ref(alert) for alert in Alert.objects.filter(item_id=item_id).order_by("-created_at", "-id")]


def watchlist_list(actor: Any, *, query: str = "", status: str = WatchlistStatus.ACTIVE,
                   kind: str = "") -> QuerySet[WatchlistEntry]:
    """Search by case number, reporting unit, brand, model, description or identifier (any notation)."""
    if not is_police(actor):
        return WatchlistEntry.objects.none()
    queryset = WatchlistEntry.objects.all()
    if status:
        queryset = queryset.filter(status=status)
    if kind:
        queryset = queryset.filter(kind=kind)
    text = " ".join((query or "").split())
    if text:
        compact = "".join(text.split()).replace("-", "").upper()
        queryset = queryset.filter(
            Q(case_number__icontains=text) | Q(reporting_unit__icontains=text) | Q(brand__icontains=text)
            | Q(model_name__icontains=text) | Q(description__icontains=text)
            | Q(identifiers__value__icontains=compact)).distinct()
    return queryset.prefetch_related("identifiers").order_by("-created_at", "-id")


def watchlist_get(actor: Any, entry_id: int) -> WatchlistEntry:
    entry = watchlist_list(actor, status="").filter(pk=entry_id).first()
    if entry is None:
        raise WatchlistEntryNotFound()
    return entry
