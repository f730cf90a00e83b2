"""CSV and XLSX exports of an item list. Identifiers are masked; owners are never exported."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.core.tables import table_response
from recirc.items.identifiers import identifier_mask
from recirc.items.models import Item, ItemState
from recirc.items.selectors import operator_names

EXPORT_LIMIT = 50_000


def _headers() -> list[str]:
    return [_("Passport code"), _("Title"), _("Category"), _("Brand"), _("Model"), _("State"), _("Operator"),
            _("Outlet number"), _("Identifiers (masked)"), _("Registered at")]


def _rows(items: Iterable[Item]) -> list[list[Any]]:
    items = list(items)
    names = operator_names(item.owner_operator_id for item in items)
    return [[item.code, item.title, item.category.code, item.brand, item.model_name, str(ItemState(item.state).label),
             names.get(item.owner_operator_id or 0, ""), item.outlet_id or "",
             "; ".join(f"{identifier.kind}:{identifier_mask(identifier.kind, identifier.value)}"
                       for identifier in item.identifiers.all()),
             timezone.localtime(item.created_at).strftime("%Y-%m-%d %H:%M")] for item in items]


def items_export(items: Any, export_format: str) -> HttpResponse:
    rows = _rows(items.prefetch_related("identifiers")[:EXPORT_LIMIT])
    return table_response(_headers(), rows, export_format, "items")
