"""The item state machine (ITEM_TRANSITIONS), who may move items, moves and appended events."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from recirc.core.errors import NotFound, PermissionDenied, ValidationFailed
from recirc.core.models import AuditEvent
from recirc.items import facade, services
from recirc.items.errors import ItemChangeForbidden, TransitionNotAllowed
from recirc.items.models import ITEM_TRANSITIONS, ItemEvent, ItemState
from recirc.items.policy import can_transition
from recirc.items.tests.conftest import snapshot
from recirc.items.tests.factories import ItemFactory, OutletFactory

ALLOWED = [(source, target) for source, targets in ITEM_TRANSITIONS.items() for target in sorted(targets)]
FORBIDDEN_SAMPLE = [
    (ItemState.INTAKE, ItemState.SOLD), (ItemState.INTAKE, ItemState.LISTED), (ItemState.SOLD, ItemState.LISTED),
    (ItemState.RETURNED, ItemState.IN_STOCK), (ItemState.SEIZED, ItemState.IN_STOCK),
    (ItemState.SCRAPPED, ItemState.LISTED), (ItemState.LISTED, ItemState.SCRAPPED),
    (ItemState.ON_HOLD, ItemState.LISTED), (ItemState.RESERVED, ItemState.RENTED_OUT),
    (ItemState.IN_STOCK, ItemState.IN_STOCK),
]


def test_the_predicate_follows_the_table_exactly() -> None:
    for source in ItemState:
        for target in ItemState:
            assert can_transition(source, target) is (target in ITEM_TRANSITIONS[source])


def test_terminal_states_have_no_way_out() -> None:
    assert [state for state, targets in ITEM_TRANSITIONS.items() if not targets] == [
        ItemState.RETURNED, ItemState.SEIZED, ItemState.SCRAPPED]


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_every_allowed_transition_is_recorded(source: str, target: str) -> None:
    item = ItemFactory(state=source)
    services.item_transition(actor=None, item=item, to_state=target, reason="stock count")
    item.refresh_from_db()
    event = ItemEvent.objects.get(item=item, kind="state_changed")
    assert (item.state, event.from_state, event.to_state) == (target, source, target)
    assert event.is_public is (source != ItemState.ON_HOLD and target not in (ItemState.ON_HOLD, ItemState.SEIZED))
    audit = AuditEvent.objects.get(action="item.transitioned")
    assert (audit.actor_label, audit.payload) == ("system", {"code": item.code, "from": source, "to": target})


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "target"), FORBIDDEN_SAMPLE)
def test_forbidden_transitions_change_nothing(source: str, target: str) -> None:
    item = ItemFactory(state=source)
    before = snapshot()
    with pytest.raises(TransitionNotAllowed) as caught:
        services.item_transition(actor=None, item=item, to_state=target)
    assert (caught.value.code, caught.value.status) == ("items.transition_not_allowed", 409)
    assert snapshot() == before


@pytest.mark.django_db
def test_unknown_state_is_a_validation_error() -> None:
    with pytest.raises(ValidationFailed) as caught:
        services.item_transition(actor=None, item=ItemFactory(), to_state="flying")
    assert (caught.value.code, list(caught.value.errors)) == ("items.state_unknown", ["to_state"])


@pytest.mark.parametrize(("actor_key", "error"), [
    ("anonymous", NotFound), ("clerk_b", NotFound), ("consumer", NotFound),
    ("regulator", ItemChangeForbidden), ("admin", ItemChangeForbidden), ("police", ItemChangeForbidden),
])
def test_transition_denials_change_nothing(world: dict[str, Any], actor_key: str, error: type) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.INTAKE)
    actor = AnonymousUser() if actor_key == "anonymous" else world[actor_key]
    before = snapshot()
    with pytest.raises(error):
        services.item_transition(actor=actor, item=item, to_state=ItemState.IN_STOCK)
    assert snapshot() == before


@pytest.mark.parametrize("actor_key", ["clerk_a", "manager_a"])
def test_the_owning_operators_staff_may_transition(world: dict[str, Any], actor_key: str) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.INTAKE)
    services.item_transition(actor=world[actor_key], item=item, to_state=ItemState.IN_STOCK)
    event = ItemEvent.objects.get(item=item)
    assert (event.actor_id, event.operator_id) == (world[actor_key].pk, world["operator_a"].pk)


def test_staff_of_the_keeping_outlet_may_transition_a_consigned_item(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=None, owner_user=world["consumer"], outlet=world["outlet_a"])
    services.item_transition(actor=world["clerk_a"], item=item, to_state=ItemState.IN_STOCK)
    item.refresh_from_db()
    assert item.state == ItemState.IN_STOCK


def test_holds_are_released_by_the_police_only(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.IN_STOCK)
    services.item_transition(actor=world["clerk_a"], item=item, to_state=ItemState.ON_HOLD, reason="suspicion")
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.item_transition(actor=world["clerk_a"], item=item, to_state=ItemState.IN_STOCK)
    assert snapshot() == before
    services.item_transition(actor=world["police"], item=item, to_state=ItemState.SEIZED, reason="case 12")
    item.refresh_from_db()
    assert item.state == ItemState.SEIZED
    assert list(ItemEvent.objects.filter(item=item).values_list("is_public", flat=True)) == [False, False]


def test_police_may_hold_any_item(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=world["operator_b"], state=ItemState.LISTED)
    services.item_transition(actor=world["police"], item=item, to_state=ItemState.ON_HOLD)
    item.refresh_from_db()
    assert item.state == ItemState.ON_HOLD


def test_consumer_owner_moves_own_item_but_cannot_hold_it(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=None, owner_user=world["consumer"], state=ItemState.IN_STOCK)
    services.item_transition(actor=world["consumer"], item=item, to_state=ItemState.LISTED)
    with pytest.raises(ItemChangeForbidden):
        services.item_transition(actor=world["consumer"], item=item, to_state=ItemState.ON_HOLD)


def test_facade_transition_returns_the_new_state(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=world["operator_a"])
    ref = facade.item_transition(actor=world["clerk_a"], item_id=item.pk, to_state=ItemState.IN_STOCK)
    assert ref.state == ItemState.IN_STOCK


def test_record_event_appends_and_guards_kinds(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=world["operator_a"])
    ref = facade.item_record_event(actor=world["clerk_a"], item_id=item.pk, kind="graded", is_public=True,
                                   data={"grade": "A", "grade_scale": "ctia-cosmetic"})
    assert (ref.kind, ref.is_public, ref.operator_id) == ("graded", True, world["operator_a"].pk)
    before = snapshot()
    for kind in ("registered", "Bad Kind", ""):
        with pytest.raises(ValidationFailed):
            facade.item_record_event(actor=world["clerk_a"], item_id=item.pk, kind=kind)
    with pytest.raises(NotFound):
        facade.item_record_event(actor=world["clerk_b"], item_id=item.pk, kind="inspected")
    with pytest.raises(ValidationFailed):
        facade.item_record_event(actor=None, item_id=item.pk, kind="inspected", data={"when": object()})
    assert snapshot() == before


def test_move_to_another_outlet_of_the_owner(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], outlet=world["outlet_a"])
    second = OutletFactory(operator=world["operator_a"])
    services.item_move(actor=world["manager_a"], item=item, outlet_id=second.pk)
    item.refresh_from_db()
    assert item.outlet_id == second.pk
    assert ItemEvent.objects.get(item=item, kind="moved").data == {"from_outlet_id": world["outlet_a"].pk,
                                                                  "to_outlet_id": second.pk}
    before = snapshot()
    with pytest.raises(ValidationFailed):
        services.item_move(actor=world["manager_a"], item=item, outlet_id=world["outlet_b"].pk)
    with pytest.raises(ItemChangeForbidden):
        services.item_move(actor=world["regulator"], item=item, outlet_id=second.pk)
    assert snapshot() == before
