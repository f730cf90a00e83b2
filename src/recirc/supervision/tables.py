"""Tables: what every chart, its HTML table, its CSV/XLSX export and the API answer share, so the numbers a
regulator sees, downloads and fetches are the same.

Small cells are suppressed (statistics law: no personal data, trade secrets kept confidential): a cell built
from fewer than k records shows no numbers. When a table has exactly one suppressed cell among others, the
next smallest is suppressed too, so the hidden one cannot be recovered from the total (complementary
suppression).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.supervision.policy import min_cell_count

if TYPE_CHECKING:
    from openpyxl import Workbook


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MEASURES = ("records", "items", "value", "count")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "text"  # text, count, money, percent, number, kg


@dataclass
class Table:
    slug: str
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]]
    notes: list[str] = field(default_factory=list)
    chart: dict[str, Any] = field(default_factory=dict)
    links: list[str] = field(default_factory=list)  # a URL per row for the first column (drill-down), or ""

    def display_rows(self) -> list[list[tuple[str, bool]]]:
        """Each cell as (text, is_number) for HTML tables: suppressed cells read "<k"."""
        return [[(display(row.get(column.key), column.kind, bool(row.get("suppressed"))), column.kind != "text")
                 for column in self.columns] for row in self.rows]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: money with two decimals, dates as ISO text."""
        kinds = {column.key: column.kind for column in self.columns}
        return {"slug": self.slug, "title": self.title, "notes": self.notes,
                "columns": [{"key": column.key, "label": column.label, "kind": column.kind} for column in self.columns],
                "rows": [{key: _json(value, kinds.get(key, "")) for key, value in row.items()} for row in self.rows]}


def _json(value: Any, kind: str = "") -> Any:
    if isinstance(value, Decimal):
        return f"{value:.2f}" if kind == "money" else str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def suppress(rows: list[dict[str, Any]], *, count_key: str = "records",
             measures: Sequence[str] = MEASURES) -> list[dict[str, Any]]:
    """Blank the measures of every row counted from fewer than k records (row["suppressed"] = True), and
    suppress a second cell when only one would be hidden among several."""
    k = min_cell_count()
    small = [row for row in rows if row.get(count_key) is not None and 0 < row[count_key] < k]
    if len(small) == 1 and len(rows) >= 2:
        others = sorted((row for row in rows if row not in small and row.get(count_key)), key=lambda r: r[count_key])
        small.extend(others[:1])
    for row in rows:
        row["suppressed"] = any(row is hidden for hidden in small)
        if row["suppressed"]:
            for name in measures:
                if name in row:
                    row[name] = None
    return rows


def suppression_note() -> str:
    return _("Cells counted from fewer than %(k)s records are not shown (“<%(k)s”), nor is a second cell where "
             "the first could be worked out from the total.") % {"k": min_cell_count()}


def display(value: Any, kind: str, suppressed: bool = False) -> str:
    """A cell as text for HTML tables and documents: suppressed cells as "<k", cells without a value as "—"."""
    if value is None:
        return "" if kind == "text" else f"<{min_cell_count()}" if suppressed else "—"
    if kind == "money":
        return f"{Decimal(value):,.2f}"
    if kind == "percent":
        return f"{Decimal(value):.1f} %"
    if kind in {"count", "number"}:
        return f"{int(value):,}" if kind == "count" else str(value)
    if kind == "kg":
        return f"{Decimal(value):,.1f}"
    return str(value)


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _export_cell(value: Any, kind: str, suppressed: bool) -> Any:
    if value is None:
        return "" if kind == "text" or not suppressed else f"<{min_cell_count()}"
    if kind == "money":
        return Decimal(value).quantize(Decimal("0.01"))
    if kind in {"percent", "kg"}:
        return Decimal(value)
    return _safe(_json(value))


def _export_rows(table: Table) -> list[list[Any]]:
    return [[_export_cell(row.get(column.key), column.kind, bool(row.get("suppressed"))) for column in table.columns]
            for row in table.rows]


def workbook_add(workbook: Workbook, table: Table) -> None:
    """The table as a new sheet (title row, header, rows, notes)."""
    sheet = workbook.create_sheet(table.slug[:31])
    sheet.append([table.title])
    sheet.append([column.label for column in table.columns])
    for row in _export_rows(table):
        sheet.append(row)
    for note in table.notes:
        sheet.append([note])


def table_response(table: Table, export_format: str) -> HttpResponse:
    """The table as a CSV (UTF-8 with BOM, for Excel) or XLSX download."""
    from openpyxl import Workbook

    stamp = timezone.localdate().isoformat()
    if export_format == "xlsx":
        workbook = Workbook()
        workbook.remove(workbook.active)
        workbook_add(workbook, table)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{table.slug}-{stamp}.xlsx"'
        return response
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow([column.label for column in table.columns])
    writer.writerows([[str(cell) for cell in row] for row in _export_rows(table)])
    for note in table.notes:
        writer.writerow([note])
    response = HttpResponse("\ufeff" + text.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{table.slug}-{stamp}.csv"'
    return response
