"""Register exports: CSV, XLSX, JSON and the police batch format (one JSON object per line, every key present).

Each export is audited ("acquisitions.exported": format, count, whether personal data was revealed, filters);
each revealed value is also logged by the vault. Spreadsheet cells that look like formulas are neutralised.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone

from recirc.acquisitions.models import AcquisitionEntry
from recirc.acquisitions.records import FORMAT, KEYS, Names, Revealer, entry_record
from recirc.core.audit import audit_record

EXPORT_LIMIT = 10_000
FORMATS = ("csv", "xlsx", "json", "police")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8", "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "police": "application/x-ndjson; charset=utf-8",
}
EXTENSIONS = {"csv": "csv", "xlsx": "xlsx", "json": "json", "police": "ndjson"}


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        value = "; ".join(str(part) for part in value) if isinstance(value, list) and all(
            isinstance(part, str) for part in value) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return "" if value is None else value


def _csv(records: list[dict[str, Any]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(KEYS)
    writer.writerows([[_cell(record[key]) for key in KEYS] for record in records])
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def _xlsx(records: list[dict[str, Any]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "register"
    sheet.append(list(KEYS))
    for record in records:
        sheet.append([_cell(record[key]) for key in KEYS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _json(records: list[dict[str, Any]], personal: str) -> bytes:
    document = {"format": FORMAT, "exported_at": timezone.localtime().isoformat(), "personal_data": personal,
                "count": len(records), "entries": records}
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _police(records: list[dict[str, Any]]) -> bytes:
    lines = [json.dumps({"format": FORMAT, **record}, ensure_ascii=False, sort_keys=False) for record in records]
    return ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8")


def _render(export_format: str, records: list[dict[str, Any]], personal: str) -> bytes:
    if export_format == "xlsx":
        return _xlsx(records)
    if export_format == "json":
        return _json(records, personal)
    if export_format == "police":
        return _police(records)
    return _csv(records)


@transaction.atomic
def register_export(*, actor: Any, entries: QuerySet[AcquisitionEntry], export_format: str,
                    personal: bool | None = None, filters: Mapping[str, Any] | None = None) -> HttpResponse:
    """The export as a download. `personal` (default: only for the police batch) asks for plain personal values,
    given only to readers allowed to see them (policy.reveal_purpose); everyone else gets masked values."""
    export_format = export_format if export_format in FORMATS else "csv"
    wanted = export_format == "police" if personal is None else personal
    rows = list(entries.select_related("clerk").order_by("outlet_id", "sequence")[:EXPORT_LIMIT])
    revealer, names = Revealer(actor=actor, wanted=wanted), Names(rows)
    records = [entry_record(entry, revealer, names) for entry in rows]
    shown = "revealed" if revealer.revealed else "masked"
    audit_record(actor=actor, action="acquisitions.exported", payload={
        "format": export_format, "entries": len(records), "personal_data": shown,
        "values_revealed": revealer.revealed, "filters": {key: str(value) for key, value in (filters or {}).items()
                                                          if value not in (None, "")}})
    response = HttpResponse(_render(export_format, records, shown), content_type=CONTENT_TYPES[export_format])
    response["Content-Disposition"] = (f'attachment; filename="acquisition-register-{timezone.localdate().isoformat()}.'
                                       f'{EXTENSIONS[export_format]}"')
    return response
