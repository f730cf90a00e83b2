"""Celery tasks of supervision: the periodic roll-up refresh (on the beat schedule, `supervision.rollups_refresh`).
Idempotent: it rebuilds whatever changed since the last run, and a second run finds nothing to do."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from recirc.supervision.refresh import rollups_refresh


@shared_task(name="supervision.rollups_refresh")
def rollups_refresh_task() -> dict[str, Any]:
    report = rollups_refresh()
    return {"transaction_days": report.transaction_days, "activity_days": report.activity_days,
            "months": report.months, "seconds": report.seconds}


@shared_task(name="supervision.trade_sales_pull")
def trade_sales_pull_task() -> int:
    from recirc.supervision.trade_feed import trade_sales_pull  # the trade feed; see trade_feed.py

    return trade_sales_pull().pulled
