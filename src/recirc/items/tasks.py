"""Periodic item work. Tasks take ids or nothing, call one service, and are idempotent."""

from __future__ import annotations

from celery import shared_task

from recirc.items.holds import holds_expire_due


@shared_task(name="items.holds_expire_due")
def holds_expire_due_task() -> int:
    """Release police and watchlist holds whose end has passed; the number released."""
    return len(holds_expire_due())
