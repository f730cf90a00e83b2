"""Benchmark B7 at a smoke size: the roll-ups equal the raw aggregates, and every workload's API answer equals
the same aggregate computed over the raw rows (timings are the full benchmark's business, not this test's)."""

from __future__ import annotations

from typing import Any

import pytest
from bench import b7_statistics


@pytest.mark.django_db
def test_b7_smoke_rollups_and_answers_equal_the_raw_aggregates(settings: Any) -> None:
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "STATISTICS_MIN_CELL_COUNT": 3}

    result = b7_statistics.measure(transactions=4000, registrations=1500, requests=2)

    assert result.invariants == {
        "roll-ups equal the raw aggregates after the full refresh": True,
        "cells: API answer equals the raw aggregate": True,
        "top-sellers: API answer equals the raw aggregate": True,
        "flagged-weekly: API answer equals the raw aggregate": True,
        "sell-through: API answer equals the raw aggregate": True,
        "roll-ups equal the raw aggregates after the incremental refresh": True,
    }
    assert result.measures["one day's new transactions"] == 10
    assert result.measures["flagged intakes"] == 29
    assert {gate.name for gate in result.gates} == {
        "cells API / raw SQL", "top-sellers API / raw SQL", "flagged-weekly API / raw SQL",
        "sell-through API / raw SQL", "API p95 (s)", "one day's incremental refresh (s)"}
