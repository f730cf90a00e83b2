"""After-sales settings: `settings.RECIRC_AFTERSALES` overrides, else the environment (RECIRC_AFTERSALES_<NAME>),
else the default. Deadlines are settings, never constants (REGULATIONS.md: jurisdiction-dependent numbers)."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings

DEFAULTS: dict[str, int] = {
    # The seller answers a return request or a warranty claim within this many days [U].
    "RESPONSE_DAYS": 3,
    # The buyer sends approved goods back within this many days [U].
    "SHIP_BACK_DAYS": 7,
    # The seller receives returned goods within this many days of their dispatch [U].
    "RECEIVE_DAYS": 7,
    # The money goes back within this many days of receiving the goods (七日无理由退货暂行办法: 7 days) [P].
    "REFUND_DAYS": 7,
    # A repair under warranty is finished within this many days of its acceptance [U].
    "REPAIR_DAYS": 15,
    # In a dispute the seller states their side within this many days [U].
    "STATEMENT_DAYS": 3,
    # The platform decides a dispute within this many days of its review starting [U].
    "DECISION_DAYS": 10,
    # Evidence files: at most this many bytes each, and this many per case.
    "EVIDENCE_MAX_BYTES": 5 * 1024 * 1024,
    "EVIDENCE_MAX_FILES": 10,
}


def aftersales_setting(name: str) -> int:
    overrides: dict[str, Any] = getattr(settings, "RECIRC_AFTERSALES", {}) or {}
    if name in overrides:
        return int(overrides[name])
    raw = os.environ.get(f"RECIRC_AFTERSALES_{name}")
    return int(raw) if raw is not None else DEFAULTS[name]


def no_reason_return_days() -> int:
    """The legal no-reason return window for online sales; one setting shared with listings (which refuses to
    publish an online listing with a shorter window)."""
    return int(getattr(settings, "RECIRC_NO_REASON_RETURN_DAYS", 7))
