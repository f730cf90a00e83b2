"""Repairs under warranty: the buyer reports a fault while the warranty runs (open); the seller accepts it
(in repair, optionally naming the repair work order) or refuses it as not covered (with a reason); the repair
completes as repaired, replaced or, when it cannot be repaired, refunded through the ledger."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recirc.aftersales import casework, policy
from recirc.aftersales.errors import ActionForbidden, AmountTooHigh, OpenCaseExists, WarrantyNotRunning
from recirc.aftersales.evidence import EvidenceFile, evidence_check, evidence_store
from recirc.aftersales.models import Party, ServiceTicket, TicketOutcome
from recirc.aftersales.returns import locked_warranty
from recirc.aftersales.validation import Checker
from recirc.aftersales.warranties import warranty_void
from recirc.repairs.facade import WorkOrderNotFound, work_order_by_number
from recirc.trade.facade import refund_issue

WORK_ORDER_NUMBER = re.compile(r"^R\d{6}-[0-9A-Z]{5}$")


@transaction.atomic
def ticket_open(*, actor: Any, warranty_id: int, fault: str, evidence: Iterable[EvidenceFile] = ()) -> ServiceTicket:
    """The buyer reports a fault on an item whose warranty runs today."""
    warranty = locked_warranty(actor, warranty_id)
    if not warranty.covers():
        period = (_("no warranty") if not warranty.has_warranty else
                  f"{warranty.starts_on.isoformat()} – {warranty.ends_on.isoformat()}")
        raise WarrantyNotRunning(params={"period": period})
    check = Checker()
    text = check.text("fault", fault, limit=2000, required=True)
    check.raise_if_any()
    checked = evidence_check(evidence)
    ticket = ServiceTicket(number=casework.new_number(ServiceTicket, "ticket"), fault=text,
                           **casework.parties_of(warranty))
    casework.due(ticket, Party.SELLER, "RESPONSE_DAYS")
    try:
        with transaction.atomic():
            ticket.save()
    except IntegrityError as error:
        open_one = ServiceTicket.objects.filter(warranty=warranty, state__in=["open", "in_repair"]).first()
        raise OpenCaseExists(params={"number": open_one.number if open_one else "—"}) from error
    evidence_store(actor=actor, case=ticket, party=Party.BUYER, files=checked)
    casework.record(actor, ticket, "ticket_opened", "", item_code=warranty.item_code, ends_on=warranty.ends_on)
    casework.notify(ticket, "ticket_opened", party=Party.SELLER)
    return ticket


def _check_work_order(check: Checker, ticket: ServiceTicket, number: str) -> None:
    """The named work order must exist and be the seller's, for this ticket's item."""
    try:
        order = work_order_by_number(number)
    except WorkOrderNotFound:
        check.add("work_order_number", _("No repair work order has this number."))
        return
    if order.item_id != ticket.warranty.item_id or order.operator_id != ticket.seller_operator_id:
        check.add("work_order_number", _("This work order is for another item or another shop."))


@transaction.atomic
def ticket_accept(*, actor: Any, ticket_id: int, work_order_number: str = "") -> ServiceTicket:
    """The seller takes the repair on (REPAIR_DAYS to finish it)."""
    ticket = casework.locked_case(ServiceTicket, actor, ticket_id)
    casework.require(actor, ticket, "accept")
    check = Checker()
    number = check.text("work_order_number", work_order_number, limit=20, single_line=True).upper()
    if number and not WORK_ORDER_NUMBER.match(number):
        check.add("work_order_number", _("A work order number looks like R261130-7K3QF."))
    elif number:
        _check_work_order(check, ticket, number)
    check.raise_if_any()
    from_state = casework.move(ticket, "accept")
    ticket.decided_by, ticket.decided_at, ticket.work_order_number = actor, timezone.now(), number
    casework.due(ticket, Party.SELLER, "REPAIR_DAYS")
    ticket.save()
    casework.record(actor, ticket, "ticket_accepted", from_state, work_order=number)
    casework.notify(ticket, "ticket_accepted", party=Party.BUYER)
    return ticket


@transaction.atomic
def ticket_refuse(*, actor: Any, ticket_id: int, reason: str) -> ServiceTicket:
    """Not covered by the warranty (damage by the user, a wear part the terms exclude...): say why."""
    ticket = casework.locked_case(ServiceTicket, actor, ticket_id)
    casework.require(actor, ticket, "refuse")
    check = Checker()
    text = check.text("reason", reason, limit=1000, required=True)
    check.raise_if_any()
    from_state = casework.move(ticket, "refuse")
    ticket.decided_by, ticket.decided_at, ticket.refusal_reason = actor, timezone.now(), text
    casework.close(ticket)
    ticket.save()
    casework.record(actor, ticket, "ticket_refused", from_state)
    casework.notify(ticket, "ticket_refused", party=Party.BUYER)
    return ticket


def _refund(actor: Any, ticket: ServiceTicket, amount: Any) -> None:
    if not policy.is_seller_side(actor, ticket, policy.REFUND_ROLES):
        raise ActionForbidden()
    check = Checker()
    value = check.amount("refund_amount", amount)
    check.raise_if_any()
    assert value is not None
    if value > ticket.warranty.price:
        raise AmountTooHigh(field="refund_amount", params={"limit": ticket.warranty.price})
    refund = refund_issue(actor=None, order_id=ticket.warranty.order_id, amount=value,
                          reason=f"Warranty {ticket.number}", idempotency_key=ticket.idempotency_key)
    ticket.refund_number, ticket.refunded_amount = refund.number, refund.amount
    warranty_void(actor=actor, warranty=ticket.warranty, reference=ticket.number)


@transaction.atomic
def ticket_complete(*, actor: Any, ticket_id: int, outcome: str, resolution: str,
                    refund_amount: Any = None) -> ServiceTicket:
    ticket = casework.locked_case(ServiceTicket, actor, ticket_id)
    casework.require(actor, ticket, "complete")
    check = Checker()
    outcome = check.choice("outcome", outcome, TicketOutcome.values)
    text = check.text("resolution", resolution, limit=2000, required=True)
    check.raise_if_any()
    from_state = casework.move(ticket, "complete")
    if outcome == TicketOutcome.REFUNDED:
        _refund(actor, ticket, refund_amount)
    ticket.outcome, ticket.resolution, ticket.completed_by = outcome, text, actor
    casework.close(ticket)
    ticket.save()
    casework.record(actor, ticket, "ticket_completed", from_state, outcome=outcome, refund=ticket.refund_number)
    casework.notify(ticket, "ticket_completed", party=Party.BUYER)
    return ticket


@transaction.atomic
def ticket_cancel(*, actor: Any, ticket_id: int) -> ServiceTicket:
    ticket = casework.locked_case(ServiceTicket, actor, ticket_id)
    casework.require(actor, ticket, "cancel")
    from_state = casework.move(ticket, "cancel")
    casework.close(ticket)
    ticket.save()
    casework.record(actor, ticket, "ticket_withdrawn", from_state)
    return ticket
