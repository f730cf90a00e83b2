"""CI-sized smoke runs of the benchmarks: their correctness invariants must hold on every run (SQLite and
PostgreSQL). Their speed gates are `make bench`'s business, on PostgreSQL with baselines measured beside."""

from __future__ import annotations

import pytest
from bench import b3_register, b6_chain

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_b6_register_chain_invariants_hold() -> None:
    result = b6_chain.measure(600)
    assert result.invariants == {
        "chain of every appended entry verifies intact": True,
        "edit found at the edited entry": True,
        "deletion found at the missing entry": True,
        "swap found at the first of the pair": True,
        "restored chain verifies intact": True,
    }


def test_b3_screening_finds_every_exact_hit_and_the_fuzzy_ones() -> None:
    result = b3_register.measure(400, 200, 50, baseline_write_tps=1000.0, past_registrations=1000, workers=1)
    assert result.invariants == {"exact recall = precision = 100 %": True,
                                 "re-screen finds exactly the planted past IMEIs": True}
    gates = {gate.name: gate for gate in result.gates}
    assert gates["fuzzy recall"].passed and gates["fuzzy precision"].passed


@pytest.mark.postgres
def test_b3_clerks_registering_at_once_find_every_hit() -> None:
    # Four counters at four shops, in four processes (each its own connection), as `make bench` runs them.
    result = b3_register.measure(400, 200, 50, baseline_write_tps=1000.0, past_registrations=1000, workers=4)
    assert result.measures["clerks registering at once"] == 4
    assert result.invariants == {"exact recall = precision = 100 %": True,
                                 "re-screen finds exactly the planted past IMEIs": True}
    gates = {gate.name: gate for gate in result.gates}
    assert gates["fuzzy recall"].passed and gates["fuzzy precision"].passed
