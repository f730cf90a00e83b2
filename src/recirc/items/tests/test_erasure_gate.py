"""The "not erased, not sold" gate (GB 46864-2025; DESIGN.md invariant 3): every passport of a category with
storage gets an erasure hold at registration; nobody places, extends or releases it by hand; only the erasure
context releases it (naming the certificate) and re-opens it (idempotently); while it is open the item may
not circulate."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils.translation import override

from recirc.core.errors import ValidationFailed
from recirc.core.models import AuditEvent
from recirc.items import facade, services
from recirc.items.contracts import CirculationBlocker
from recirc.items.erasure_gate import OPENED_REASON
from recirc.items.errors import HoldForbidden, ItemNotCirculable
from recirc.items.models import HoldKind, Item, ItemEvent, ItemHold, ItemState
from recirc.items.tests.conftest import snapshot
from recirc.items.tests.factories import VALID_IMEI, category, phone_attributes

BLOCKER_MESSAGE = "A device with data storage: it may not be listed or sold until its erasure is verified."


def register(actor: Any, category_code: str = "mobile-phones") -> Item:
    if category_code == "mobile-phones":
        item = services.item_register(actor=actor, category_id=category(category_code).pk, title="iPhone 13",
                                      brand="Apple", model_name="iPhone 13", attributes=phone_attributes(),
                                      identifiers=[("imei", VALID_IMEI)])
    else:
        item = services.item_register(actor=actor, category_id=category(category_code).pk, title="夹克",
                                      attributes={"size": "M", "washed": True})
    return services.item_transition(actor=actor, item=item, to_state=ItemState.IN_STOCK)


def erasure_hold(item: Item) -> ItemHold:
    return ItemHold.objects.get(item=item, kind=HoldKind.ERASURE)


def test_registration_opens_the_gate_for_devices_with_storage(world: dict[str, Any]) -> None:
    phone = register(world["clerk_a"])
    hold = erasure_hold(phone)
    assert (hold.reason, hold.placed_by_id, hold.ends_at, hold.released_at, hold.order_number, hold.prior_state) == (
        OPENED_REASON, world["clerk_a"].pk, None, None, "", "")
    assert facade.erasure_gate_is_open(phone.pk) is True
    assert phone.state == ItemState.IN_STOCK  # an erasure hold changes no state
    assert not ItemEvent.objects.filter(item=phone, kind="hold_placed").exists()  # "registered" says it
    assert ItemEvent.objects.get(item=phone, kind="registered").data == {"category": "mobile-phones",
                                                                         "erasure_required": True}


@pytest.mark.parametrize("category_code", ["clothing"])
def test_registration_leaves_items_without_storage_free(world: dict[str, Any], category_code: str) -> None:
    jacket = register(world["clerk_a"], category_code)
    assert (facade.erasure_gate_is_open(jacket.pk), facade.item_circulation_blockers(jacket.pk),
            ItemHold.objects.filter(item=jacket).count()) == (False, [], 0)


def test_circulation_is_refused_while_the_gate_is_open(world: dict[str, Any]) -> None:
    phone = register(world["clerk_a"])
    hold = erasure_hold(phone)
    assert facade.item_circulation_blockers(phone.pk) == [CirculationBlocker(
        code="items.erasure_pending", message=BLOCKER_MESSAGE, hold_id=hold.pk)]
    before = snapshot()
    for target in (ItemState.LISTED, ItemState.SOLD, ItemState.RENTED_OUT):
        with override("en"), pytest.raises(ItemNotCirculable) as caught:
            facade.item_transition(actor=world["clerk_a"], item_id=phone.pk, to_state=target)
        with override("en"):
            assert caught.value.text() == f"This item cannot circulate now: {BLOCKER_MESSAGE}"
    assert snapshot() == before


def test_the_police_cannot_release_or_extend_it(world: dict[str, Any]) -> None:
    phone = register(world["clerk_a"])
    hold = erasure_hold(phone)
    before = snapshot()
    with pytest.raises(HoldForbidden):
        facade.hold_release(actor=world["police"], hold_id=hold.pk, reason="looks fine")
    with pytest.raises(HoldForbidden):
        facade.hold_extend(actor=world["police"], hold_id=hold.pk, ends_at=hold.placed_at, reason="longer")
    with pytest.raises(HoldForbidden):
        facade.hold_release(actor=world["clerk_a"], hold_id=hold.pk, reason="sold anyway")
    assert snapshot() == before and facade.erasure_gate_is_open(phone.pk)


@pytest.mark.parametrize("actor_key", ["police", "system", "clerk_a"])
def test_nobody_places_it_by_hand(world: dict[str, Any], actor_key: str) -> None:
    jacket = register(world["clerk_a"], "clothing")
    before = snapshot()
    with pytest.raises(HoldForbidden):
        facade.hold_place(actor=None if actor_key == "system" else world[actor_key], item_id=jacket.pk,
                          kind=HoldKind.ERASURE, reason="erase it", order_number="令 1")
    assert snapshot() == before


def test_release_names_the_certificate_and_lets_the_item_circulate(world: dict[str, Any]) -> None:
    phone = register(world["clerk_a"])
    hold = erasure_hold(phone)
    released = facade.erasure_gate_release(actor=world["manager_a"], item_id=phone.pk, certificate_ref="ECTEST0001")
    assert [(ref.id, ref.is_active, ref.release_reason, ref.released_by_id) for ref in released] == [
        (hold.pk, False, "Erasure verified: ECTEST0001", world["manager_a"].pk)]
    event = ItemEvent.objects.get(item=phone, kind="hold_released")
    assert (event.is_public, event.data) == (False, {"hold_id": hold.pk, "hold_kind": "erasure_pending",
                                                     "reason": "Erasure verified: ECTEST0001"})
    assert AuditEvent.objects.filter(action="item.hold_released", target_id=str(hold.pk)).count() == 1
    assert facade.item_circulation_blockers(phone.pk) == []
    facade.item_transition(actor=world["clerk_a"], item_id=phone.pk, to_state=ItemState.LISTED)
    assert Item.objects.get(pk=phone.pk).state == ItemState.LISTED
    assert facade.erasure_gate_release(actor=None, item_id=phone.pk, certificate_ref="ECTEST0001") == []


@pytest.mark.parametrize(("reference", "message"), [("  ", "This field is required."),
                                                    ("E" * 81, "Use at most 80 characters.")])
def test_release_needs_a_certificate_reference(world: dict[str, Any], reference: str, message: str) -> None:
    phone = register(world["clerk_a"])
    before = snapshot()
    with override("en"), pytest.raises(ValidationFailed) as caught:
        facade.erasure_gate_release(actor=None, item_id=phone.pk, certificate_ref=reference)
    assert caught.value.code == "items.erasure_gate_invalid"
    with override("en"):
        assert [str(text) for text in caught.value.errors["certificate_ref"]] == [message]
    assert snapshot() == before and facade.erasure_gate_is_open(phone.pk)


def test_reopen_is_idempotent_and_blocks_again(world: dict[str, Any]) -> None:
    phone = register(world["clerk_a"])
    facade.erasure_gate_release(actor=None, item_id=phone.pk, certificate_ref="ECTEST0002")
    first = facade.erasure_gate_reopen(actor=None, item_id=phone.pk, reason="Re-verification failed",
                                       source_ref="erasure.check:1")
    second = facade.erasure_gate_reopen(actor=None, item_id=phone.pk, reason="Re-verification failed again",
                                        source_ref="erasure.check:2")
    assert (first.id, first.is_active, first.reason, first.source_ref) == (
        second.id, True, "Re-verification failed", "erasure.check:1")
    assert ItemHold.objects.filter(item=phone, kind=HoldKind.ERASURE, released_at__isnull=True).count() == 1
    assert ItemEvent.objects.filter(item=phone, kind="hold_placed").count() == 1
    assert [blocker.code for blocker in facade.item_circulation_blockers(phone.pk)] == ["items.erasure_pending"]


def test_erasure_holds_stay_off_the_police_hold_list(world: dict[str, Any]) -> None:
    phone = register(world["clerk_a"])
    assert facade.holds_list(world["police"]) == []
    assert [hold.item_id for hold in facade.holds_list(world["manager_a"], kind=HoldKind.ERASURE)] == [phone.pk]
