"""Repairs API: work orders through their whole state machine, parts, labour, the quality check, and an item's
repair history. Reads are scoped (other operators' orders answer 404); every write goes through one service.

No `from __future__ import annotations` here: @paginate wraps the handler, and Ninja must see real types.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import PageNumberPagination, paginate

from recirc.accounts.auth import api_auth
from recirc.items.facade import item_get_for
from recirc.repairs import facade, selectors, services, work
from recirc.repairs.parts import part_choices, part_list_for
from recirc.repairs.schemas import (
    CancelIn,
    CheckIn,
    CheckOut,
    DeclineIn,
    DiagnoseIn,
    LabourIn,
    LabourOut,
    PartIn,
    PartKindOut,
    PartOut,
    QuoteIn,
    RepairHistoryOut,
    SubmitIn,
    WorkOrderDetailOut,
    WorkOrderFilter,
    WorkOrderIn,
    WorkOrderOut,
)

router = Router(tags=["repairs"], auth=api_auth)


def _detail(request: HttpRequest, work_order_id: int) -> Any:
    return selectors.work_order_get(request.user, work_order_id)


@router.get("/work-orders", response=list[WorkOrderOut])
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def work_order_list_api(request: HttpRequest, filters: WorkOrderFilter = Query(...)) -> Any:  # noqa: B008
    return selectors.work_order_list(request.user, state=filters.state, kind=filters.kind, query=filters.q,
                                     item=filters.item)


@router.post("/work-orders", response={201: WorkOrderDetailOut})
def work_order_open_api(request: HttpRequest, payload: WorkOrderIn) -> Any:
    order = services.work_order_open(actor=request.user, item_id=payload.item_id,
                                     reported_fault=payload.reported_fault, intake_notes=payload.intake_notes,
                                     refurbishment=payload.refurbishment)
    return Status(201, _detail(request, order.pk))


@router.get("/work-orders/{int:work_order_id}", response=WorkOrderDetailOut)
def work_order_get_api(request: HttpRequest, work_order_id: int) -> Any:
    return _detail(request, work_order_id)


@router.post("/work-orders/{int:work_order_id}/diagnose", response=WorkOrderDetailOut)
def work_order_diagnose_api(request: HttpRequest, work_order_id: int, payload: DiagnoseIn) -> Any:
    services.work_order_diagnose(actor=request.user, work_order_id=work_order_id, diagnosis=payload.diagnosis,
                                 faults=payload.faults)
    return _detail(request, work_order_id)


@router.post("/work-orders/{int:work_order_id}/quote", response=WorkOrderDetailOut)
def work_order_quote_api(request: HttpRequest, work_order_id: int, payload: QuoteIn) -> Any:
    services.work_order_quote(actor=request.user, work_order_id=work_order_id, parts_amount=payload.parts_amount,
                              labour_amount=payload.labour_amount, valid_until=payload.valid_until,
                              notes=payload.notes)
    return _detail(request, work_order_id)


@router.post("/work-orders/{int:work_order_id}/approve", response=WorkOrderDetailOut)
def work_order_approve_api(request: HttpRequest, work_order_id: int) -> Any:
    services.work_order_approve(actor=request.user, work_order_id=work_order_id)
    return _detail(request, work_order_id)


@router.post("/work-orders/{int:work_order_id}/decline", response=WorkOrderDetailOut)
def work_order_decline_api(request: HttpRequest, work_order_id: int, payload: DeclineIn) -> Any:
    services.work_order_decline(actor=request.user, work_order_id=work_order_id, reason=payload.reason)
    return _detail(request, work_order_id)


@router.post("/work-orders/{int:work_order_id}/start", response=WorkOrderDetailOut)
def work_order_start_api(request: HttpRequest, work_order_id: int) -> Any:
    services.work_order_start_repair(actor=request.user, work_order_id=work_order_id)
    return _detail(request, work_order_id)


@router.post("/work-orders/{int:work_order_id}/parts", response={201: PartOut})
def part_add_api(request: HttpRequest, work_order_id: int, payload: PartIn) -> Any:
    return Status(201, work.part_add(actor=request.user, work_order_id=work_order_id, **payload.dict()))


@router.delete("/work-orders/{int:work_order_id}/parts/{int:part_id}", response={204: None})
def part_remove_api(request: HttpRequest, work_order_id: int, part_id: int) -> Any:
    work.part_remove(actor=request.user, work_order_id=work_order_id, part_id=part_id)
    return Status(204, None)


@router.post("/work-orders/{int:work_order_id}/labour", response={201: LabourOut})
def labour_add_api(request: HttpRequest, work_order_id: int, payload: LabourIn) -> Any:
    return Status(201, work.labour_add(actor=request.user, work_order_id=work_order_id, minutes=payload.minutes,
                                       rate=payload.rate, note=payload.note))


@router.post("/work-orders/{int:work_order_id}/submit", response=WorkOrderDetailOut)
def work_order_submit_api(request: HttpRequest, work_order_id: int, payload: SubmitIn) -> Any:
    work.work_order_submit(actor=request.user, work_order_id=work_order_id, refurbishment=payload.refurbishment)
    return _detail(request, work_order_id)


@router.post("/work-orders/{int:work_order_id}/quality-check", response={201: CheckOut})
def quality_check_api(request: HttpRequest, work_order_id: int, payload: CheckIn) -> Any:
    """No failed check: the order is completed and the item's passport records the repair. A failed check
    sends the order back to the technician (in_repair); say what failed in `notes`."""
    return Status(201, work.quality_check_record(actor=request.user, work_order_id=work_order_id,
                                                 results=payload.results, notes=payload.notes))


@router.post("/work-orders/{int:work_order_id}/cancel", response=WorkOrderDetailOut)
def work_order_cancel_api(request: HttpRequest, work_order_id: int, payload: CancelIn) -> Any:
    services.work_order_cancel(actor=request.user, work_order_id=work_order_id, reason=payload.reason)
    return _detail(request, work_order_id)


@router.get("/part-kinds", response=list[PartKindOut])
def part_kinds_api(request: HttpRequest, category: str) -> Any:
    """The controlled list of parts for a category code (main parts marked)."""
    main = part_list_for(category).main
    return [{"kind": kind, "label": label.rstrip(" ★"), "is_main_part": kind in main}
            for kind, label in part_choices(category)]


@router.get("/items/{int:item_id}/history", response=RepairHistoryOut)
def repair_history_api(request: HttpRequest, item_id: int) -> Any:
    """The item's completed repairs as the sale-time disclosure shows them (404 unless the item is visible)."""
    item_get_for(request.user, item_id)
    history = facade.repair_history(item_id)
    return {"item_id": history.item_id, "is_refurbished": history.is_refurbished,
            "has_non_original_parts": history.has_non_original_parts,
            "main_parts_replaced": list(history.main_parts_replaced),
            "records": [{**record.__dict__, "faults": list(record.faults),
                         "parts": [{**part.__dict__, "kind_label": part.kind_label, "origin_label": part.origin_label,
                                    "is_original": part.is_original} for part in record.parts]}
                        for record in history.records]}
