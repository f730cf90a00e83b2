"""One place that moves an order's state: checks the table, writes the timeline event and the audit event."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from recirc.core.audit import audit_record
from recirc.trade.models import Order, OrderEvent
from recirc.trade.policy import require_transition

STAMPS = {"paid": "paid_at", "in_platform_inspection": "paid_at", "shipped": "shipped_at",
          "delivered": "delivered_at", "completed": "completed_at", "cancelled": "cancelled_at"}


def order_move(order: Order, to_state: str, *, actor: Any, kind: str, note: str = "",
               also: Sequence[str] = (), **payload: Any) -> Order:
    """Set the state of a locked order (checked against the table), stamp the time, record both events. `also`
    names other fields the caller changed on the order, saved with the state in the same UPDATE."""
    require_transition(order, to_state)
    from_state, order.state = order.state, to_state
    fields = ["state", *also]
    stamp = STAMPS.get(to_state)
    if stamp is not None and getattr(order, stamp) is None:
        setattr(order, stamp, timezone.now())
        fields.append(stamp)
    order.save(update_fields=fields)
    order_note(order, actor=actor, kind=kind, note=note, from_state=from_state, **payload)
    return order


def order_note(order: Order, *, actor: Any, kind: str, note: str = "", from_state: str = "", **payload: Any) -> None:
    """A timeline entry and its audit event (a state change when from_state is given)."""
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    OrderEvent.objects.create(order=order, kind=kind, from_state=from_state,
                              to_state=order.state if from_state else "", note=note[:300], actor=user)
    audit_record(actor=actor, action=f"trade.{kind}", target=order, operator_id=order.seller_operator_id,
                 payload={"number": order.number, "from_state": from_state, "to_state": order.state, **payload})
