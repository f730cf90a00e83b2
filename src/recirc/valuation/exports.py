"""CSV and XLSX export of price observations (the filtered list). Cells that look like formulas are
neutralised; the contributing operator is named only where the reader may see it (selectors)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.catalog.facade import category_list
from recirc.operators.facade import operator_refs
from recirc.valuation.models import ObservationSource, PriceObservation

EXPORT_LIMIT = 50_000
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _headers() -> list[str]:
    return [_("Observation"), _("Observed on"), _("Category"), _("Brand"), _("Model"), _("Attributes"),
            _("Grade"), _("Grading scheme"), _("Price (CNY)"), _("Source"), _("Source reference"), _("Operator")]


def _rows(observations: Iterable[PriceObservation], show_operator: Callable[[int | None], bool]) -> list[list[Any]]:
    observations = list(observations)
    categories = {ref.id: ref.code for ref in category_list(include_inactive=True)}
    names = {pk: ref.name for pk, ref in operator_refs({o.operator_id for o in observations if o.operator_id}).items()}
    return [[row.pk, row.observed_on.isoformat(), categories.get(row.category_id, ""), row.brand, row.model_name,
             "; ".join(f"{key}={value}" for key, value in row.attributes.items()), row.grade, row.grading_scheme,
             str(row.price), str(ObservationSource(row.source).label), row.source_ref,
             names.get(row.operator_id or 0, "") if show_operator(row.operator_id) else ""] for row in observations]


def table_response(headers: list[str], rows: list[list[Any]], export_format: str, name: str) -> HttpResponse:
    from openpyxl import Workbook

    filename = f"{name}-{timezone.localdate().isoformat()}.{'xlsx' if export_format == 'xlsx' else 'csv'}"
    if export_format == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = name[:31]
        sheet.append(headers)
        for row in rows:
            sheet.append([safe(value) for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    else:
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(headers)
        writer.writerows([[safe(value) for value in row] for row in rows])
        response = HttpResponse("\ufeff" + text.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def observations_export(observations: Any, export_format: str,
                        show_operator: Callable[[int | None], bool]) -> HttpResponse:
    return table_response(_headers(), _rows(observations[:EXPORT_LIMIT], show_operator), export_format,
                          "price-observations")
