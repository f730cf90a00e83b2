"""After-sales API: purchase records, returns, warranty repairs and disputes through their state machines. Reads
are scoped (others' cases answer 404); every write goes through one service.

No `from __future__ import annotations` here: @paginate wraps the handler, and Ninja must see real types.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import PageNumberPagination, paginate

from recirc.accounts.auth import api_auth
from recirc.aftersales import disputes, returns, selectors, tickets, warranties
from recirc.aftersales.errors import ActionForbidden
from recirc.aftersales.policy import is_platform
from recirc.aftersales.schemas import (
    AcceptIn,
    CaseFilter,
    CompleteIn,
    DecideIn,
    DisputeIn,
    DisputeOut,
    ReasonIn,
    ReceiptIn,
    ReturnIn,
    ReturnOut,
    ShipBackIn,
    StatementIn,
    StatementOut,
    SyncOut,
    TicketIn,
    TicketOut,
    WarrantyOut,
    evidence_files,
)

router = Router(tags=["aftersales"], auth=api_auth)
PAGE = settings.API_PAGE_SIZE


def _cases(request: HttpRequest, kind: str, filters: CaseFilter) -> Any:
    return selectors.case_list(request.user, kind, state=filters.state, overdue=filters.overdue,
                               query=filters.q, open_only=filters.open)


@router.get("/warranties", response=list[WarrantyOut])
@paginate(PageNumberPagination, page_size=PAGE)
def warranty_list_api(request: HttpRequest) -> Any:
    """Purchase records the caller may see; a buyer's delivered sales are recorded first."""
    warranties.warranties_for_buyer_sync(actor=request.user)
    return selectors.warranties_visible_to(request.user).order_by("-delivered_at", "-id")


@router.get("/warranties/{int:warranty_id}", response=WarrantyOut)
def warranty_get_api(request: HttpRequest, warranty_id: int) -> Any:
    return selectors.warranty_get(request.user, warranty_id)


@router.post("/warranties/claim", response=list[WarrantyOut])
def warranty_claim_api(request: HttpRequest, payload: ReceiptIn) -> Any:
    """A walk-in buyer attaches a counter sale by the receipt code printed on the receipt."""
    return warranties.warranty_claim_by_receipt(actor=request.user, receipt_code=payload.receipt_code)


@router.post("/sync", response=SyncOut)
def warranty_sync_api(request: HttpRequest) -> Any:
    """Pull completed sales now (platform administrators and moderators; the periodic task does it anyway)."""
    if not is_platform(request.user):
        raise ActionForbidden()
    return {"records_made": warranties.warranties_sync_all()}


@router.get("/returns", response=list[ReturnOut])
@paginate(PageNumberPagination, page_size=PAGE)
def return_list_api(request: HttpRequest, filters: CaseFilter = Query(...)) -> Any:  # noqa: B008
    return _cases(request, "return", filters)


@router.post("/warranties/{int:warranty_id}/returns", response={201: ReturnOut})
def return_open_api(request: HttpRequest, warranty_id: int, payload: ReturnIn) -> Any:
    return Status(201, returns.return_open(actor=request.user, warranty_id=warranty_id, kind=payload.kind,
                                           reason=payload.reason, amount=payload.amount,
                                           evidence=evidence_files(payload.evidence)))


@router.get("/returns/{int:return_id}", response=ReturnOut)
def return_get_api(request: HttpRequest, return_id: int) -> Any:
    return selectors.case_get(request.user, "return", return_id)


@router.post("/returns/{int:return_id}/approve", response=ReturnOut)
def return_approve_api(request: HttpRequest, return_id: int) -> Any:
    return returns.return_approve(actor=request.user, return_id=return_id)


@router.post("/returns/{int:return_id}/refuse", response=ReturnOut)
def return_refuse_api(request: HttpRequest, return_id: int, payload: ReasonIn) -> Any:
    return returns.return_refuse(actor=request.user, return_id=return_id, reason=payload.reason)


@router.post("/returns/{int:return_id}/ship-back", response=ReturnOut)
def return_ship_back_api(request: HttpRequest, return_id: int, payload: ShipBackIn) -> Any:
    return returns.return_ship_back(actor=request.user, return_id=return_id, carrier=payload.carrier,
                                    tracking_number=payload.tracking_number)


@router.post("/returns/{int:return_id}/receive", response=ReturnOut)
def return_receive_api(request: HttpRequest, return_id: int) -> Any:
    return returns.return_receive(actor=request.user, return_id=return_id)


@router.post("/returns/{int:return_id}/refund", response=ReturnOut)
def return_refund_api(request: HttpRequest, return_id: int) -> Any:
    """Refund through the ledger, at most once (the request's own idempotency key)."""
    return returns.return_refund(actor=request.user, return_id=return_id)


