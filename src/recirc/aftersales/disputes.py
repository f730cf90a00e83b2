"""Disputes: the buyer asks the platform to decide (about a refused return, a refused repair, or anything on the
record). open (the seller has STATEMENT_DAYS to state their side) -> under review (the seller stated, or a
moderator started the review) -> decided by a platform moderator or administrator: a refund through the ledger
(at most once, by the dispute's idempotency key; never more than was paid) or none, with reasons. The buyer may
withdraw before the decision. Evidence may be added by both parties while the dispute is open."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from recirc.aftersales import casework, policy
from recirc.aftersales.errors import AmountTooHigh, CaseNotFound, OpenCaseExists
from recirc.aftersales.evidence import EvidenceFile, evidence_check, evidence_store
from recirc.aftersales.models import (
    Dispute,
    DisputeOutcome,
    DisputeState,
    DisputeStatement,
    Party,
    ReturnRequest,
    ServiceTicket,
    Warranty,
)
from recirc.aftersales.returns import locked_warranty
from recirc.aftersales.validation import Checker
from recirc.trade.facade import refund_issue


def _linked(model: type[ReturnRequest] | type[ServiceTicket], case_id: int | None, warranty: Warranty) -> Any:
    if not case_id:
        return None
    case = model.objects.filter(pk=case_id, warranty=warranty).first()
    if case is None:
        raise CaseNotFound()
    return case


@transaction.atomic
def dispute_open(*, actor: Any, warranty_id: int, claim: str, amount_claimed: Any = None, return_id: int | None = None,
                 ticket_id: int | None = None, evidence: Iterable[EvidenceFile] = ()) -> Dispute:
    warranty = locked_warranty(actor, warranty_id)
    request, ticket = _linked(ReturnRequest, return_id, warranty), _linked(ServiceTicket, ticket_id, warranty)
    check = Checker()
    text = check.text("claim", claim, limit=4000, required=True)
    amount = check.amount("amount_claimed", amount_claimed, required=False)
    check.raise_if_any()
    if amount is not None and amount > warranty.price:
        raise AmountTooHigh(field="amount_claimed", params={"limit": warranty.price})
    checked = evidence_check(evidence)
    dispute = Dispute(number=casework.new_number(Dispute, "dispute"), claim=text, amount_claimed=amount or 0,
                      return_request=request, ticket=ticket, **casework.parties_of(warranty))
    casework.due(dispute, Party.SELLER, "STATEMENT_DAYS")
    try:
        with transaction.atomic():
            dispute.save()
    except IntegrityError as error:
        open_one = Dispute.objects.filter(warranty=warranty, state__in=["open", "under_review"]).first()
        raise OpenCaseExists(params={"number": open_one.number if open_one else "—"}) from error
    evidence_store(actor=actor, case=dispute, party=Party.BUYER, files=checked)
    casework.record(actor, dispute, "dispute_opened", "", amount_claimed=dispute.amount_claimed,
                    about=request.number if request else ticket.number if ticket else "")
    casework.notify(dispute, "dispute_opened", party=Party.SELLER)
    return dispute


def _start_review(actor: Any, dispute: Dispute, why: str) -> None:
    from_state = casework.move(dispute, "review")
    casework.due(dispute, Party.PLATFORM, "DECISION_DAYS")
    casework.record(actor, dispute, "dispute_review_started", from_state, why=why)


@transaction.atomic
def dispute_statement_add(*, actor: Any, dispute_id: int, text: str,
                          evidence: Iterable[EvidenceFile] = ()) -> DisputeStatement:
    """A party states their side (the seller's first statement starts the platform's review); the platform may
    note or ask too."""
    dispute = casework.locked_case(Dispute, actor, dispute_id)
    casework.require(actor, dispute, "statement")
    check = Checker()
    body = check.text("text", text, limit=4000, required=True)
    check.raise_if_any()
    checked = evidence_check(evidence, already=dispute.evidence.count())
    party = policy.party_of(actor, dispute)
    statement = DisputeStatement.objects.create(dispute=dispute, party=party, author=actor, text=body)
    evidence_store(actor=actor, case=dispute, party=party, files=checked)
    if party == Party.SELLER and dispute.state == DisputeState.OPEN:
        _start_review(actor, dispute, "seller_statement")
    dispute.save()
    casework.record(actor, dispute, "dispute_statement_added", dispute.state, party=party)
    return statement


@transaction.atomic
def dispute_review(*, actor: Any, dispute_id: int) -> Dispute:
    """A moderator starts the review without the seller's statement (the seller is late or declines)."""
    dispute = casework.locked_case(Dispute, actor, dispute_id)
    casework.require(actor, dispute, "review")
    _start_review(actor, dispute, "platform")
    dispute.save()
    return dispute


def _refund(dispute: Dispute, amount: Any, check: Checker) -> Any:
    value = check.amount("refund_amount", amount)
    check.raise_if_any()
    assert value is not None
    if value > dispute.warranty.price:
        raise AmountTooHigh(field="refund_amount", params={"limit": dispute.warranty.price})
    return refund_issue(actor=None, order_id=dispute.warranty.order_id, amount=value,
                        reason=f"Dispute {dispute.number}", idempotency_key=dispute.idempotency_key)


@transaction.atomic
def dispute_decide(*, actor: Any, dispute_id: int, outcome: str, reasons: str, refund_amount: Any = None) -> Dispute:
    """The platform's decision: a refund (through the ledger) or none, and the reasons both parties read."""
    dispute = casework.locked_case(Dispute, actor, dispute_id)
    casework.require(actor, dispute, "decide")
    check = Checker()
    outcome = check.choice("outcome", outcome, DisputeOutcome.values)
    text = check.text("reasons", reasons, limit=4000, required=True)
    check.raise_if_any()
    from_state = casework.move(dispute, "decide")
    if outcome == DisputeOutcome.REFUND:
        refund = _refund(dispute, refund_amount, check)
        dispute.refund_amount, dispute.refund_number = refund.amount, refund.number
    dispute.outcome, dispute.decision_reasons = outcome, text
    dispute.decided_by, dispute.decided_at = actor, timezone.now()
    casework.close(dispute)
    dispute.save()
    casework.record(actor, dispute, "dispute_decided", from_state, outcome=outcome, amount=dispute.refund_amount,
                    refund=dispute.refund_number)
    casework.notify(dispute, "dispute_decided", party=Party.BUYER)
    casework.notify(dispute, "dispute_decided", party=Party.SELLER)
    return dispute


@transaction.atomic
def dispute_withdraw(*, actor: Any, dispute_id: int) -> Dispute:
    dispute = casework.locked_case(Dispute, actor, dispute_id)
    casework.require(actor, dispute, "withdraw")
    from_state = casework.move(dispute, "withdraw")
    casework.close(dispute)
    dispute.save()
    casework.record(actor, dispute, "dispute_withdrawn", from_state)
    return dispute


@transaction.atomic
def case_evidence_add(*, actor: Any, model: type[ReturnRequest] | type[ServiceTicket] | type[Dispute],
                      case_id: int, files: Iterable[EvidenceFile]) -> list[Any]:
    """More evidence on an open case, by a party (or the platform, on a dispute)."""
    case = casework.locked_case(model, actor, case_id)
    casework.require(actor, case, "evidence")
    checked = evidence_check(files, already=case.evidence.count())
    return evidence_store(actor=actor, case=case, party=policy.party_of(actor, case), files=checked)
