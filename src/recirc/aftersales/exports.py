"""CSV and XLSX export of the after-sales queue (the cases the actor sees, with the queue's filters). Cells that
look like formulas are neutralised; people appear by display name only."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.core.tables import table_response

EXPORT_LIMIT = 50_000


def _moment(value: Any) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def headers() -> list[str]:
    return [_("Case"), _("Opened"), _("State"), _("Order"), _("Passport code"), _("Item"), _("Price (¥)"),
            _("Buyer"), _("Seller"), _("Next step owed by"), _("Due by"), _("Overdue since"), _("Refund")]


def rows(cases: Iterable[Any]) -> list[list[Any]]:
    return [[case.number, _moment(case.created_at), str(case.get_state_display()), case.warranty.order_number,
             case.warranty.item_code, case.warranty.title, str(case.warranty.price), str(case.buyer),
             case.seller_operator.name if case.seller_operator else str(case.seller_user or ""),
             str(case.get_due_party_display()) if case.due_party else "", _moment(case.due_at),
             _moment(case.overdue_at), getattr(case, "refund_number", "")] for case in cases]


def queue_export(cases: Any, export_format: str, kind: str) -> HttpResponse:
    return table_response(headers(), rows(cases[:EXPORT_LIMIT]), export_format, f"aftersales-{kind}")
