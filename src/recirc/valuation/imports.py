"""Importing past prices from CSV or XLSX, one observation per row.

Columns (first row; English keys or the Chinese headings of the template, any order): category 品类代码
(required), brand 品牌, model 型号, grade 等级, grading_scheme 等级标准, price 价格 (required), observed_on
日期 (required, YYYY-MM-DD), source 来源 (sale 成交 / appraisal 估价 / import; default import), reference
参考号 (optional; unique per source, so a re-upload cannot count a sale twice), and any attribute of the row's
category by its key or label (storage_gb / 存储容量, colour / 颜色...). Other columns are ignored.

All or nothing: when any row is invalid nothing is imported and every bad row is reported ("Line N: reason",
N counting the heading as line 1). The rows of an operator manager are always their own operator's.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from typing import Any

from django.utils.translation import gettext as _

from recirc.catalog.facade import category_get
from recirc.core.errors import NotFound, ValidationFailed
from recirc.core.tables import uploaded_table
from recirc.valuation import policy
from recirc.valuation.errors import ImportInvalid
from recirc.valuation.models import PriceObservation
from recirc.valuation.services import duplicates_of, observations_import_save, operator_for
from recirc.valuation.validation import Lookups, PreparedObservation, observation_prepare

COLUMNS = ("category", "brand", "model", "grade", "grading_scheme", "price", "observed_on", "source", "reference")
HEADINGS = {"category": "品类代码", "brand": "品牌", "model": "型号", "grade": "等级", "grading_scheme": "等级标准",
            "price": "价格", "observed_on": "日期", "source": "来源", "reference": "参考号"}
ALIASES = {**{heading: key for key, heading in HEADINGS.items()}, "category_code": "category", "品类": "category",
           "model_name": "model", "成色": "grade", "价格(元)": "price", "成交价": "price", "date": "observed_on",
           "成交日期": "observed_on", "source_ref": "reference"}
SOURCES = {"成交": "sale", "销售": "sale", "sale": "sale", "估价": "appraisal", "评估": "appraisal",
           "appraisal": "appraisal", "导入": "import", "import": "import", "": "import"}
MAX_BYTES = 20 * 1024 * 1024
EXAMPLE = {"category": "mobile-phones", "brand": "Apple", "model": "iPhone 13", "grade": "95",
           "grading_scheme": "market-condition", "price": "2650.00", "observed_on": "2026-10-08", "source": "sale",
           "reference": "POS-2026-000123", "storage_gb": "128", "colour": "午夜色", "battery_health_percent": "88"}


def _refuse(lines: list[Any]) -> ImportInvalid:
    return ImportInvalid(errors={"file": lines})


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]  # a spreadsheet date cell
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _table(file_name: str, content: bytes) -> Iterator[list[Any]]:
    return uploaded_table(file_name, content, _refuse)


def _keys(header: list[Any]) -> list[str]:
    keys = []
    for heading in header:
        name = _cell(heading)
        lowered = name.lower().replace(" ", "_")
        keys.append(lowered if lowered in COLUMNS else ALIASES.get(name, ALIASES.get(lowered, name)))
    missing = [key for key in ("category", "price", "observed_on") if key not in keys]
    if missing:
        raise _refuse([_("Line 1: the heading row needs the columns category, price and observed_on (download the "
                         "template).")])
    return keys


def read_rows(file_name: str, content: bytes) -> list[tuple[int, dict[str, str]]]:
    """(line number, {column: text}) for every non-empty row after the heading."""
    if len(content) > MAX_BYTES:
        raise _refuse([_("The file is larger than 20 MB: split it.")])
    table = _table(file_name, content)
    header = next(table, None)
    if header is None:
        raise _refuse([_("The file is empty.")])
    keys, rows, limit = _keys(header), [], policy.policy_int("VALUATION_IMPORT_MAX_ROWS")
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


def _attributes(row: dict[str, str]) -> dict[str, str]:
    """Columns named by an attribute key or label of the row's category."""
    try:
        category = category_get(row.get("category", ""))
    except NotFound:
        return {}
    names = {name: spec.key for spec in category.schema for name in (spec.key, spec.label, spec.label_en)}
    return {names[column]: value for column, value in row.items()
            if column in names and column not in COLUMNS and value != ""}


def _prepare(row: dict[str, str], operator_id: int | None, lookups: Lookups) -> PreparedObservation:
    source = SOURCES.get(row.get("source", "").strip().lower(), row.get("source", ""))
    data = {"category": row.get("category", ""), "brand": row.get("brand", ""), "model_name": row.get("model", ""),
            "grade": row.get("grade", ""), "grading_scheme": row.get("grading_scheme", ""),
            "price": row.get("price", ""), "observed_on": row.get("observed_on", ""), "source": source,
            "source_ref": row.get("reference", ""), "operator": operator_id, "attributes": _attributes(row)}
    return observation_prepare(data, lookups)


def _messages(error: ValidationFailed) -> list[str]:
    if not error.errors:
        return [error.text()]
    return [f"{field}: {message}" for field, messages in error.errors.items() for message in messages]


def _duplicates(prepared: list[tuple[int, PreparedObservation]]) -> list[str]:
    known = duplicates_of([item for _line, item in prepared])
    seen: dict[tuple[str, str], int] = {}
    problems = []
    for line, item in prepared:
        key = (item.fields["source"], item.fields["source_ref"])
        if not key[1]:
            continue
        if key in known:
            problems.append(_("Line %(line)s: reference %(reference)s is already recorded (observation %(id)s).")
                            % {"line": line, "reference": key[1], "id": known[key]})
        elif key in seen:
            problems.append(_("Line %(line)s: repeats line %(first)s.") % {"line": line, "first": seen[key]})
        seen.setdefault(key, line)
    return problems


def observations_import(*, actor: Any, file_name: str, content: bytes,
                        progress: Callable[[int], None] | None = None) -> list[PriceObservation]:
    """Validate every row, then save them all in one transaction; ImportInvalid lists every bad row.
    `progress(rows checked)` is called every 1,000 rows (the command's progress bar)."""
    policy.require(policy.may_record(actor))
    operator_id = operator_for(actor, None)
    prepared, problems, lookups = [], [], Lookups()
    for index, (line, row) in enumerate(read_rows(file_name, content), start=1):
        if progress and index % 1000 == 0:
            progress(index)
        try:
            prepared.append((line, _prepare(row, operator_id, lookups)))
        except ValidationFailed as error:
            problems += [_("Line %(line)s: %(reason)s") % {"line": line, "reason": message}
                         for message in _messages(error)]
    problems += _duplicates(prepared)
    if problems:
        raise _refuse(problems)
    return observations_import_save(actor=actor, prepared=[item for _line, item in prepared], file_name=file_name)


ATTRIBUTE_HEADINGS = {"storage_gb": "存储容量", "colour": "颜色", "battery_health_percent": "电池健康度"}


def template_rows() -> list[list[str]]:
    """The headings (attributes of phones by their Chinese names, as the schema labels them) and an example."""
    keys = [*COLUMNS, *ATTRIBUTE_HEADINGS]
    headings = {**HEADINGS, **ATTRIBUTE_HEADINGS}
    return [[headings[key] for key in keys], [EXAMPLE[key] for key in keys]]


def template_csv() -> bytes:
    text = io.StringIO()
    csv.writer(text).writerows(template_rows())
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def template_xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "observations"
    for row in template_rows():
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
