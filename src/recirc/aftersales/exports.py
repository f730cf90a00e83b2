"""CSV and XLSX export of the after-sales queue (the cases the actor sees, with the queue's filters). Cells that
look like formulas are neutralised; people appear by display name only."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

EXPORT_LIMIT = 50_000
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


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
    header, body = headers(), rows(cases[:EXPORT_LIMIT])
    extension = "xlsx" if export_format == "xlsx" else "csv"
    filename = f"aftersales-{kind}-{timezone.localdate().isoformat()}.{extension}"
    if extension == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = kind[:31]
        sheet.append(header)
        for row in body:
            sheet.append([safe(value) for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    else:
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(header)
        writer.writerows([[safe(value) for value in row] for row in body])
        response = HttpResponse("\ufeff" + text.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
