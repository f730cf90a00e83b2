"""Frozen dataclasses that leave supervision through its facade."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RefreshSummary:
    """What a roll-up refresh did."""

    transaction_days: int
    activity_days: int
    months: int
    seconds: float
