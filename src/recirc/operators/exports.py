"""The public registry as CSV (UTF-8 with BOM, for Excel) and XLSX, one row per operator."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.utils.translation import gettext as _

from recirc.operators.models import Operator, OperatorKind, OperatorStatus

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _text(value: Any) -> str:
    """A cell as text; leading formula characters are escaped so spreadsheets never run them."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _columns() -> list[tuple[str, Callable[[Operator], Any]]]:
    return [
        (_("Unified social credit code"), lambda o: o.credit_code),
        (_("Name"), lambda o: o.name),
        (_("English name"), lambda o: o.name_en),
        (_("Type"), lambda o: OperatorKind(o.kind).label),
        (_("District code"), lambda o: o.district.code),
        (_("District"), lambda o: o.district.name),
        (_("Status"), lambda o: OperatorStatus(o.status).label),
        (_("Business licence number"), lambda o: o.licence_number),
        (_("Licence valid from"), lambda o: o.licence_valid_from.isoformat() if o.licence_valid_from else ""),
        (_("Licence valid until"), lambda o: o.licence_valid_until.isoformat() if o.licence_valid_until else ""),
        (_("Registered on"), lambda o: o.registered_on.isoformat()),
    ]


def registry_rows(operators: Iterable[Operator]) -> Iterator[list[str]]:
    """The header row, then one row per operator, every cell as safe text."""
    columns = _columns()
    yield [header for header, _getter in columns]
    for operator in operators:
        yield [_text(getter(operator)) for _header, getter in columns]


def registry_csv(operators: Iterable[Operator]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(registry_rows(operators))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def registry_xlsx(operators: Iterable[Operator]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Operators")[:31])
    for row in registry_rows(operators):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
