"""Periodic trade work (on the beat schedule). Tasks take nothing, call one service, and are idempotent: each order
or checkout is locked and re-checked, so two runs at once or a second run change nothing twice."""

from __future__ import annotations

from celery import shared_task

from recirc.trade.fulfilment import checkouts_expire_due, escrow_release_due


@shared_task(name="trade.escrow_release_due")
def escrow_release_due_task() -> int:
    """Release escrow of shipped or delivered orders ESCROW_RELEASE_DAYS after shipping or pickup."""
    return len(escrow_release_due())


@shared_task(name="trade.checkouts_expire_due")
def checkouts_expire_due_task() -> int:
    """Cancel checkouts left unpaid for PAYMENT_TIMEOUT_MINUTES, releasing their listings."""
    return len(checkouts_expire_due())
