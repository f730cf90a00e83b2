"""Benchmark B2 at a smoke size: every query (the BENCHMARKS.md mix and the hostile ones) finds exactly what a
brute-force substring scan finds, and none raises (timings are the full benchmark's business)."""

from __future__ import annotations

from typing import Any

import pytest
from bench import b2_search


@pytest.mark.django_db
def test_b2_smoke_recall_is_total_and_hostile_syntax_never_errors() -> None:
    measured: dict[str, Any] = b2_search.run(3000, api=False)

    assert measured["misses"] == [] and measured["miss_count"] == 0
    assert measured["errors"] == [] and measured["error_count"] == 0
    assert measured["queries"] == 300
    assert measured["hits_checked"] == 300 + len(b2_search.HOSTILE)


def test_b2_generator_and_workload_are_deterministic() -> None:
    first, second = b2_search.generate(50), b2_search.generate(50)
    assert first == second
    texts = [text for _listing_id, text in first]
    workload = b2_search.workload(texts)
    assert workload == b2_search.workload(texts)
    kinds = [kind for kind, _query in workload]
    assert [kinds.count(kind) for kind in ("cjk3", "english", "mixed", "cjk12", "nohit")] == [120, 75, 45, 30, 30]
