"""The state table: every verb from every state, and the verbs' union is exactly the table."""

from __future__ import annotations

from recirc.moderation import policy
from recirc.moderation.models import RULES_TRANSITIONS, RulesState


def test_the_verbs_cover_exactly_the_table() -> None:
    union: dict[str, set[str]] = {}
    for transitions in policy.VERBS.values():
        for source, target in transitions.items():
            union.setdefault(source, set()).add(target)
    assert {state: frozenset(targets) for state, targets in union.items()} == {
        state: targets for state, targets in RULES_TRANSITIONS.items() if targets}


def test_no_pair_outside_the_table_is_allowed() -> None:
    for source in RulesState:
        for target in RulesState:
            assert policy.can_transition(source, target) == (target in RULES_TRANSITIONS[source])
