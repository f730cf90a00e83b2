"""Celery tasks of after-sales (on the beat schedule): pull completed sales into warranty records
(`aftersales.warranties_sync`) and mark overdue cases (`aftersales.deadlines_check`). Both idempotent."""

from __future__ import annotations

from celery import shared_task

from recirc.aftersales.deadlines import cases_mark_overdue
from recirc.aftersales.warranties import warranties_sync_all


@shared_task(name="aftersales.warranties_sync")
def warranties_sync_task() -> int:
    return warranties_sync_all()


@shared_task(name="aftersales.deadlines_check")
def deadlines_check_task() -> dict[str, int]:
    return cases_mark_overdue()
