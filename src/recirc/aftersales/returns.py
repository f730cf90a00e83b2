"""Return requests: requested -> approved / refused; approved -> goods returned (the passport goes back to the
seller) -> refunded (through trade's ledger, once per request by its idempotency key); the buyer may withdraw
before the goods are back. Each step is one transaction with its audit event; a refusal writes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recirc.aftersales import casework, policy
from recirc.aftersales.conf import no_reason_return_days
from recirc.aftersales.errors import (
    AmountTooHigh,
    NoReasonNotOffered,
    OpenCaseExists,
    OpenForbidden,
    ReturnWindowClosed,
    WarrantyNotFound,
    WarrantyVoid,
)
from recirc.aftersales.evidence import EvidenceFile, evidence_check, evidence_store
from recirc.aftersales.models import Party, ReturnKind, ReturnRequest, Warranty, WarrantyState
from recirc.aftersales.validation import Checker
from recirc.aftersales.warranties import warranty_void
from recirc.items.facade import item_sale_reverse
from recirc.trade.facade import refund_issue


def return_window_days(warranty: Warranty) -> int:
    """Online sales: at least the legal no-reason window; other channels: what the seller offered (maybe 0)."""
    if warranty.channel == "online":
        return max(warranty.return_window_days, no_reason_return_days())
    return warranty.return_window_days


def return_window_ends(warranty: Warranty) -> dt.date:
    return timezone.localtime(warranty.delivered_at).date() + dt.timedelta(days=return_window_days(warranty))


def no_reason_open(warranty: Warranty, day: dt.date | None = None) -> bool:
    day = day or timezone.localdate()
    return return_window_days(warranty) > 0 and day <= return_window_ends(warranty)


def locked_warranty(actor: Any, warranty_id: int) -> Warranty:
    """The record, locked, for its buyer; 403 for others who may see it, 404 for everyone else."""
    warranty = Warranty.objects.select_for_update().filter(pk=warranty_id).first()
    if warranty is None or not policy.may_see(actor, warranty):
        raise WarrantyNotFound()
    if not policy.may_open(actor, warranty):
        raise OpenForbidden()
    if warranty.state == WarrantyState.VOID:
        raise WarrantyVoid()
    return warranty


def _check_no_reason(warranty: Warranty) -> None:
    days = return_window_days(warranty)
    if days == 0:
        raise NoReasonNotOffered()
    if not no_reason_open(warranty):
        raise ReturnWindowClosed(params={"days": days, "date": return_window_ends(warranty).isoformat()})


def _amount(check: Checker, warranty: Warranty, amount: Any) -> Decimal:
    value = check.amount("amount", amount, required=False)
    if value is not None and value > warranty.price:
        raise AmountTooHigh(field="amount", params={"limit": warranty.price})
    return value if value is not None else warranty.price


@transaction.atomic
def return_open(*, actor: Any, warranty_id: int, kind: str, reason: str = "", amount: Any = None,
                evidence: Iterable[EvidenceFile] = ()) -> ReturnRequest:
    """The buyer asks to return the item: no reason inside the window, else a reason and at least one piece of
    evidence. `amount` defaults to the price paid for the item and can never exceed it."""
    warranty = locked_warranty(actor, warranty_id)
    check = Checker()
    kind = check.choice("kind", kind, ReturnKind.values)
    if kind == ReturnKind.NO_REASON:
        _check_no_reason(warranty)
    text = check.text("reason", reason, limit=2000, required=kind in (ReturnKind.DEFECTIVE,
                                                                     ReturnKind.NOT_AS_DESCRIBED))
    files = list(evidence)
    if kind in (ReturnKind.DEFECTIVE, ReturnKind.NOT_AS_DESCRIBED) and not files:
        check.add("evidence", _("Attach at least one photo or document that shows the problem."))
    value = _amount(check, warranty, amount)
    check.raise_if_any()
    checked = evidence_check(files)
    request = ReturnRequest(number=casework.new_number(ReturnRequest, "return"), kind=kind, reason=text,
                            amount=value, **casework.parties_of(warranty))
    casework.due(request, Party.SELLER, "RESPONSE_DAYS")
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError as error:
        open_one = ReturnRequest.objects.filter(warranty=warranty).exclude(state__in=["refused", "refunded",
                                                                                     "cancelled"]).first()
        raise OpenCaseExists(params={"number": open_one.number if open_one else "—"}) from error
    evidence_store(actor=actor, case=request, party=Party.BUYER, files=checked)
    casework.record(actor, request, "return_requested", "", kind=kind, amount=value, item_code=warranty.item_code)
    casework.notify(request, "return_requested", party=Party.SELLER)
    return request


@transaction.atomic
def return_approve(*, actor: Any, return_id: int) -> ReturnRequest:
    request = casework.locked_case(ReturnRequest, actor, return_id)
    casework.require(actor, request, "approve")
    from_state = casework.move(request, "approve")
    request.decided_by, request.decided_at = actor, timezone.now()
    casework.due(request, Party.BUYER, "SHIP_BACK_DAYS")
    request.save()
    casework.record(actor, request, "return_approved", from_state, amount=request.amount)
    casework.notify(request, "return_approved", party=Party.BUYER)
    return request


@transaction.atomic
def return_refuse(*, actor: Any, return_id: int, reason: str) -> ReturnRequest:
    request = casework.locked_case(ReturnRequest, actor, return_id)
    casework.require(actor, request, "refuse")
    check = Checker()
    text = check.text("reason", reason, limit=1000, required=True)
    check.raise_if_any()
    from_state = casework.move(request, "refuse")
    request.decided_by, request.decided_at, request.refusal_reason = actor, timezone.now(), text
    casework.close(request)
    request.save()
    casework.record(actor, request, "return_refused", from_state)
    casework.notify(request, "return_refused", party=Party.BUYER)
    return request


@transaction.atomic
def return_ship_back(*, actor: Any, return_id: int, carrier: str = "", tracking_number: str = "") -> ReturnRequest:
    """The buyer has sent (or brought) the goods back; the seller now has RECEIVE_DAYS to receive them."""
    request = casework.locked_case(ReturnRequest, actor, return_id)
    casework.require(actor, request, "ship_back")
    check = Checker()
    carrier_text = check.text("carrier", carrier, limit=60, single_line=True)
    tracking = check.text("tracking_number", tracking_number, limit=60, single_line=True)
    check.raise_if_any()
    request.ship_back_carrier, request.ship_back_tracking = carrier_text, tracking
    request.shipped_back_at = timezone.now()
    casework.due(request, Party.SELLER, "RECEIVE_DAYS")
    request.save()
    casework.record(actor, request, "return_sent_back", request.state, carrier=carrier_text)
    return request


@transaction.atomic
def return_receive(*, actor: Any, return_id: int) -> ReturnRequest:
    """The seller has the goods back: the item's passport returns to the seller (in stock again)."""
    request = casework.locked_case(ReturnRequest, actor, return_id)
    casework.require(actor, request, "receive")
    from_state = casework.move(request, "receive")
    warranty = request.warranty
    item_sale_reverse(actor=actor, item_id=warranty.item_id, to_operator_id=warranty.seller_operator_id,
                      to_user_id=warranty.seller_user_id if warranty.seller_operator_id is None else None,
                      reference=request.number, outlet_id=warranty.seller_outlet_id)
    request.received_by, request.received_at = actor, timezone.now()
    casework.due(request, Party.SELLER, "REFUND_DAYS")
    request.save()
    casework.record(actor, request, "return_goods_received", from_state, item_code=warranty.item_code)
    return request


