"""audit_record(): the one way to write an AuditEvent, inside the caller's transaction."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models, transaction

from recirc.core.models import AuditEvent


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


def audit_record(*, actor: Any, action: str, target: models.Model | None = None,
                 payload: dict[str, Any] | None = None, operator_id: int | None = None) -> AuditEvent:
    """Record a state change. Must run inside the transaction that made the change (invariant 6).

    Payloads must never carry personal information: pass vault tokens or masked values.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record() must run inside transaction.atomic")
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if is_user else None,
        actor_label=getattr(actor, "username", "") if is_user else "system",
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        operator_id=operator_id,
        payload=_jsonable(payload or {}),
    )
