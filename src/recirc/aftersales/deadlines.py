"""Deadlines: every open case has the due time of its next step and the party that owes it. The periodic task
marks the cases whose time has passed as overdue (once, with an audit event) and leaves an in-app notice for
the party that must act; the queues list overdue cases first and count them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from recirc.aftersales import casework, policy
from recirc.aftersales.models import Dispute, Notice, ReturnRequest, ServiceTicket
from recirc.core.audit import audit_record

CASE_MODELS: dict[str, Any] = {"return": ReturnRequest, "ticket": ServiceTicket, "dispute": Dispute}


@transaction.atomic
def cases_mark_overdue(*, now: dt.datetime | None = None, limit: int = 1000) -> dict[str, int]:
    """Mark open cases past their deadline as overdue; idempotent (a marked case is not marked again until its
    next step gets a new deadline)."""
    now = now or timezone.now()
    marked: dict[str, int] = {}
    for kind, model in CASE_MODELS.items():
        cases = list(model.objects.select_for_update().filter(
            state__in=sorted(policy.OPEN_STATES[kind]), due_at__lt=now, overdue_at__isnull=True)[:limit])
        for case in cases:
            case.overdue_at = now
            case.save(update_fields=["overdue_at", "updated_at"])
            audit_record(actor=None, action="aftersales.case_overdue", target=case,
                         operator_id=case.seller_operator_id,
                         payload={"number": case.number, "state": case.state, "due_party": case.due_party,
                                  "due_at": case.due_at})
            casework.notify(case, f"overdue_{case.state}", party=case.due_party)
        marked[kind] = len(cases)
    return marked


def notice_dismiss(*, actor: Any, notice_id: int) -> bool:
    """The recipient has read the notice (not a state change of a case: no audit event)."""
    from recirc.aftersales.selectors import notices_for

    if not any(notice.pk == notice_id for notice in notices_for(actor, limit=500)):
        return False
    Notice.objects.filter(pk=notice_id).update(read_at=timezone.now())
    return True
