"""Tables for people to download: CSV (UTF-8 with a byte-order mark, so Excel reads Chinese) or XLSX, one sheet,
a heading row. Cells that a spreadsheet would run as a formula (=, +, -, @, tab, return) are neutralised with
a leading apostrophe (CSV injection). openpyxl is imported when a workbook is made: importing it loads numpy,
which web workers that never export need not carry."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils import timezone

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"


def safe(value: Any) -> Any:
    """The value, with a leading apostrophe when a spreadsheet would take it for a formula."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) else value


def csv_text(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> str:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows([[safe(value) for value in row] for row in rows])
    return "\ufeff" + text.getvalue()


def xlsx_bytes(header: Sequence[Any], rows: Iterable[Sequence[Any]], *, title: str = "") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.title = title[:31]
    sheet.append(list(header))
    for row in rows:
        sheet.append([safe(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_response(header: Sequence[Any], rows: Iterable[Sequence[Any]], export_format: str, name: str) -> HttpResponse:
    """A download named `<name>-<today>.csv` or `.xlsx` ("xlsx" asks for a workbook, anything else CSV)."""
    extension = "xlsx" if export_format == "xlsx" else "csv"
    if extension == "xlsx":
        response = HttpResponse(xlsx_bytes(header, rows, title=name), content_type=XLSX)
    else:
        response = HttpResponse(csv_text(header, rows), content_type=CSV)
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate().isoformat()}.{extension}"'
    return response
