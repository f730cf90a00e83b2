"""CSV and XLSX exports of an item list. Identifiers are masked; owners are never exported."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from recirc.items.identifiers import identifier_mask
from recirc.items.models import Item, ItemState
from recirc.items.selectors import operator_names

EXPORT_LIMIT = 50_000
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: Any) -> Any:
    """Spreadsheet programs run cells that start like formulas: neutralise them (CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _headers() -> list[str]:
    return [_("Passport code"), _("Title"), _("Category"), _("Brand"), _("Model"), _("State"), _("Operator"),
            _("Outlet number"), _("Identifiers (masked)"), _("Registered at")]


def _rows(items: Iterable[Item]) -> list[list[Any]]:
    items = list(items)
    names = operator_names(item.owner_operator_id for item in items)
    return [[item.code, item.title, item.category.code, item.brand, item.model_name, str(ItemState(item.state).label),
             names.get(item.owner_operator_id or 0, ""), item.outlet_id or "",
             "; ".join(f"{identifier.kind}:{identifier_mask(identifier.kind, identifier.value)}"
                       for identifier in item.identifiers.all()),
             timezone.localtime(item.created_at).strftime("%Y-%m-%d %H:%M")] for item in items]


def _filename(extension: str) -> str:
    return f"items-{timezone.localdate().isoformat()}.{extension}"


def items_export(items: Any, export_format: str) -> HttpResponse:
    rows = _rows(items.prefetch_related("identifiers")[:EXPORT_LIMIT])
    if export_format == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "items"
        sheet.append(_headers())
        for row in rows:
            sheet.append([_safe(value) for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
        response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
        return response
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(_headers())
    writer.writerows([[_safe(value) for value in row] for row in rows])
    response = HttpResponse("\ufeff" + text.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response
