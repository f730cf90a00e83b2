"""CSV and XLSX export of the alert queue (police only). Cells that look like formulas are neutralised."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.core.tables import table_response
from recirc.operators.facade import operator_refs
from recirc.policing.models import Alert, AlertKind, AlertStatus
from recirc.policing.reasons import reason_text

EXPORT_LIMIT = 50_000


def _headers() -> list[str]:
    return [_("Alert"), _("Raised at"), _("Kind"), _("Status"), _("Score"), _("Passport code"), _("Item"),
            _("Operator"), _("Case number"), _("Reason"), _("Source")]


def _rows(alerts: Iterable[Alert]) -> list[list[Any]]:
    alerts = list(alerts)
    names = {pk: ref.name for pk, ref in operator_refs({a.operator_id for a in alerts if a.operator_id}).items()}
    return [[alert.pk, timezone.localtime(alert.created_at).strftime("%Y-%m-%d %H:%M"),
             str(AlertKind(alert.kind).label), str(AlertStatus(alert.status).label), str(alert.score),
             alert.item.code, alert.item.title, names.get(alert.operator_id or 0, ""),
             alert.watchlist_entry.case_number if alert.watchlist_entry else "",
             reason_text(alert.reason_code, alert.reason_params), alert.source_ref] for alert in alerts]


def alerts_export(alerts: Any, export_format: str) -> HttpResponse:
    return table_response(_headers(), _rows(alerts[:EXPORT_LIMIT]), export_format, "alerts")
