"""audit_record(): the one way to write an AuditEvent, inside the caller's transaction.

`audit_batch()` lets a service that writes many rows in one transaction (an intake writes six or seven audit
events) collect its events and insert them together at the end of the block: the same rows, in the same
order, in the same transaction, with one statement instead of one each.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from typing import Any

from django.db import models, transaction

from recirc.core.models import AuditEvent

_PENDING: ContextVar[list[AuditEvent] | None] = ContextVar("recirc_audit_pending", default=None)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(item) for item in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def _event(actor: Any, action: str, target: models.Model | None, payload: dict[str, Any] | None,
           operator_id: int | None) -> AuditEvent:
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent(
        actor=actor if is_user else None,
        actor_label=getattr(actor, "username", "") if is_user else "system",
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        operator_id=operator_id,
        payload=_jsonable(payload or {}),
    )


def audit_record(*, actor: Any, action: str, target: models.Model | None = None,
                 payload: dict[str, Any] | None = None, operator_id: int | None = None) -> AuditEvent:
    """Record a state change. Must run inside the transaction that made the change (invariant 6).

    Payloads must never carry personal information: pass vault tokens or masked values. Inside an
    `audit_batch()` block the event is inserted at the end of the block (its pk is set then).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record() must run inside transaction.atomic")
    event = _event(actor, action, target, payload, operator_id)
    pending = _PENDING.get()
    if pending is None:
        event.save(force_insert=True)
    else:
        pending.append(event)
    return event


@contextmanager
def audit_batch() -> Iterator[None]:
    """Collect the audit events recorded in the block and insert them in one statement when it ends.

    Use it inside the service's transaction, around work that lets every error end the whole transaction
    (an event recorded in a savepoint that is rolled back and caught inside the block would still be
    written). An error leaving the block discards the collected events: the transaction rolls back anyway.
    A nested block joins the outer one.
    """
    if _PENDING.get() is not None:
        yield
        return
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_batch() must run inside transaction.atomic")
    pending: list[AuditEvent] = []
    token = _PENDING.set(pending)
    try:
        yield
    finally:
        _PENDING.reset(token)
    if pending:
        AuditEvent.objects.bulk_create(pending)
