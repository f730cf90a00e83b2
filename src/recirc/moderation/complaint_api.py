"""Complaints API: filing, the seller's answer, the complainant's acceptance or rejection (escalation), market
supervision's case steps and notes, and the scoped lists. Reads are scoped (others' complaints answer 404); every
write goes through one service.

No `from __future__ import annotations` here: @paginate wraps the handler, and Ninja must see real types.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import PageNumberPagination, paginate

from recirc.moderation import complaint_casework as casework
from recirc.moderation import complaint_selectors as selectors
from recirc.moderation import complaint_services as services
from recirc.moderation.complaint_schemas import (
    AnswerIn,
    CloseIn,
    ComplaintFilter,
    ComplaintIn,
    ComplaintOut,
    FindingsIn,
    NoteIn,
    NoteOut,
    ReasonIn,
    evidence_files,
)

# Mounted at /api/v1/complaints by config/api.py, which gives it the API's authentication (api_auth).
router = Router(tags=["complaints"])


@router.get("", response=list[ComplaintOut])
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def complaint_list_api(request: HttpRequest, filters: ComplaintFilter = Query(...)) -> Any:  # noqa: B008
    criteria: dict[str, Any] = {"state": filters.state, "category": filters.category, "q": filters.q}
    if filters.scope == "supervision":
        return selectors.supervision_queue(request.user, **criteria).prefetch_related("evidence")
    if filters.scope == "against":
        return selectors.complaints_against(request.user, **criteria).prefetch_related("evidence")
    complaints = (selectors.complaints_filed_by(request.user) if filters.scope == "mine"
                  else selectors.complaints_visible(request.user))
    return selectors.filtered(complaints, **criteria).order_by("-created_at", "-id").prefetch_related("evidence")


@router.post("", response={201: ComplaintOut})
def complaint_file_api(request: HttpRequest, payload: ComplaintIn) -> Any:
    return Status(201, services.complaint_file(
        actor=request.user, category=payload.category, statement=payload.statement,
        subject_kind=payload.subject_kind, reference=payload.reference, evidence=evidence_files(payload.evidence)))


@router.get("/{int:complaint_id}", response=ComplaintOut)
def complaint_get_api(request: HttpRequest, complaint_id: int) -> Any:
    return selectors.complaint_get(request.user, complaint_id)


@router.post("/{int:complaint_id}/answer", response=ComplaintOut)
def complaint_answer_api(request: HttpRequest, complaint_id: int, payload: AnswerIn) -> Any:
    return services.complaint_answer(actor=request.user, complaint_id=complaint_id, answer=payload.answer)


@router.post("/{int:complaint_id}/accept", response=ComplaintOut)
def complaint_accept_api(request: HttpRequest, complaint_id: int) -> Any:
    return services.complaint_accept(actor=request.user, complaint_id=complaint_id)


@router.post("/{int:complaint_id}/escalate", response=ComplaintOut)
def complaint_escalate_api(request: HttpRequest, complaint_id: int, payload: ReasonIn) -> Any:
    """The complainant rejects the seller's answer: the complaint goes to market supervision."""
    return services.complaint_reject(actor=request.user, complaint_id=complaint_id, reason=payload.reason)


@router.post("/{int:complaint_id}/withdraw", response=ComplaintOut)
def complaint_withdraw_api(request: HttpRequest, complaint_id: int) -> Any:
    return services.complaint_withdraw(actor=request.user, complaint_id=complaint_id)


@router.post("/{int:complaint_id}/case", response=ComplaintOut)
def complaint_case_open_api(request: HttpRequest, complaint_id: int, payload: FindingsIn) -> Any:
    return casework.complaint_case_open(actor=request.user, complaint_id=complaint_id, findings=payload.findings)


@router.post("/{int:complaint_id}/refer", response=ComplaintOut)
def complaint_refer_api(request: HttpRequest, complaint_id: int, payload: ReasonIn) -> Any:
    return casework.complaint_refer(actor=request.user, complaint_id=complaint_id, reason=payload.reason)


@router.post("/{int:complaint_id}/close", response=ComplaintOut)
def complaint_close_api(request: HttpRequest, complaint_id: int, payload: CloseIn) -> Any:
    return casework.complaint_close(actor=request.user, complaint_id=complaint_id, decision=payload.decision,
                                    reasons=payload.reasons, findings=payload.findings)


@router.post("/{int:complaint_id}/notes", response={201: NoteOut})
def complaint_note_api(request: HttpRequest, complaint_id: int, payload: NoteIn) -> Any:
    return Status(201, casework.complaint_note_add(actor=request.user, complaint_id=complaint_id, text=payload.text))
