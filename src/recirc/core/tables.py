"""Tables for people to download: CSV (UTF-8 with a byte-order mark, so Excel reads Chinese) or XLSX, one sheet,
a heading row. Cells that a spreadsheet would run as a formula (=, +, -, @, tab, return) are neutralised with
a leading apostrophe (CSV injection). openpyxl is imported when a workbook is made: importing it loads numpy,
which web workers that never export need not carry."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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


def _decoded(content: bytes, refuse: Callable[[list[Any]], Exception]) -> str:
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GB18030/GBK
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise refuse([_("The file is neither UTF-8 nor GB18030 text.")])


def uploaded_table(file_name: str, content: bytes, refuse: Callable[[list[Any]], Exception]) -> Iterator[list[Any]]:
    """The rows of an uploaded .xlsx (first sheet) or .csv/.txt (UTF-8 or GB18030), heading first. A file that
    cannot be read raises refuse([message]): each importer turns it into its own error with its own code."""
    if file_name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise refuse([_("The file is not a readable XLSX workbook.")]) from error
        yield from (list(row) for row in workbook.worksheets[0].iter_rows(values_only=True))
        return
    if not file_name.lower().endswith((".csv", ".txt")):
        raise refuse([_("Upload a .csv or .xlsx file.")])
    yield from csv.reader(io.StringIO(_decoded(content, refuse)))
