"""Celery tasks of auctions: close what is due and open what has started (`recirc worker` runs them on the beat
schedule; both idempotent: a second run finds nothing due)."""

from __future__ import annotations

from celery import shared_task

from recirc.auctions import services


@shared_task(name="auctions.close_due")
def auctions_close_due_task() -> list[str]:
    services.auctions_open_due()
    closed = [auction.code for auction in services.auctions_close_due()]
    return closed + [auction.code for auction in services.auctions_lapse_unpaid()]
