"""The only module other contexts import from items. Everything returned is a contract.

`actor=None` means the system (a task or another context acting on its own authority); views and API
handlers always pass the request's user.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from recirc.items import selectors, services
from recirc.items.contracts import IdentifierRef, ItemEventRef, ItemRef, ItemSummary, PassportView
from recirc.items.errors import ItemNotFound
from recirc.items.identifiers import identifier_mask, identifier_normalise
from recirc.items.models import Item, ItemEvent, ItemState
from recirc.operators.contracts import OperatorScope

__all__ = [
    "IdentifierRef",
    "ItemEventRef",
    "ItemRef",
    "ItemState",
    "ItemSummary",
    "PassportView",
    "identifier_mask",
    "identifier_normalise",
    "item_counts_by_category",
    "item_counts_by_state",
    "item_get_for",
    "item_move",
    "item_record_event",
    "item_ref",
    "item_register",
    "item_total",
    "item_transition",
    "items_owned_by_user",
    "items_sharing_identifier",
    "passport_get",
    "recent_items",
]


def to_item_ref(item: Item) -> ItemRef:
    return ItemRef(
        id=item.pk, code=item.code, category_id=item.category_id, category_code=item.category.code,
        title=item.title, brand=item.brand, model_name=item.model_name, state=item.state,
        owner_operator_id=item.owner_operator_id, owner_user_id=item.owner_user_id, outlet_id=item.outlet_id,
        has_storage=item.category.has_storage, high_risk=item.category.high_risk, created_at=item.created_at,
        identifiers=tuple(IdentifierRef(kind=identifier.kind, value=identifier.value)
                          for identifier in item.identifiers.all()),
        attributes=dict(item.attributes),
    )


def _event_ref(event: ItemEvent) -> ItemEventRef:
    return ItemEventRef(id=event.pk, item_id=event.item_id, kind=event.kind, occurred_at=event.occurred_at,
                        from_state=event.from_state, to_state=event.to_state, operator_id=event.operator_id,
                        is_public=event.is_public)


def _item(item_id: int) -> Item:
    item = Item.objects.select_related("category").prefetch_related("identifiers").filter(pk=item_id).first()
    if item is None:
        raise ItemNotFound()
    return item


def item_ref(item_id: int) -> ItemRef:
    """Unscoped, for other contexts' own services (they authorise their actors themselves)."""
    return to_item_ref(_item(item_id))


def item_get_for(actor: Any, item_id: int) -> ItemRef:
    """Scoped to the actor; NotFound for missing and forbidden alike."""
    return to_item_ref(selectors.item_get(actor, item_id))


def item_register(*, actor: Any, category_id: int, title: str, brand: str = "", model_name: str = "",
                  attributes: Mapping[str, Any] | None = None, identifiers: Iterable[tuple[str, str]] = (),
                  owner_operator_id: int | None = None, owner_user_id: int | None = None,
                  outlet_id: int | None = None) -> ItemRef:
    item = services.item_register(actor=actor, category_id=category_id, title=title, brand=brand,
                                  model_name=model_name, attributes=attributes, identifiers=identifiers,
                                  owner_operator_id=owner_operator_id, owner_user_id=owner_user_id,
                                  outlet_id=outlet_id)
    return item_ref(item.pk)


def item_transition(*, actor: Any, item_id: int, to_state: str, reason: str = "") -> ItemRef:
    services.item_transition(actor=actor, item=_item(item_id), to_state=to_state, reason=reason)
    return item_ref(item_id)


def item_move(*, actor: Any, item_id: int, outlet_id: int) -> ItemRef:
    services.item_move(actor=actor, item=_item(item_id), outlet_id=outlet_id)
    return item_ref(item_id)


def item_record_event(*, actor: Any, item_id: int, kind: str, data: Mapping[str, Any] | None = None,
                      is_public: bool = False, operator_id: int | None = None) -> ItemEventRef:
    """Append an event (append-only). Public events show kind, date and operator name; a "grade" with its
    "grade_scale" code in `data` becomes the passport's grade. `data` must hold no personal data."""
    event = services.item_record_event(actor=actor, item=_item(item_id), kind=kind, data=data,
                                       is_public=is_public, operator_id=operator_id)
    return _event_ref(event)


def item_counts_by_state(scope: OperatorScope) -> dict[str, int]:
    return selectors.item_counts_by_state(scope)


def item_counts_by_category(scope: OperatorScope) -> dict[str, int]:
    return selectors.item_counts_by_category(scope)


def items_sharing_identifier(kind: str, value: str) -> list[ItemRef]:
    """Items carrying the identifier (normalised first; IdentifierInvalid if it cannot be). Two or more
    items with one IMEI is a clone signal."""
    return [to_item_ref(item) for item in selectors.items_sharing_identifier(kind, value)]


def passport_get(code: str) -> PassportView:
    return selectors.passport_get(code)


def item_total(scope: OperatorScope) -> int:
    return selectors.item_total(scope)


def recent_items(scope: OperatorScope, *, limit: int = 8) -> list[ItemSummary]:
    return selectors.recent_items(scope, limit=limit)


def items_owned_by_user(user: Any, *, limit: int = 10) -> list[ItemSummary]:
    return selectors.items_owned_by(user, limit=limit)
