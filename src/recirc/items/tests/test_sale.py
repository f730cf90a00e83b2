"""A sale moves the passport to the buyer (or to nobody: a walk-in buyer) with a public "sold" event; a return
moves it back. Held items are not sold."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from recirc.core.models import AuditEvent
from recirc.core.roles import Role
from recirc.items.facade import item_sale_reverse, item_sell
from recirc.items.models import HoldKind, Item, ItemEvent, ItemHold, ItemState
from recirc.items.tests.factories import ItemFactory, OperatorFactory, OutletFactory, UserFactory


@pytest.fixture
def listed(db: Any) -> Item:
    operator = OperatorFactory()
    return ItemFactory(owner_operator=operator, outlet=OutletFactory(operator=operator), state=ItemState.LISTED)


def test_a_sale_moves_ownership_to_the_buyer(listed: Item) -> None:
    buyer = UserFactory(role=Role.CONSUMER)
    seller_id = listed.owner_operator_id
    ref = item_sell(actor=None, item_id=listed.pk, buyer_user_id=buyer.pk, operator_id=seller_id, reference="T1")
    assert (ref.state, ref.owner_user_id, ref.owner_operator_id, ref.outlet_id) == ("sold", buyer.pk, None, None)
    event = ItemEvent.objects.get(item=listed, kind="sold")
    assert (event.is_public, event.operator_id, event.from_state, event.to_state) == (True, seller_id, "listed",
                                                                                       "sold")
    assert AuditEvent.objects.filter(action="item.sold", target_id=str(listed.pk)).count() == 1


def test_a_return_gives_the_item_back_to_the_seller(listed: Item) -> None:
    seller_id, outlet_id = listed.owner_operator_id, listed.outlet_id
    item_sell(actor=None, item_id=listed.pk, buyer_user_id=None, operator_id=seller_id, reference="T2")
    ref = item_sale_reverse(actor=None, item_id=listed.pk, to_operator_id=seller_id, to_user_id=None,
                            reference="T2", outlet_id=outlet_id)
    assert (ref.state, ref.owner_operator_id, ref.owner_user_id, ref.outlet_id) == ("in_stock", seller_id, None,
                                                                                    outlet_id)
    assert list(ItemEvent.objects.filter(item=listed).values_list("kind", flat=True)) == ["sold", "sale_reversed"]


def test_a_held_item_is_not_sold_and_nothing_changes(listed: Item) -> None:
    ItemHold.objects.create(item=listed, kind=HoldKind.POLICE, reason="协查", order_number="公1",
                            ends_at=timezone.now() + dt.timedelta(days=3))
    with pytest.raises(Exception) as refused:
        item_sell(actor=None, item_id=listed.pk, buyer_user_id=None, operator_id=None, reference="T3")
    assert getattr(refused.value, "code", "") == "items.not_circulable"
    listed.refresh_from_db()
    assert (listed.state, ItemEvent.objects.filter(item=listed).count()) == ("listed", 0)


def test_only_items_in_stock_listed_or_reserved_are_sold(listed: Item) -> None:
    Item.objects.filter(pk=listed.pk).update(state=ItemState.SOLD)
    with pytest.raises(Exception) as refused:
        item_sell(actor=None, item_id=listed.pk, buyer_user_id=None, operator_id=None, reference="T4")
    assert getattr(refused.value, "code", "") == "items.transition_not_allowed"
