"""Reads for other contexts: holds lists scoped to the actor, identifiers and descriptions in bulk."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from recirc.items import facade
from recirc.items.contracts import ItemDescription
from recirc.items.models import HoldKind, Item, ItemIdentifier, ItemState
from recirc.items.tests.factories import VALID_IMEI, ItemFactory, ItemHoldFactory

OTHER_IMEI = "356938035643809"


def with_identifiers(item: Item, *pairs: tuple[str, str]) -> Item:
    ItemIdentifier.objects.bulk_create([ItemIdentifier(item=item, kind=kind, value=value) for kind, value in pairs])
    return item


@pytest.fixture
def holds(world: dict[str, Any]) -> dict[str, Any]:
    """A police hold on operator A's item, a statutory hold on B's, a released one on A's, one on a consumer's."""
    item_a = ItemFactory(owner_operator=world["operator_a"], state=ItemState.IN_STOCK)
    return {
        "police_a": facade.hold_place(actor=world["police"], item_id=item_a.pk, kind=HoldKind.POLICE,
                                      reason="Case 1", order_number="1"),
        "statutory_b": ItemHoldFactory(item=ItemFactory(owner_operator=world["operator_b"])),
        "released_a": ItemHoldFactory(item=item_a, released_at=timezone.now(), release_reason="Cleared"),
        "consumer": ItemHoldFactory(item=ItemFactory(owner_operator=None, owner_user=world["consumer"])),
    }


@pytest.mark.parametrize(("actor_key", "expected"), [
    ("police", {"police_a", "statutory_b", "consumer"}), ("regulator", {"police_a", "statutory_b", "consumer"}),
    ("admin", {"police_a", "statutory_b", "consumer"}), ("clerk_a", {"police_a"}), ("manager_a", {"police_a"}),
    ("clerk_b", {"statutory_b"}), ("consumer", set()), ("anonymous", set()),
])
def test_holds_list_is_scoped(world: dict[str, Any], holds: dict[str, Any], actor_key: str,
                              expected: set[str]) -> None:
    actor = AnonymousUser() if actor_key == "anonymous" else world[actor_key]
    ids = {ref.id for ref in facade.holds_list(actor)}
    assert {key for key, hold in holds.items() if getattr(hold, "id", getattr(hold, "pk", None)) in ids} == expected


def test_holds_list_filters(world: dict[str, Any], holds: dict[str, Any]) -> None:
    police = world["police"]
    assert [ref.id for ref in facade.holds_list(police, kind=HoldKind.POLICE)] == [holds["police_a"].id]
    everything = facade.holds_list(police, active_only=False)
    assert {ref.id for ref in everything} == {holds["police_a"].id, holds["statutory_b"].pk,
                                              holds["released_a"].pk, holds["consumer"].pk}
    assert [ref.is_active for ref in everything if ref.id == holds["released_a"].pk] == [False]


def test_items_with_identifiers_normalises_and_answers_in_one_query(world: dict[str, Any]) -> None:
    first = with_identifiers(ItemFactory(), ("imei", VALID_IMEI), ("serial", "C02XK1ABJG5H"))
    clone = with_identifiers(ItemFactory(), ("imei", VALID_IMEI))
    with_identifiers(ItemFactory(), ("serial", VALID_IMEI))  # the same digits as another kind do not match
    pairs = [("imei", "49-015420-323751-8"), ("imei", "4901542032375101"), ("serial", " c02xk1abjg5h "),
             ("imei", OTHER_IMEI), ("imei", "12345"), ("fingerprint", "x")]
    with CaptureQueriesContext(connection) as captured:
        found = facade.items_with_identifiers(pairs)
    assert found == {("imei", VALID_IMEI): [first.pk, clone.pk], ("serial", "C02XK1ABJG5H"): [first.pk],
                     ("imei", OTHER_IMEI): []}
    assert len(captured.captured_queries) == 1


def test_item_descriptions_come_in_id_batches(world: dict[str, Any]) -> None:
    old = ItemFactory(brand="Apple", model_name="iPhone 13", title="iPhone 13 黑色", owner_operator=world["operator_a"],
                      attributes={"colour": "黑色"})
    Item.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=400))
    middle = ItemFactory(owner_operator=None, owner_user=world["consumer"], title="Jacket", attributes={})
    newest = ItemFactory(owner_operator=world["operator_b"])
    first_batch = facade.item_descriptions(limit=2)
    old.refresh_from_db()
    assert first_batch[0] == ItemDescription(id=old.pk, category_code="clothing", title="iPhone 13 黑色",
                                             brand="Apple", model_name="iPhone 13", colour="黑色",
                                             created_at=old.created_at, owner_operator_id=world["operator_a"].pk)
    assert [row.id for row in first_batch] == [old.pk, middle.pk]
    assert [row.id for row in facade.item_descriptions(after_id=middle.pk)] == [newest.pk]
    recent = facade.item_descriptions(since=timezone.now() - dt.timedelta(days=30))
    assert [(row.id, row.colour, row.owner_operator_id) for row in recent] == [(middle.pk, "", None),
                                                                               (newest.pk, "", world["operator_b"].pk)]