@router.post("/returns/{int:return_id}/cancel", response=ReturnOut)
def return_cancel_api(request: HttpRequest, return_id: int) -> Any:
    return returns.return_cancel(actor=request.user, return_id=return_id)


@router.get("/tickets", response=list[TicketOut])
@paginate(PageNumberPagination, page_size=PAGE)
def ticket_list_api(request: HttpRequest, filters: CaseFilter = Query(...)) -> Any:  # noqa: B008
    return _cases(request, "ticket", filters)


@router.post("/warranties/{int:warranty_id}/tickets", response={201: TicketOut})
def ticket_open_api(request: HttpRequest, warranty_id: int, payload: TicketIn) -> Any:
    return Status(201, tickets.ticket_open(actor=request.user, warranty_id=warranty_id, fault=payload.fault,
                                           evidence=evidence_files(payload.evidence)))


@router.get("/tickets/{int:ticket_id}", response=TicketOut)
def ticket_get_api(request: HttpRequest, ticket_id: int) -> Any:
    return selectors.case_get(request.user, "ticket", ticket_id)


@router.post("/tickets/{int:ticket_id}/accept", response=TicketOut)
def ticket_accept_api(request: HttpRequest, ticket_id: int, payload: AcceptIn) -> Any:
    return tickets.ticket_accept(actor=request.user, ticket_id=ticket_id, work_order_number=payload.work_order_number)


@router.post("/tickets/{int:ticket_id}/refuse", response=TicketOut)
def ticket_refuse_api(request: HttpRequest, ticket_id: int, payload: ReasonIn) -> Any:
    return tickets.ticket_refuse(actor=request.user, ticket_id=ticket_id, reason=payload.reason)


@router.post("/tickets/{int:ticket_id}/complete", response=TicketOut)
def ticket_complete_api(request: HttpRequest, ticket_id: int, payload: CompleteIn) -> Any:
    return tickets.ticket_complete(actor=request.user, ticket_id=ticket_id, outcome=payload.outcome,
                                   resolution=payload.resolution, refund_amount=payload.refund_amount)


@router.post("/tickets/{int:ticket_id}/cancel", response=TicketOut)
def ticket_cancel_api(request: HttpRequest, ticket_id: int) -> Any:
    return tickets.ticket_cancel(actor=request.user, ticket_id=ticket_id)


@router.get("/disputes", response=list[DisputeOut])
@paginate(PageNumberPagination, page_size=PAGE)
def dispute_list_api(request: HttpRequest, filters: CaseFilter = Query(...)) -> Any:  # noqa: B008
    return _cases(request, "dispute", filters)


@router.post("/warranties/{int:warranty_id}/disputes", response={201: DisputeOut})
def dispute_open_api(request: HttpRequest, warranty_id: int, payload: DisputeIn) -> Any:
    return Status(201, disputes.dispute_open(
        actor=request.user, warranty_id=warranty_id, claim=payload.claim, amount_claimed=payload.amount_claimed,
        return_id=payload.return_id, ticket_id=payload.ticket_id, evidence=evidence_files(payload.evidence)))


@router.get("/disputes/{int:dispute_id}", response=DisputeOut)
def dispute_get_api(request: HttpRequest, dispute_id: int) -> Any:
    return selectors.case_get(request.user, "dispute", dispute_id)


@router.get("/disputes/{int:dispute_id}/statements", response=list[StatementOut])
def dispute_statements_api(request: HttpRequest, dispute_id: int) -> Any:
    return selectors.statements_of(selectors.case_get(request.user, "dispute", dispute_id))


@router.post("/disputes/{int:dispute_id}/statements", response={201: StatementOut})
def dispute_statement_api(request: HttpRequest, dispute_id: int, payload: StatementIn) -> Any:
    return Status(201, disputes.dispute_statement_add(actor=request.user, dispute_id=dispute_id, text=payload.text,
                                                      evidence=evidence_files(payload.evidence)))


@router.post("/disputes/{int:dispute_id}/review", response=DisputeOut)
def dispute_review_api(request: HttpRequest, dispute_id: int) -> Any:
    return disputes.dispute_review(actor=request.user, dispute_id=dispute_id)


@router.post("/disputes/{int:dispute_id}/decide", response=DisputeOut)
def dispute_decide_api(request: HttpRequest, dispute_id: int, payload: DecideIn) -> Any:
    """A platform moderator's or administrator's decision: a refund through the ledger, or none, with reasons."""
    return disputes.dispute_decide(actor=request.user, dispute_id=dispute_id, outcome=payload.outcome,
                                   reasons=payload.reasons, refund_amount=payload.refund_amount)


@router.post("/disputes/{int:dispute_id}/withdraw", response=DisputeOut)
def dispute_withdraw_api(request: HttpRequest, dispute_id: int) -> Any:
    return disputes.dispute_withdraw(actor=request.user, dispute_id=dispute_id)
