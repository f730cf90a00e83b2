"""A sale moves the passport to its buyer; a return (a reversed sale) moves it back. Only the trade context calls
these (through the facade), after it has authorised its own actor: the actor may be the system (a payment
notification) or the counter clerk.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from recirc.core.audit import audit_record
from recirc.items.errors import ItemNotFound, TransitionNotAllowed
from recirc.items.models import Item, ItemState
from recirc.items.services import event_append, item_require_circulable

SELLABLE_STATES = frozenset({ItemState.IN_STOCK, ItemState.LISTED, ItemState.RESERVED})


def _locked(item_id: int) -> Item:
    item = Item.objects.select_for_update().filter(pk=item_id).first()
    if item is None:
        raise ItemNotFound()
    return item


def _refuse(item: Item, to_state: str) -> None:
    raise TransitionNotAllowed(params={"from_state": ItemState(item.state).label,
                                       "to_state": ItemState(to_state).label})


@transaction.atomic
def item_sell(*, actor: Any, item_id: int, buyer_user_id: int | None, operator_id: int | None,
              reference: str) -> Item:
    """Ownership moves to the buyer (None: an anonymous walk-in buyer), the state becomes SOLD, and a public
    "sold" event names the selling operator. Refused unless the item may circulate (holds, watchlist, erasure)."""
    item = _locked(item_id)
    if item.state not in SELLABLE_STATES:
        _refuse(item, ItemState.SOLD)
    item_require_circulable(item.pk)
    from_state = item.state
    previous = {"operator_id": item.owner_operator_id, "user_id": item.owner_user_id, "outlet_id": item.outlet_id}
    item.state, item.owner_operator_id, item.owner_user_id, item.outlet_id = (ItemState.SOLD, None, buyer_user_id,
                                                                              None)
    item.save(update_fields=["state", "owner_operator", "owner_user", "outlet", "updated_at"])
    event_append(item=item, kind="sold", actor=actor, operator_id=operator_id, is_public=True,
                 data={"reference": reference[:80], "previous_owner": previous}, from_state=from_state,
                 to_state=ItemState.SOLD)
    audit_record(actor=actor, action="item.sold", target=item, operator_id=operator_id,
                 payload={"code": item.code, "reference": reference[:80], "from": from_state,
                          "buyer_user_id": buyer_user_id})
    return item


@transaction.atomic
def item_sale_reverse(*, actor: Any, item_id: int, to_operator_id: int | None, to_user_id: int | None,
                      reference: str, outlet_id: int | None = None) -> Item:
    """A return: ownership goes back to the seller (an operator or a consumer), the state becomes IN_STOCK, and a
    public "sale_reversed" event is recorded."""
    if (to_operator_id is None) == (to_user_id is None):
        raise ValueError("name exactly one owner to return the item to")
    item = _locked(item_id)
    if item.state != ItemState.SOLD:
        _refuse(item, ItemState.IN_STOCK)
    item.state, item.owner_operator_id, item.owner_user_id = ItemState.IN_STOCK, to_operator_id, to_user_id
    item.outlet_id = outlet_id if to_operator_id is not None else None
    item.save(update_fields=["state", "owner_operator", "owner_user", "outlet", "updated_at"])
    event_append(item=item, kind="sale_reversed", actor=actor, operator_id=to_operator_id, is_public=True,
                 data={"reference": reference[:80]}, from_state=ItemState.SOLD, to_state=ItemState.IN_STOCK)
    audit_record(actor=actor, action="item.sale_reversed", target=item, operator_id=to_operator_id,
                 payload={"code": item.code, "reference": reference[:80]})
    return item
