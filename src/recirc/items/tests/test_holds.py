"""Holds: placing, extending, releasing and expiring them; the ON_HOLD state they drive; who may do what."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import override_settings
from django.utils import timezone

from recirc.core.errors import PermissionDenied, ValidationFailed
from recirc.core.models import AuditEvent
from recirc.items import facade, services
from recirc.items.errors import HoldAlreadyReleased, HoldForbidden, HoldNotPossible, HoldStillActive
from recirc.items.holds import EXPIRED_REASON
from recirc.items.models import HoldKind, Item, ItemEvent, ItemHold, ItemState
from recirc.items.tests.conftest import snapshot
from recirc.items.tests.factories import ItemFactory

NOW = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> dt.datetime:
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


def actor_of(world: dict[str, Any], key: str) -> Any:
    if key == "system":
        return None
    return AnonymousUser() if key == "anonymous" else world[key]


def police_hold(world: dict[str, Any], item: Item, **overrides: Any) -> facade.HoldRef:
    arguments: dict[str, Any] = {"actor": world["police"], "item_id": item.pk, "kind": HoldKind.POLICE,
                                 "reason": "Reported stolen, case 2026-113",
                                 "order_number": "杭公（西）扣字〔2026〕113号",
                                 "ends_at": timezone.now() + dt.timedelta(days=10)}
    return facade.hold_place(**{**arguments, **overrides})


def watchlist_hold(item: Item, source_ref: str = "policing.alert:12") -> facade.HoldRef:
    return facade.hold_place(actor=None, item_id=item.pk, kind=HoldKind.WATCHLIST,
                             reason="IMEI on the watchlist", source_ref=source_ref)


def state_of(item: Item) -> str:
    item.refresh_from_db()
    return str(item.state)


def test_a_police_hold_puts_the_item_on_hold_privately(world: dict[str, Any], frozen: dt.datetime) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.LISTED)
    ref = police_hold(world, item, ends_at=frozen + dt.timedelta(days=10))
    hold = ItemHold.objects.get()
    assert ref == facade.HoldRef(
        id=hold.pk, item_id=item.pk, kind="police", reason="Reported stolen, case 2026-113",
        order_number="杭公（西）扣字〔2026〕113号", placed_at=frozen, ends_at=frozen + dt.timedelta(days=10),
        released_at=None, is_active=True, source_ref="", item_code=item.code, release_reason="",
        prior_state="listed", placed_by_id=world["police"].pk, released_by_id=None)
    assert state_of(item) == ItemState.ON_HOLD
    events = list(ItemEvent.objects.filter(item=item).values_list("kind", "is_public", "from_state", "to_state"))
    assert events == [("hold_placed", False, "", ""), ("state_changed", False, "listed", "on_hold")]
    assert ItemEvent.objects.get(kind="hold_placed").data == {
        "hold_id": hold.pk, "hold_kind": "police", "reason": "Reported stolen, case 2026-113",
        "ends_at": "2026-12-11T09:30:00+00:00"}
    audits = list(AuditEvent.objects.order_by("id").values_list("action", "actor_label", "payload"))
    assert audits == [
        ("item.hold_placed", world["police"].username,
         {"code": item.code, "hold_id": hold.pk, "kind": "police", "ends_at": "2026-12-11T09:30:00+00:00"}),
        ("item.transitioned", world["police"].username, {"code": item.code, "from": "listed", "to": "on_hold"}),
    ]
    assert facade.passport_get(item.code).events == ()


@pytest.mark.parametrize(("policy", "days"), [({}, 30), ({"POLICE_HOLD_MAX_DAYS": 14}, 14)])
def test_a_police_hold_lasts_the_longest_order_by_default(world: dict[str, Any], frozen: dt.datetime,
                                                          policy: dict[str, int], days: int) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.IN_STOCK)
    with override_settings(RECIRC_POLICY=policy):
        ref = police_hold(world, item, ends_at=None)
    assert ref.ends_at == frozen + dt.timedelta(days=days)


@pytest.mark.parametrize(("overrides", "fields"), [
    ({"order_number": "  "}, ["order_number"]),
    ({"reason": ""}, ["reason"]),
    ({"ends_at": NOW - dt.timedelta(minutes=1)}, ["ends_at"]),
    ({"ends_at": NOW + dt.timedelta(days=31)}, ["ends_at"]),
    ({"reason": " ", "order_number": "", "source_ref": "x" * 81}, ["order_number", "reason", "source_ref"]),
])
def test_bad_police_holds_change_nothing(world: dict[str, Any], frozen: dt.datetime, overrides: dict[str, Any],
                                         fields: list[str]) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.IN_STOCK)
    before = snapshot()
    with pytest.raises(ValidationFailed) as caught:
        police_hold(world, item, **overrides)
    assert (caught.value.code, sorted(caught.value.errors)) == ("items.hold_invalid", fields)
    assert snapshot() == before


def test_unknown_kinds_and_statutory_holds_without_end_are_refused(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=world["operator_a"])
    before = snapshot()
    with pytest.raises(ValidationFailed) as unknown:
        facade.hold_place(actor=None, item_id=item.pk, kind="gut_feeling", reason="x")
    with pytest.raises(ValidationFailed) as endless:
        facade.hold_place(actor=None, item_id=item.pk, kind=HoldKind.STATUTORY, reason="7 days")
    assert (unknown.value.code, endless.value.errors.keys()) == ("items.hold_kind_unknown", {"ends_at"})
    assert snapshot() == before


@pytest.mark.parametrize(("kind", "actor_key", "allowed"), [
    (HoldKind.POLICE, "police", True), (HoldKind.POLICE, "system", False), (HoldKind.POLICE, "clerk_a", False),
    (HoldKind.POLICE, "manager_a", False), (HoldKind.POLICE, "regulator", False),
    (HoldKind.POLICE, "consumer", False), (HoldKind.POLICE, "admin", False), (HoldKind.POLICE, "anonymous", False),
    (HoldKind.WATCHLIST, "system", True), (HoldKind.WATCHLIST, "police", True),
    (HoldKind.WATCHLIST, "clerk_a", False), (HoldKind.WATCHLIST, "regulator", False),
    (HoldKind.STATUTORY, "system", True), (HoldKind.STATUTORY, "police", True),
    (HoldKind.STATUTORY, "clerk_a", False), (HoldKind.STATUTORY, "anonymous", False),
])
def test_who_may_place_holds(world: dict[str, Any], kind: str, actor_key: str, allowed: bool) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.IN_STOCK)
    before = snapshot()
    arguments: dict[str, Any] = {"actor": actor_of(world, actor_key), "item_id": item.pk, "kind": kind,
                                 "reason": "why", "order_number": "A-1",
                                 "ends_at": timezone.now() + dt.timedelta(days=7)}
    if allowed:
        assert facade.hold_place(**arguments).kind == kind
        assert ItemHold.objects.count() == 1
        return
    with pytest.raises(HoldForbidden) as caught:
        facade.hold_place(**arguments)
    assert (caught.value.code, caught.value.status) == ("items.hold_forbidden", 403)
    assert snapshot() == before


@pytest.mark.parametrize("actor_key", ["system", "anonymous", "clerk_a", "manager_a", "clerk_b", "regulator",
                                       "consumer", "admin"])
def test_only_the_police_release_or_extend_holds(world: dict[str, Any], actor_key: str) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.IN_STOCK)
    hold = police_hold(world, item)
    before = snapshot()
    actor = actor_of(world, actor_key)
    with pytest.raises(PermissionDenied):
        facade.hold_release(actor=actor, hold_id=hold.id, reason="Owner proved purchase")
    with pytest.raises(PermissionDenied):
        facade.hold_extend(actor=actor, hold_id=hold.id, ends_at=timezone.now() + dt.timedelta(days=20),
                           reason="Investigation continues")
    assert snapshot() == before
    assert state_of(item) == ItemState.ON_HOLD


def test_releasing_the_last_state_changing_hold_restores_the_state(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.LISTED)
    first = police_hold(world, item)
    second = watchlist_hold(item)
    assert (state_of(item), ItemHold.objects.get(pk=second.id).prior_state) == (ItemState.ON_HOLD, "listed")
    released = facade.hold_release(actor=world["police"], hold_id=first.id, reason="Order lifted")
    assert (released.is_active, released.release_reason, released.released_by_id) == (
        False, "Order lifted", world["police"].pk)
    assert state_of(item) == ItemState.ON_HOLD
    facade.hold_release(actor=world["police"], hold_id=second.id, reason="Watchlist entry was a typo")
    assert state_of(item) == ItemState.LISTED
    assert list(ItemEvent.objects.filter(item=item).values_list("kind", "from_state", "to_state", "is_public")) == [
        ("hold_placed", "", "", False), ("state_changed", "listed", "on_hold", False),
        ("hold_placed", "", "", False), ("hold_released", "", "", False), ("hold_released", "", "", False),
        ("state_changed", "on_hold", "listed", False)]
    assert facade.passport_get(item.code).events == ()


def test_release_returns_to_in_stock_when_the_prior_state_is_unknown(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.LISTED)
    services.item_transition(actor=world["clerk_a"], item=item, to_state=ItemState.ON_HOLD, reason="Odd story")
    hold = watchlist_hold(item)
    assert ItemHold.objects.get(pk=hold.id).prior_state == ""
    facade.hold_release(actor=world["police"], hold_id=hold.id, reason="Cleared")
    assert state_of(item) == ItemState.IN_STOCK


def test_release_does_not_return_into_circulation_while_a_statutory_hold_runs(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.LISTED)
    facade.hold_place(actor=None, item_id=item.pk, kind=HoldKind.STATUTORY, reason="7 days",
                      ends_at=timezone.now() + dt.timedelta(days=7))
    hold = police_hold(world, item)
    facade.hold_release(actor=world["police"], hold_id=hold.id, reason="Cleared")
    assert state_of(item) == ItemState.IN_STOCK


def test_a_statutory_hold_changes_no_state_and_its_release_neither(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.INTAKE)
    hold = facade.hold_place(actor=None, item_id=item.pk, kind=HoldKind.STATUTORY, reason="7 days",
                             ends_at=timezone.now() + dt.timedelta(days=7), source_ref="acquisitions.entry:5")
    assert (state_of(item), hold.prior_state, hold.placed_by_id) == (ItemState.INTAKE, "", None)
    facade.hold_release(actor=world["police"], hold_id=hold.id, reason="Checked by the police")
    assert state_of(item) == ItemState.INTAKE
    assert AuditEvent.objects.filter(action="item.transitioned").count() == 0


def test_holds_are_idempotent_per_source(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.INTAKE)
    first = watchlist_hold(item)
    before = snapshot()
    assert watchlist_hold(item) == first
    assert snapshot() == before
    assert watchlist_hold(item, source_ref="policing.alert:13").id != first.id


@pytest.mark.parametrize(("state", "kind"), [
    (ItemState.SOLD, HoldKind.POLICE), (ItemState.SEIZED, HoldKind.WATCHLIST), (ItemState.RETURNED, HoldKind.POLICE),
    (ItemState.SCRAPPED, HoldKind.STATUTORY),
])
def test_items_that_cannot_go_on_hold_are_refused(world: dict[str, Any], state: str, kind: str) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=state)
    before = snapshot()
    with pytest.raises(HoldNotPossible) as caught:
        facade.hold_place(actor=world["police"], item_id=item.pk, kind=kind, reason="why", order_number="A-1",
                          ends_at=timezone.now() + dt.timedelta(days=3))
    assert (caught.value.code, caught.value.status) == ("items.hold_not_possible", 409)
    assert snapshot() == before


def test_the_police_extend_a_hold_within_the_limit(world: dict[str, Any], frozen: dt.datetime) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.IN_STOCK)
    hold = police_hold(world, item, ends_at=frozen + dt.timedelta(days=10))
    before = snapshot()
    for ends_at in (frozen + dt.timedelta(days=41), frozen + dt.timedelta(days=9), None):
        with pytest.raises(ValidationFailed) as caught:
            facade.hold_extend(actor=world["police"], hold_id=hold.id, ends_at=ends_at, reason="More time")  # type: ignore[arg-type]
        assert (caught.value.code, list(caught.value.errors)) == ("items.hold_end_invalid", ["ends_at"])
    with pytest.raises(ValidationFailed) as no_reason:
        facade.hold_extend(actor=world["police"], hold_id=hold.id, ends_at=frozen + dt.timedelta(days=20), reason="")
    assert list(no_reason.value.errors) == ["reason"]
    assert snapshot() == before
    extended = facade.hold_extend(actor=world["police"], hold_id=hold.id, ends_at=frozen + dt.timedelta(days=40),
                                  reason="Investigation continues")
    assert extended.ends_at == frozen + dt.timedelta(days=40)
    assert ItemEvent.objects.get(kind="hold_extended").data == {
        "hold_id": hold.id, "hold_kind": "police", "reason": "Investigation continues",
        "ends_at_before": "2026-12-11T09:30:00+00:00", "ends_at": "2027-01-10T09:30:00+00:00"}
    assert AuditEvent.objects.get(action="item.hold_extended").payload == {
        "code": item.code, "hold_id": hold.id, "kind": "police", "ends_at_before": "2026-12-11T09:30:00+00:00",
        "ends_at": "2027-01-10T09:30:00+00:00"}


def test_holds_without_end_and_released_holds_cannot_be_extended(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.IN_STOCK)
    endless = watchlist_hold(item)
    later = timezone.now() + dt.timedelta(days=5)
    with pytest.raises(ValidationFailed):
        facade.hold_extend(actor=world["police"], hold_id=endless.id, ends_at=later, reason="x")
    facade.hold_release(actor=world["police"], hold_id=endless.id, reason="Cleared")
    before = snapshot()
    with pytest.raises(HoldAlreadyReleased):
        facade.hold_extend(actor=world["police"], hold_id=endless.id, ends_at=later, reason="x")
    with pytest.raises(HoldAlreadyReleased) as again:
        facade.hold_release(actor=world["police"], hold_id=endless.id, reason="Cleared twice")
    assert (again.value.code, again.value.status) == ("items.hold_released", 409)
    assert snapshot() == before


def test_leaving_on_hold_by_hand_while_a_hold_is_active_is_refused(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.IN_STOCK)
    police_hold(world, item)
    before = snapshot()
    with pytest.raises(HoldStillActive) as caught:
        services.item_transition(actor=world["police"], item=item, to_state=ItemState.IN_STOCK)
    assert caught.value.code == "items.hold_active"
    assert snapshot() == before
    services.item_transition(actor=world["police"], item=item, to_state=ItemState.SEIZED, reason="Evidence")
    assert state_of(item) == ItemState.SEIZED


def test_expired_holds_are_released_by_the_system(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.RENTED_OUT)
    hold = police_hold(world, item, ends_at=timezone.now() + dt.timedelta(days=1))
    running = police_hold(world, ItemFactory(owner_operator=world["operator_a"], state=ItemState.IN_STOCK))
    released = facade.holds_expire_due(now=timezone.now() + dt.timedelta(days=2))
    assert [(ref.id, ref.release_reason, ref.released_by_id) for ref in released] == [(hold.id, EXPIRED_REASON, None)]
    assert state_of(item) == ItemState.RENTED_OUT
    assert facade.holds_expire_due(now=timezone.now() + dt.timedelta(days=2)) == []
    assert ItemHold.objects.get(pk=running.id).released_at is None


def test_holds_for_item_lists_every_hold_newest_first(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.IN_STOCK)
    first = police_hold(world, item)
    facade.hold_release(actor=world["police"], hold_id=first.id, reason="Cleared")
    second = watchlist_hold(item)
    assert [(ref.id, ref.is_active) for ref in facade.holds_for_item(item.pk)] == [(second.id, True),
                                                                                  (first.id, False)]
