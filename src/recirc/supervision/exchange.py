"""The data exchange format for operators who run their own systems: transactions, acquisitions and operating
entities, one row per record, as JSON (`{"rows": [...]}`, schema from `json_schema(kind)`), CSV (UTF-8 or
GB18030) or XLSX (first sheet), with English keys or the Chinese headings of the templates.

Every row carries the submitter's own `key` (unique per operator and kind): sending a row again changes nothing,
sending it with other values replaces the earlier one. docs/contexts/supervision.md documents the format.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from recirc.core.tables import uploaded_table
from recirc.supervision.errors import SubmissionInvalid

MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Column:
    key: str
    heading: str  # the Chinese heading of the template
    kind: str  # "string", "datetime", "date", "integer", "decimal", "enum:<name>"
    required: bool
    description: str
    example: str


KEY = Column("key", "记录编号", "string", True, "Your own unique reference for the row (at most 80 characters).",
             "POS-2025-000123")
DISTRICT = Column("district_code", "区县代码", "string", True, "Where it happened: a GB/T 2260 six-digit code.",
                  "330106")
CATEGORY = Column("category_code", "品类代码", "string", True, "A Recirc category code (see /catalog/).",
                  "mobile-phones")

COLUMNS: dict[str, tuple[Column, ...]] = {
    "transactions": (
        KEY,
        Column("occurred_at", "交易时间", "datetime", True, "When the transaction was concluded (ISO 8601; local "
               "time when no offset is given).", "2025-03-08 14:20"),
        DISTRICT, CATEGORY,
        Column("channel", "渠道", "enum:channel", True, "store, market, online, community or trade_in.", "store"),
        Column("method", "交易方式", "enum:method", True, "sale, auction, rental, consignment, buy_back or swap.",
               "sale"),
        Column("quantity", "件数", "integer", False, "Number of items (default 1).", "1"),
        Column("amount", "成交金额", "decimal", True, "Value in yuan, two decimals at most.", "1299.00"),
        Column("acquired_on", "收购日期", "date", False, "When the item was acquired, for the sell-through time.",
               "2025-02-20"),
    ),
    "acquisitions": (
        KEY,
        Column("acquired_at", "收购时间", "datetime", True, "When the article was taken in.", "2025-03-01 10:05"),
        DISTRICT, CATEGORY,
        Column("kind", "收购方式", "enum:acquisition_kind", True, "purchase, trade_in, consignment_intake, "
               "bulk_purchase, donation or exchange.", "purchase"),
        Column("quantity", "件数", "integer", False, "Number of articles (default 1).", "1"),
        Column("amount", "收购金额", "decimal", True, "Price paid in yuan.", "800.00"),
    ),
    "entities": (
        KEY,
        Column("kind", "主体类型", "enum:operator_kind", True,
               "transaction_market, rural_trade_centre, online_platform, "
               "enterprise, individual_operator or community_consignment_shop.", "individual_operator"),
        DISTRICT,
        Column("credit_code", "统一社会信用代码", "string", False, "The entity's unified social credit code, if any.",
               ""),
        Column("opened_on", "开始经营日期", "date", True, "Since when it trades through you.", "2024-06-01"),
        Column("closed_on", "停止经营日期", "date", False, "When it stopped, if it did.", ""),
    ),
}

ALIASES: dict[str, str] = {
    "编号": "key", "submission_key": "key", "交易日期": "occurred_at", "区县": "district_code",
    "地区代码": "district_code",
    "品类": "category_code", "category": "category_code", "district": "district_code", "金额": "amount",
    "数量": "quantity", "交易渠道": "channel", "方式": "method", "类型": "kind", "信用代码": "credit_code",
}


def columns(kind: str) -> tuple[Column, ...]:
    return COLUMNS[kind]


def json_schema(kind: str, enums: dict[str, list[str]]) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of one submission of the kind; `enums` gives each enumeration's values."""
    types: dict[str, dict[str, Any]] = {
        "string": {"type": "string"}, "datetime": {"type": "string", "format": "date-time"},
        "date": {"type": "string", "format": "date"}, "integer": {"type": "integer", "minimum": 1},
        "decimal": {"type": ["string", "number"], "pattern": r"^\d+(\.\d{1,2})?$"}}
    properties: dict[str, Any] = {}
    for column in COLUMNS[kind]:
        spec: dict[str, Any] = dict(types.get(column.kind, {"type": "string"}))
        if column.kind.startswith("enum:"):
            spec["enum"] = enums[column.kind.removeprefix("enum:")]
        spec["description"] = column.description
        spec["examples"] = [column.example] if column.example else []
        properties[column.key] = spec
    row = {"type": "object", "properties": properties, "additionalProperties": False,
           "required": [column.key for column in COLUMNS[kind] if column.required]}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://recirc.example/schemas/supervision/{kind}.json", "title": f"Recirc {kind} submission",
            "type": "object", "required": ["rows"], "additionalProperties": False,
            "properties": {"rows": {"type": "array", "minItems": 1, "items": row}}}