@transaction.atomic
def return_refund(*, actor: Any, return_id: int) -> ReturnRequest:
    """The money goes back through the ledger (trade refuses more than was paid less refunded), at most once:
    the idempotency key is derived from the request's number. The item's record is then void."""
    request = casework.locked_case(ReturnRequest, actor, return_id)
    casework.require(actor, request, "refund")
    from_state = casework.move(request, "refund")
    refund = refund_issue(actor=None, order_id=request.warranty.order_id, amount=request.amount,
                          reason=f"Return {request.number}", idempotency_key=request.idempotency_key)
    request.refund_number, request.refunded_amount, request.refunded_at = refund.number, refund.amount, timezone.now()
    casework.close(request)
    request.save()
    warranty_void(actor=actor, warranty=request.warranty, reference=request.number)
    casework.record(actor, request, "return_refunded", from_state, amount=refund.amount, refund=refund.number)
    casework.notify(request, "return_refunded", party=Party.BUYER)
    return request


@transaction.atomic
def return_cancel(*, actor: Any, return_id: int) -> ReturnRequest:
    request = casework.locked_case(ReturnRequest, actor, return_id)
    casework.require(actor, request, "cancel")
    from_state = casework.move(request, "cancel")
    casework.close(request)
    request.save()
    casework.record(actor, request, "return_withdrawn", from_state)
    return request
