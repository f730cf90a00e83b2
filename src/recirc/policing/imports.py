"""Watchlist import from CSV or XLSX: a police circular as a table, one article per row.

Columns (first row; English keys or the Chinese headings of the template, in any order; unknown columns are
ignored): case_number 案件编号 (required), reporting_unit 报案单位 (required), kind 类型 (stolen 被盗 / lost 遗失
/ wanted 通缉 / seized 查扣; default stolen), description 特征描述, category_code 品类代码, brand 品牌, model 型号,
colour 颜色, imei, meid, serial 序列号, mac. A cell may hold several identifiers separated by ";" or a new line.
Each row needs an identifier, or a brand or model with a description of distinguishing features.

All or nothing: when any row is invalid nothing is imported and every bad row is reported ("Line N: reason",
N counting the heading as line 1), so the corrected file can simply be uploaded again. A row whose case number
and identifier are already on an active entry is an error too (no duplicates from re-uploads).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from recirc.core.errors import ValidationFailed
from recirc.core.tables import uploaded_table
from recirc.policing.errors import WatchlistImportInvalid
from recirc.policing.models import WatchlistEntry
from recirc.policing.policy import policy_int, require_police
from recirc.policing.services import PreparedEntry, active_duplicates, entry_prepare, watchlist_import_save

COLUMNS = ("case_number", "reporting_unit", "kind", "description", "category_code", "brand", "model", "colour",
           "imei", "meid", "serial", "mac")
HEADINGS = {"case_number": "案件编号", "reporting_unit": "报案单位", "kind": "类型", "description": "特征描述",
            "category_code": "品类代码", "brand": "品牌", "model": "型号", "colour": "颜色", "imei": "IMEI",
            "meid": "MEID", "serial": "序列号", "mac": "MAC"}
ALIASES = {**{heading.lower(): key for key, heading in HEADINGS.items()}, "案件号": "case_number",
           "发布单位": "reporting_unit", "描述": "description", "品类": "category_code", "model_name": "model",
           "color": "colour", "串号": "imei", "sn": "serial", "mac地址": "mac", "category": "category_code"}
KINDS = {"被盗": "stolen", "盗窃": "stolen", "遗失": "lost", "丢失": "lost", "通缉": "wanted", "协查": "wanted",
         "查扣": "seized", "扣押": "seized", "冻结": "seized"}
IDENTIFIER_COLUMNS = ("imei", "meid", "serial", "mac")
LIST_SEPARATORS = re.compile(r"[;；|\n]+")
MAX_BYTES = 20 * 1024 * 1024
EXAMPLE = {"case_number": "杭公刑(2026)1234号", "reporting_unit": "杭州市公安局西湖区分局", "kind": "stolen",
           "description": "背面刻字 ZL4821，屏幕左上角有裂纹", "category_code": "mobile-phones", "brand": "苹果",
           "model": "iPhone 13", "colour": "午夜色", "imei": "49-015420-323751-8", "meid": "", "serial": "",
           "mac": ""}


@dataclass(frozen=True)
class ImportResult:
    count: int
    entries: list[WatchlistEntry]


def _refuse(lines: list[str]) -> WatchlistImportInvalid:
    return WatchlistImportInvalid(errors={"file": lines})


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # spreadsheets turn long digit strings into numbers
    return str(value).strip()


def _keys(header: list[Any]) -> list[str | None]:
    keys: list[str | None] = []
    for heading in header:
        name = _cell(heading).lower().replace(" ", "_")
        keys.append(name if name in COLUMNS else ALIASES.get(name))
    if "case_number" not in keys or "reporting_unit" not in keys:
        raise _refuse([_("Line 1: the heading row needs at least the columns case_number and reporting_unit "
                         "(download the template).")])
    return keys


def _table(file_name: str, content: bytes) -> Iterator[list[Any]]:
    return uploaded_table(file_name, content, _refuse)


def read_rows(file_name: str, content: bytes) -> list[tuple[int, dict[str, str]]]:
    """(line number, {column: text}) for every non-empty row after the heading."""
    if len(content) > MAX_BYTES:
        raise _refuse([_("The file is larger than 20 MB: split it.")])
    table = _table(file_name, content)
    header = next(table, None)
    if header is None:
        raise _refuse([_("The file is empty.")])
    keys, rows, limit = _keys(header), [], policy_int("WATCHLIST_IMPORT_MAX_ROWS")
    for line, values in enumerate(table, start=2):
        row = {key: _cell(value) for key, value in zip(keys, values, strict=False) if key}
        if not any(row.values()):
            continue
        rows.append((line, row))
        if len(rows) > limit:
            raise _refuse([_("More than %(limit)s rows: split the file.") % {"limit": limit}])
    if not rows:
        raise _refuse([_("The file has a heading but no rows.")])
    return rows


def _prepare(row: dict[str, str]) -> PreparedEntry:
    data = {**row, "model_name": row.get("model", ""), "kind": KINDS.get(row.get("kind", ""), row.get("kind", ""))}
    identifiers = [(kind, value.strip()) for kind in IDENTIFIER_COLUMNS
                   for value in LIST_SEPARATORS.split(row.get(kind, "")) if value.strip()]
    return entry_prepare(data, identifiers)


def _messages(error: ValidationFailed) -> list[str]:
    if not error.errors:
        return [error.text()]
    return [f"{field}: {message}" if field not in ("__all__", "identifiers") else str(message)
            for field, messages in error.errors.items() for message in messages]


def _duplicates(prepared: list[tuple[int, PreparedEntry]]) -> list[str]:
    known = active_duplicates([item for _line, item in prepared])
    seen: dict[tuple[str, str, str], int] = {}
    lines = []
    for line, item in prepared:
        for kind, value in item.identifiers:
            key = (item.fields["case_number"], kind, value)
            if key in known:
                lines.append(_("Line %(line)s: %(value)s of case %(case)s is already on the watchlist (entry "
                               "%(entry)s).") % {"line": line, "value": value, "case": key[0], "entry": known[key]})
            elif key in seen:
                lines.append(_("Line %(line)s: repeats line %(first)s.") % {"line": line, "first": seen[key]})
            seen.setdefault(key, line)
    return lines


def watchlist_import(*, actor: Any, file_name: str, content: bytes) -> ImportResult:
    """Validate every row, then save them all in one transaction; WatchlistImportInvalid lists every bad row."""
    require_police(actor)
    prepared, problems = [], []
    for line, row in read_rows(file_name, content):
        try:
            prepared.append((line, _prepare(row)))
        except ValidationFailed as error:
            problems += [_("Line %(line)s: %(reason)s") % {"line": line, "reason": message}
                         for message in _messages(error)]
    problems += _duplicates(prepared)
    if problems:
        raise _refuse(problems)
    entries = watchlist_import_save(actor=actor, prepared=[item for _line, item in prepared], file_name=file_name)
    return ImportResult(count=len(entries), entries=entries)


def template_rows() -> list[list[str]]:
    return [[HEADINGS[key] for key in COLUMNS], [EXAMPLE[key] for key in COLUMNS]]


def template_csv() -> bytes:
    text = io.StringIO()
    csv.writer(text).writerows(template_rows())
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def template_xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "watchlist"
    for row in template_rows():
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
