"""The implementation plan report as a Word document (python-docx) and its tables as a workbook (openpyxl).

The document follows the attachment's five parts with their tables after the text of the part they belong to;
headings and labels are in the reader's language (Chinese by default), the East Asian font set so that Word and
LibreOffice render the Chinese text with a Chinese typeface.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.supervision.models import PlanReport, ReportStatus
from recirc.supervision.tables import Column, Table, display, suppression_note, workbook_add

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Which tables follow which part of the attachment.
PART_TABLES = {"basic_situation": ("annual", "by-category", "by-method", "by-channel", "entities"),
               "main_goals": ("goals",), "pilot_areas": ("green",), "work_content": (), "support_measures": ()}
CJK_FONT = "SimSun"


def part_headings() -> dict[str, str]:
    return {"basic_situation": _("1. Basic situation"), "main_goals": _("2. Main goals"),
            "pilot_areas": _("3. Pilot areas"), "work_content": _("4. Pilot work content"),
            "support_measures": _("5. Support measures")}


def table_from(data: Mapping[str, Any]) -> Table:
    return Table(data["slug"], data["title"], [Column(c["key"], c["label"], c["kind"]) for c in data["columns"]],
                 list(data["rows"]), list(data.get("notes", [])))


def report_tables(report: PlanReport) -> dict[str, Table]:
    return {data["slug"]: table_from(data) for data in (report.figures or {}).get("tables", [])}


def _fonts(document: Any) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        style = document.styles[name]
        style.font.name = CJK_FONT if name == "Normal" else style.font.name
        properties = style.element.get_or_add_rPr()
        fonts = properties.find(qn("w:rFonts"))
        if fonts is None:
            fonts = properties.makeelement(qn("w:rFonts"), {})
            properties.append(fonts)
        fonts.set(qn("w:eastAsia"), CJK_FONT)
    document.styles["Normal"].font.size = Pt(11)


def _cell(cell: Any, text: str, *, bold: bool = False, right: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    cell.text = ""
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.font.size, run.font.bold = Pt(9), bold
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _table(document: Any, table: Table) -> None:
    """The table without its code column (names are enough on paper), in 9 pt, numbers on the right."""
    from docx.shared import Pt

    document.add_paragraph(table.title, style="Heading 2")
    columns = [column for column in table.columns if column.key not in {"code", "source"}]
    grid = document.add_table(rows=1, cols=len(columns))
    grid.style = "Table Grid"
    for cell, column in zip(grid.rows[0].cells, columns, strict=True):
        _cell(cell, column.label, bold=True, right=column.kind != "text")
    for row in table.rows:
        for cell, column in zip(grid.add_row().cells, columns, strict=True):
            _cell(cell, display(row.get(column.key), column.kind, bool(row.get("suppressed"))),
                  right=column.kind != "text")
    if not table.rows:
        document.add_paragraph(_("No figures yet."))
    if any(column.key == "source" for column in table.columns):  # long texts: a list under the table
        for row in table.rows:
            document.add_paragraph(f"{row.get('name', '')}: {row.get('source', '')}").runs[0].font.size = Pt(8)
    for note in table.notes:
        document.add_paragraph(note).runs[0].font.size = Pt(9)


def report_docx(report: PlanReport) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    _fonts(document)
    document.add_heading(report.title, level=0).alignment = WD_ALIGN_PARAGRAPH.CENTER
    figures = report.figures or {}
    status = _("Final") if report.status == ReportStatus.FINAL else _("Draft")
    document.add_paragraph(_("%(region)s · baseline %(baseline)s · target %(target)s · figures as of %(as_of)s · "
                             "%(status)s") % {"region": figures.get("region_name", report.region_code),
                                              "baseline": report.baseline_year, "target": report.target_year,
                                              "as_of": figures.get("as_of", "—"), "status": status}
                           ).alignment = WD_ALIGN_PARAGRAPH.CENTER
    tables = report_tables(report)
    for part, heading in part_headings().items():
        document.add_heading(heading, level=1)
        for paragraph in (getattr(report, part) or "").split("\n"):
            if paragraph.strip():
                document.add_paragraph(paragraph.strip())
        for slug in PART_TABLES[part]:
            if slug in tables:
                _table(document, tables[slug])
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = _("Generated by Recirc on %(date)s. %(note)s") % {
        "date": timezone.localdate().isoformat(), "note": suppression_note()}
    footer.runs[0].font.size = Pt(8)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def report_xlsx(report: PlanReport) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Report")[:31]
    sheet.append([report.title])
    for part, heading in part_headings().items():
        sheet.append([heading, getattr(report, part)])
    for table in report_tables(report).values():
        workbook_add(workbook, table)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
