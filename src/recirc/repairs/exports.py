"""CSV and XLSX export of the work order list (the rows the actor sees, with the list's filters). Cells that
look like formulas are neutralised; people appear by display name only."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.core.tables import table_response
from recirc.repairs.models import WorkOrderKind, WorkOrderState

EXPORT_LIMIT = 50_000


def _moment(value: Any) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def headers() -> list[str]:
    return [_("Work order"), _("Opened"), _("State"), _("Whose item"), _("Passport code"), _("Item"), _("Brand"),
            _("Model"), _("Operator"), _("Technician"), _("Parts fitted"), _("Main parts replaced"),
            _("Refurbished"), _("Quote (¥)"), _("Completed")]


def rows(orders: Iterable[Any]) -> list[list[Any]]:
    """`orders` are annotated with `part_count` and `main_part_count` (selectors.work_order_list)."""
    return [[order.number, _moment(order.created_at), str(WorkOrderState(order.state).label),
             str(WorkOrderKind(order.kind).label), order.item_code, order.item_title, order.item_brand,
             order.item_model, order.operator.name, str(order.technician) if order.technician else "",
             order.part_count, order.main_part_count,
             _("yes") if order.refurbishment_declared or order.main_part_count else _("no"),
             str(order.quote_total) if order.quote_total is not None else "", _moment(order.completed_at)]
            for order in orders]


def work_orders_export(orders: Any, export_format: str) -> HttpResponse:
    """`orders` comes from selectors.work_order_list (annotated with part counts)."""
    return table_response(headers(), rows(orders[:EXPORT_LIMIT]), export_format, "work-orders")
