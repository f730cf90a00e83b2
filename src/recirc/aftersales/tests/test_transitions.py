"""The state tables: the verbs' transitions are exactly the tables, and no pair outside them is allowed."""

from __future__ import annotations

import pytest

from recirc.aftersales import policy
from recirc.aftersales.models import DisputeState, ReturnState, TicketState

STATES = {"return": ReturnState, "ticket": TicketState, "dispute": DisputeState}


@pytest.mark.parametrize("kind", sorted(STATES))
def test_the_verbs_cover_exactly_the_table(kind: str) -> None:
    union: dict[str, set[str]] = {}
    for transitions in policy.VERBS[kind].values():
        for source, target in transitions.items():
            union.setdefault(source, set()).add(target)
    table = {state: set(targets) for state, targets in policy.TABLES[kind].items() if targets}
    assert union == table


@pytest.mark.parametrize("kind", sorted(STATES))
def test_no_pair_outside_the_table_is_allowed(kind: str) -> None:
    for source in STATES[kind]:
        for target in STATES[kind]:
            assert policy.can_transition(kind, source, target) == (target in policy.TABLES[kind][source])


@pytest.mark.parametrize("kind", sorted(STATES))
def test_open_states_are_the_states_with_a_way_out(kind: str) -> None:
    assert policy.OPEN_STATES[kind] == {state for state, targets in policy.TABLES[kind].items() if targets}