def template_csv(kind: str) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow([column.key for column in COLUMNS[kind]])
    writer.writerow([column.example for column in COLUMNS[kind]])
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def template_xlsx(kind: str) -> bytes:
    """Row 1: keys (what is read); row 2: Chinese headings as a comment row is not possible in CSV, so the XLSX
    puts the Chinese headings first and the example below: either heading row is accepted."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = kind
    sheet.append([column.heading for column in COLUMNS[kind]])
    sheet.append([column.example for column in COLUMNS[kind]])
    notes = workbook.create_sheet("说明 notes")
    notes.append(["key", "表头", "required", "description"])
    for column in COLUMNS[kind]:
        notes.append([column.key, column.heading, "yes" if column.required else "no", column.description])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _refuse(lines: list[str]) -> SubmissionInvalid:
    return SubmissionInvalid(errors={"file": lines})


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat())
    return str(value).strip()


def _keys(kind: str, header: list[Any]) -> list[str | None]:
    known = {column.key for column in COLUMNS[kind]}
    headings = {column.heading: column.key for column in COLUMNS[kind]}
    keys: list[str | None] = []
    for heading in header:
        name = _cell(heading)
        lowered = name.lower().replace(" ", "_")
        keys.append(lowered if lowered in known else headings.get(name) or ALIASES.get(name) or ALIASES.get(lowered))
    missing = [column.key for column in COLUMNS[kind] if column.required and column.key not in keys]
    if missing:
        raise _refuse([_("Line 1: the heading row lacks the columns %(columns)s (download the template).")
                       % {"columns": ", ".join(missing)}])
    return keys


def _table(file_name: str, content: bytes) -> Iterator[list[Any]]:
    return uploaded_table(file_name, content, _refuse)


def read_file(kind: str, file_name: str, content: bytes) -> list[tuple[int, dict[str, str]]]:
    """(line number, {key: text}) for every non-empty row after the heading; the heading is line 1."""
    if len(content) > MAX_BYTES:
        raise _refuse([_("The file is larger than 20 MB: split it.")])
    table = _table(file_name, content)
    header = next(table, None)
    if header is None:
        raise _refuse([_("The file is empty.")])
    keys = _keys(kind, header)
    rows = []
    for line, values in enumerate(table, start=2):
        row = {key: _cell(value) for key, value in zip(keys, values, strict=False) if key}
        if any(row.values()):
            rows.append((line, row))
    return rows


def read_json_rows(kind: str, rows: list[dict[str, Any]]) -> list[tuple[int, dict[str, str]]]:
    """JSON rows numbered from 1 (the API's "row N"), values as text like a file's cells."""
    known = {column.key for column in COLUMNS[kind]}
    numbered = []
    for number, row in enumerate(rows, start=1):
        unknown = sorted(set(row) - known)
        cells = {key: _cell(value) for key, value in row.items() if key in known}
        if unknown:
            cells["__unknown__"] = ", ".join(unknown)
        numbered.append((number, cells))
    return numbered
