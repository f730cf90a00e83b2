"""The work order state machine, over the whole table: every verb from every state, every (from, to) pair that
is not in the table; a refused transition answers repairs.transition_not_allowed and writes nothing."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest

from recirc.repairs import policy, services, work
from recirc.repairs.errors import TransitionNotAllowed
from recirc.repairs.models import WORK_ORDER_TRANSITIONS, WorkOrder, WorkOrderState
from recirc.repairs.tests.conftest import snapshot
from recirc.repairs.tests.factories import all_pass, built, one_fail, quote_arguments

STATES = [state.value for state in WorkOrderState]
VERB_STATES = [(verb, state) for verb in policy.VERBS for state in STATES]
NOT_IN_TABLE = [(a, b) for a, b in itertools.product(STATES, STATES) if b not in WORK_ORDER_TRANSITIONS[a]]


def call(verb: str, world: dict[str, Any], order: WorkOrder) -> Any:
    """The one service of each verb, with valid input and an actor allowed to use it."""
    calls: dict[str, Callable[[], Any]] = {
        "diagnose": lambda: services.work_order_diagnose(actor=world["technician_a"], work_order_id=order.pk,
                                                         diagnosis="Port worn", faults=["No charging"]),
        "quote": lambda: services.work_order_quote(actor=world["technician_a"], work_order_id=order.pk,
                                                   **quote_arguments()),
        "approve": lambda: services.work_order_approve(actor=world["manager_a"], work_order_id=order.pk),
        "decline": lambda: services.work_order_decline(actor=world["manager_a"], work_order_id=order.pk,
                                                       reason="Too dear"),
        "start_repair": lambda: services.work_order_start_repair(actor=world["technician_a"],
                                                                 work_order_id=order.pk),
        "submit": lambda: work.work_order_submit(actor=world["technician_a"], work_order_id=order.pk),
        "pass_check": lambda: work.quality_check_record(actor=world["inspector_a"], work_order_id=order.pk,
                                                        results=all_pass(order)),
        "fail_check": lambda: work.quality_check_record(actor=world["inspector_a"], work_order_id=order.pk,
                                                        results=one_fail(order), notes="Touch dead in a corner"),
        "cancel": lambda: services.work_order_cancel(actor=world["technician_a"], work_order_id=order.pk,
                                                     reason="Customer withdrew"),
    }
    return calls[verb]()


def test_the_verbs_make_up_exactly_the_state_table() -> None:
    union: dict[str, set[str]] = {state: set() for state in STATES}
    for transitions in policy.VERBS.values():
        for source, target in transitions.items():
            union[source].add(target)
    assert union == {state: set(targets) for state, targets in WORK_ORDER_TRANSITIONS.items()}


def test_final_states_lead_nowhere() -> None:
    assert [state for state in STATES if not WORK_ORDER_TRANSITIONS[state]] == ["declined", "completed",
                                                                                 "cancelled"]


@pytest.mark.parametrize(("verb", "state"), VERB_STATES, ids=[f"{v}-from-{s}" for v, s in VERB_STATES])
def test_every_verb_from_every_state(world: dict[str, Any], verb: str, state: str) -> None:
    order = built(world, state)
    target = policy.VERBS[verb].get(state)
    if target is None:
        before = snapshot()
        with pytest.raises(TransitionNotAllowed) as refused:
            call(verb, world, order)
        assert refused.value.code == "repairs.transition_not_allowed"
        assert refused.value.status == 409
        assert snapshot() == before
    else:
        call(verb, world, order)
        order.refresh_from_db()
        assert order.state == target


@pytest.mark.parametrize(("from_state", "to_state"), NOT_IN_TABLE, ids=[f"{a}-to-{b}" for a, b in NOT_IN_TABLE])
def test_every_pair_outside_the_table_is_refused(world: dict[str, Any], from_state: str, to_state: str) -> None:
    assert policy.can_transition(from_state, to_state) is False
    verbs = [verb for verb, transitions in policy.VERBS.items() if to_state in transitions.values()]
    assert all(policy.VERBS[verb].get(from_state) != to_state for verb in verbs)
    order = built(world, from_state)
    before = snapshot()
    for verb in verbs:
        with pytest.raises(TransitionNotAllowed):
            call(verb, world, order)
        order.refresh_from_db()
        assert order.state == from_state
    assert snapshot() == before


def test_a_refusal_names_both_states(world: dict[str, Any]) -> None:
    order = built(world, WorkOrderState.COMPLETED)
    with pytest.raises(TransitionNotAllowed) as refused:
        call("cancel", world, order)
    assert refused.value.text() == "A work order that is “Completed” cannot become “Cancelled”."


@pytest.mark.parametrize("state", STATES)
def test_predicates_follow_the_table(world: dict[str, Any], state: str) -> None:
    order = built(world, state)
    assert policy.can_diagnose(order) is (state == "intake")
    assert policy.can_quote(order) is (state in ("diagnosed", "quoted"))
    assert policy.can_approve(order) is policy.can_decline(order) is (state == "quoted")
    assert policy.can_start_repair(order) is (state == "approved")
    assert policy.can_submit(order) is (state == "in_repair")
    assert policy.can_check(order) is (state == "quality_check")
    assert policy.can_cancel(order) is (state in ("intake", "diagnosed", "quoted", "approved"))
    assert policy.can_record_part(order) is (state == "in_repair")
    assert policy.can_record_labour(order) is (state in ("intake", "diagnosed", "in_repair"))
