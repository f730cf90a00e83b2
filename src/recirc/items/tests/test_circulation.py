"""The circulation gate: an item under a hold may not be listed, reserved, sold or rented out (DESIGN.md
invariant 3, ADR 0008), whoever asks, through the service, the facade, the API and the pages."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from recirc.items import facade, services
from recirc.items.contracts import CirculationBlocker
from recirc.items.errors import ItemNotCirculable
from recirc.items.models import HoldKind, Item, ItemState
from recirc.items.tests.conftest import snapshot
from recirc.items.tests.factories import ItemFactory, ItemHoldFactory

BACKEND = "django.contrib.auth.backends.ModelBackend"
UNTIL = dt.datetime(2031, 1, 2, 3, 4, tzinfo=dt.UTC)  # 2031-01-02 11:04 in Asia/Shanghai
# (state the item is in, circulating state asked for): each allowed by ITEM_TRANSITIONS
CIRCULATING_MOVES = [(ItemState.IN_STOCK, ItemState.LISTED), (ItemState.LISTED, ItemState.RESERVED),
                     (ItemState.IN_STOCK, ItemState.SOLD), (ItemState.IN_STOCK, ItemState.RENTED_OUT)]
BLOCKERS = {
    HoldKind.POLICE: ("items.on_hold",
                      "On hold by order of the police (order 西公扣〔2026〕7号) until 2031-01-02 11:04."),
    HoldKind.WATCHLIST: ("items.watchlist_match",
                         "Matched to the stolen-goods watchlist: on hold until the police release it."),
    HoldKind.STATUTORY: ("items.statutory_hold", "Statutory hold before resale until 2031-01-02 11:04."),
}


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def hold_row(item: Item, kind: str) -> Any:
    return ItemHoldFactory(item=item, kind=kind, ends_at=UNTIL,
                           order_number="西公扣〔2026〕7号" if kind == HoldKind.POLICE else "")


@pytest.mark.parametrize("kind", list(BLOCKERS))
@pytest.mark.parametrize(("source", "target"), CIRCULATING_MOVES)
@pytest.mark.parametrize("actor_key", ["system", "clerk_a"])
def test_every_blocker_refuses_every_circulating_state(world: dict[str, Any], kind: str, source: str, target: str,
                                                       actor_key: str) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=source)
    hold = hold_row(item, kind)
    before = snapshot()
    with override("en"), pytest.raises(ItemNotCirculable) as caught:
        services.item_transition(actor=None if actor_key == "system" else world[actor_key], item=item,
                                 to_state=target)
    code, message = BLOCKERS[kind]
    assert (caught.value.code, caught.value.status) == ("items.not_circulable", 409)
    with override("en"):
        assert caught.value.text() == f"This item cannot circulate now: {message}"
        assert facade.item_circulation_blockers(item.pk) == [CirculationBlocker(code=code, message=message,
                                                                                hold_id=hold.pk)]
    assert snapshot() == before


@pytest.mark.parametrize("kind", list(BLOCKERS))
def test_blockers_end_with_their_hold(world: dict[str, Any], kind: str) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.IN_STOCK)
    hold = hold_row(item, kind)
    if kind == HoldKind.STATUTORY:
        hold.ends_at = timezone.now() - dt.timedelta(seconds=1)  # statutory holds simply run out
    else:
        hold.released_at, hold.release_reason = timezone.now(), "Cleared"
    hold.save()
    assert facade.item_circulation_blockers(item.pk) == []
    facade.item_assert_circulable(item.pk)
    services.item_transition(actor=world["clerk_a"], item=item, to_state=ItemState.LISTED)
    item.refresh_from_db()
    assert item.state == ItemState.LISTED


def test_an_expired_police_hold_still_blocks_until_it_is_released(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.IN_STOCK)
    hold_row(item, HoldKind.POLICE).__class__.objects.update(ends_at=timezone.now() - dt.timedelta(days=1))
    assert [blocker.code for blocker in facade.item_circulation_blockers(item.pk)] == ["items.on_hold"]


def test_every_blocker_is_named_police_first(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.IN_STOCK)
    for kind in (HoldKind.STATUTORY, HoldKind.WATCHLIST, HoldKind.POLICE):
        hold_row(item, kind)
    with override("en"):
        codes = [blocker.code for blocker in facade.item_circulation_blockers(item.pk)]
        with pytest.raises(ItemNotCirculable) as caught:
            facade.item_assert_circulable(item.pk)
    assert codes == ["items.on_hold", "items.watchlist_match", "items.statutory_hold"]
    assert caught.value.text() == "This item cannot circulate now: " + " ".join(
        message for _code, message in BLOCKERS.values())


def test_the_gate_comes_before_the_state_table(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.IN_STOCK)
    facade.hold_place(actor=world["police"], item_id=item.pk, kind=HoldKind.POLICE, reason="Case 9", order_number="9")
    with pytest.raises(ItemNotCirculable):
        facade.item_transition(actor=None, item_id=item.pk, to_state=ItemState.LISTED)


def test_non_circulating_moves_stay_open_under_a_statutory_hold(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.INTAKE)
    hold_row(item, HoldKind.STATUTORY)
    assert facade.item_transition(actor=world["clerk_a"], item_id=item.pk, to_state=ItemState.IN_STOCK).state == (
        ItemState.IN_STOCK)


def test_the_api_answers_409_with_the_code(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.IN_STOCK)
    hold_row(item, HoldKind.STATUTORY)
    before = snapshot()
    response = signed_in(world["clerk_a"]).post(
        f"/api/v1/items/{item.pk}/transitions", json.dumps({"to_state": "listed"}),
        content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response.json()["code"]) == (409, "items.not_circulable")
    assert response.json()["message"] == f"This item cannot circulate now: {BLOCKERS[HoldKind.STATUTORY][1]}"
    assert snapshot() == before


def test_staff_see_active_holds_on_the_detail_page(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.IN_STOCK)
    hold_row(item, HoldKind.STATUTORY)
    police = hold_row(item, HoldKind.POLICE)
    police.reason = "Reported stolen"
    police.save()
    released = facade.hold_place(actor=None, item_id=item.pk, kind=HoldKind.WATCHLIST, reason="Lookalike")
    facade.hold_release(actor=world["police"], hold_id=released.id, reason="Different phone")
    for actor_key in ("clerk_a", "regulator", "police"):
        body = signed_in(world[actor_key]).get(reverse("item-detail", args=[item.pk]),
                                               HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "Active holds" in body and "Police hold order" in body and "Statutory hold before resale" in body
        assert "Reported stolen" in body and "西公扣〔2026〕7号" in body and "2031-01-02 11:04" in body
        assert "Lookalike" not in body.split("History")[0], "released holds are not active"


def test_consumers_and_the_public_passport_see_no_holds(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=None, owner_user=world["consumer"], state=ItemState.IN_STOCK)
    facade.hold_place(actor=world["police"], item_id=item.pk, kind=HoldKind.POLICE, reason="Reported stolen",
                      order_number="西公扣〔2026〕7号")
    owner_page = signed_in(world["consumer"]).get(reverse("item-detail", args=[item.pk]),
                                                  HTTP_ACCEPT_LANGUAGE="en").content.decode()
    public_page = Client().get(reverse("item-passport", args=[item.code]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for body in (owner_page, public_page):
        assert "Reported stolen" not in body and "西公扣" not in body and "Active holds" not in body
    assert "Hold placed" not in public_page and "On hold" not in public_page


def test_circulating_buttons_disappear_while_blocked(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=world["operator_a"], state=ItemState.IN_STOCK)
    url = reverse("item-detail", args=[item.pk])
    client = signed_in(world["clerk_a"])
    assert "?to=listed" in client.get(url).content.decode()
    hold_row(item, HoldKind.STATUTORY)
    body = client.get(url).content.decode()
    assert "?to=listed" not in body and "?to=sold" not in body and "?to=scrapped" in body
