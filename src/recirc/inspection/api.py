"""Inspection API: the queue and completed inspections, an item's checklist, preview and completion, reports,
the public verification (no authentication) and market supervision's referrals. Roles and scope as on the
pages: 403 for roles without access, 404 outside the operator's scope, and a refusal changes nothing.

No `from __future__ import annotations` here: @paginate wraps the handler, and Ninja must see real types.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import PageNumberPagination, paginate

from recirc.accounts.auth import api_auth
from recirc.inspection import referrals, selectors, services
from recirc.inspection.exports import evidence_package
from recirc.inspection.forms import initial_answer
from recirc.inspection.queue import queue_sync
from recirc.inspection.reports import verify
from recirc.inspection.schemas import (
    AnswersIn,
    ChecklistOut,
    InspectionDetailOut,
    InspectionFilter,
    InspectionOut,
    PreviewOut,
    ReferralCloseIn,
    ReferralFilter,
    ReferralOut,
    ReportOut,
)

router = Router(tags=["inspection"], auth=api_auth)


@router.get("/inspections", response=list[InspectionOut])
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def inspection_list_api(request: HttpRequest, filters: InspectionFilter = Query(...)) -> Any:  # noqa: B008
    rows = selectors.inspection_list(request.user, status=filters.status, query=filters.q, category=filters.category,
                                     outcome=filters.outcome, grade=filters.grade)  # refuses roles without access
    queue_sync()  # the queryset is lazy: it is read after new passports have joined the queue
    return rows


@router.get("/inspections/{int:inspection_id}", response=InspectionDetailOut)
def inspection_get_api(request: HttpRequest, inspection_id: int) -> Any:
    return selectors.inspection_get(request.user, inspection_id)


@router.get("/items/{int:item_id}/checklist", response=ChecklistOut)
def checklist_get_api(request: HttpRequest, item_id: int) -> Any:
    item = services.inspectable_item(request.user, item_id)
    checklist = services.checklist_for(item)
    return {"id": checklist.id, "code": checklist.code, "version": checklist.version, "name": checklist.name,
            "name_en": checklist.name_en, "scale": checklist.scale.code,
            "items": [{"key": entry.key, "kind": entry.kind, "section": entry.section, "label": entry.label,
                       "label_en": entry.label_en, "required": entry.required,
                       "initial": initial_answer(entry, item), "options": list(entry.options),
                       "minimum": entry.minimum, "maximum": entry.maximum, "unit": entry.unit}
                      for entry in checklist.items]}


@router.post("/items/{int:item_id}/preview", response=PreviewOut)
def inspection_preview_api(request: HttpRequest, item_id: int, payload: AnswersIn) -> Any:
    return services.inspection_preview(actor=request.user, item_id=item_id, answers=payload.answers)


@router.post("/items/{int:item_id}/inspection", response={201: InspectionDetailOut})
def inspection_complete_api(request: HttpRequest, item_id: int, payload: AnswersIn) -> Any:
    return Status(201, services.inspection_complete(actor=request.user, item_id=item_id, answers=payload.answers))


def _report_out(report: Any) -> dict[str, Any]:
    result = verify(report.code, report.payload, report.sha256)
    return {"code": report.code, "sha256": report.sha256, "computed_sha256": result.computed, "intact": result.intact,
            "issued_at": report.issued_at, "document": report.payload}


@router.get("/reports/{code}", response=ReportOut)
def report_get_api(request: HttpRequest, code: str) -> Any:
    return _report_out(selectors.report_get(request.user, code))


@router.get("/verify/{code}", response=ReportOut, auth=None)
def report_verify_api(request: HttpRequest, code: str) -> Any:
    """Public: the report document and a fresh check of its hash. No sign-in, no personal data."""
    return _report_out(selectors.report_public(code))


@router.get("/referrals", response=list[ReferralOut])
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def referral_list_api(request: HttpRequest, filters: ReferralFilter = Query(...)) -> Any:  # noqa: B008
    return selectors.referral_list(request.user, status=filters.status, query=filters.q)


@router.get("/referrals/{int:referral_id}", response=ReferralOut)
def referral_get_api(request: HttpRequest, referral_id: int) -> Any:
    return selectors.referral_get(request.user, referral_id)


@router.post("/referrals/{int:referral_id}/acknowledge", response=ReferralOut)
def referral_acknowledge_api(request: HttpRequest, referral_id: int) -> Any:
    referrals.referral_acknowledge(actor=request.user, referral_id=referral_id)
    return selectors.referral_get(request.user, referral_id)


@router.post("/referrals/{int:referral_id}/close", response=ReferralOut)
def referral_close_api(request: HttpRequest, referral_id: int, payload: ReferralCloseIn) -> Any:
    referrals.referral_close(actor=request.user, referral_id=referral_id, outcome=payload.outcome,
                             case_number=payload.case_number, note=payload.note)
    return selectors.referral_get(request.user, referral_id)


@router.get("/referrals/{int:referral_id}/evidence", response=dict[str, Any])
def referral_evidence_api(request: HttpRequest, referral_id: int) -> Any:
    return evidence_package(selectors.referral_get(request.user, referral_id))
