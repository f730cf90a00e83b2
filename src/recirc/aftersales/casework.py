"""What every case service shares: fetching and locking a case the actor may see, the role and state checks,
the state move, the deadline of the next step, public numbers, audit events and notices."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any, TypeVar

from django.db import models
from django.utils import timezone

from recirc.aftersales import policy
from recirc.aftersales.conf import aftersales_setting
from recirc.aftersales.errors import ActionForbidden, ActionNotAllowed, CaseNotFound, TransitionNotAllowed
from recirc.aftersales.models import Notice, Party, Warranty
from recirc.core.audit import audit_record

CaseT = TypeVar("CaseT", bound=models.Model)
NUMBER_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
PREFIXES = {"return": "RT", "ticket": "WS", "dispute": "DP"}


def new_number(model: type[models.Model], kind: str) -> str:
    """A public number such as RT261201-7K3QF: kind, the day, 5 random characters."""
    while True:
        tail = "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(5))
        number = f"{PREFIXES[kind]}{timezone.localdate():%y%m%d}-{tail}"
        if not model._default_manager.filter(number=number).exists():
            return number


def locked_case(model: type[CaseT], actor: Any, case_id: int) -> CaseT:
    """The case's row, locked, when the actor may see it; CaseNotFound otherwise (the same for missing)."""
    case = model._default_manager.select_for_update().filter(pk=case_id).first()
    if case is None or not policy.may_see(actor, case):
        raise CaseNotFound()
    return case


def require(actor: Any, case: Any, verb: str) -> None:
    """Role first (403), then state (409)."""
    if not policy.may_act(actor, case, verb):
        raise ActionForbidden()
    if not policy.state_allows(case, verb):
        raise ActionNotAllowed(params={"state": case.get_state_display()})


def move(case: Any, verb: str) -> str:
    """Apply the verb's transition to `case.state` (not saved); TransitionNotAllowed outside the table."""
    kind = policy.kind_of(case)
    target = policy.target_of(kind, verb, case.state)
    if target is None or not policy.can_transition(kind, case.state, target):
        labels = dict(type(case)._meta.get_field("state").choices)
        wanted = target or next(iter(policy.VERBS[kind][verb].values()))
        raise TransitionNotAllowed(params={"from_state": labels[case.state], "to_state": labels[wanted]})
    from_state, case.state = case.state, target
    return from_state


def due(case: Any, party: str, days_setting: str | None, *, start: dt.datetime | None = None) -> None:
    """Set the next step's deadline (`days_setting` days from `start`, default now) and who owes it; None
    clears it (the case is closed)."""
    case.overdue_at = None
    if days_setting is None:
        case.due_at, case.due_party = None, ""
        return
    case.due_at = (start or timezone.now()) + dt.timedelta(days=aftersales_setting(days_setting))
    case.due_party = party


def close(case: Any) -> None:
    due(case, "", None)
    case.closed_at = timezone.now()


def record(actor: Any, case: Any, action: str, from_state: str, **payload: Any) -> None:
    audit_record(actor=actor, action=f"aftersales.{action}", target=case, operator_id=case.seller_operator_id,
                 payload={"number": case.number, "from_state": from_state, "to_state": case.state, **payload})


def notify(case: Any, kind: str, *, party: str) -> None:
    """An in-app notice for the party that must act: the buyer, the C2C seller, or the selling operator's queue
    (the platform sees every case on its queue). Once per kind, case and recipient."""
    if party == Party.BUYER:
        recipients = [{"recipient_user_id": case.buyer_id}]
    elif party == Party.SELLER:
        recipients = [{"recipient_user_id": case.seller_user_id} if case.seller_user_id is not None
                      else {"recipient_operator_id": case.seller_operator_id}]
    else:
        return
    case_kind = policy.kind_of(case)
    for recipient in recipients:
        Notice.objects.get_or_create(kind=kind, case_kind=case_kind, case_id=case.pk, **recipient,
                                     defaults={"case_number": case.number})


def parties_of(warranty: Warranty) -> dict[str, Any]:
    """The case fields copied from its record (for scoping without joins)."""
    return {"warranty": warranty, "buyer_id": warranty.buyer_id, "seller_operator_id": warranty.seller_operator_id,
            "seller_user_id": warranty.seller_user_id}
