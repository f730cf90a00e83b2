"""The only module other contexts import from items. Everything returned is a contract.

`actor=None` means the system (a task or another context acting on its own authority); views and API
handlers always pass the request's user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from recirc.catalog.contracts import CategoryRef
from recirc.items import erasure_gate, holds, selectors, services
from recirc.items.codes import code_looks_valid, code_normalise
from recirc.items.contracts import (
    CirculationBlocker,
    HoldRef,
    IdentifierRef,
    ItemDescription,
    ItemEventRef,
    ItemRef,
    ItemSummary,
    PassportView,
)
from recirc.items.errors import ItemNotCirculable, ItemNotFound
from recirc.items.identifiers import identifier_mask, identifier_normalise
from recirc.items.models import HoldKind, Item, ItemEvent, ItemHold, ItemState
from recirc.items.selectors import IdentifierHolder
from recirc.items.services import StatutoryHold
from recirc.operators.contracts import OperatorScope

__all__ = [
    "CirculationBlocker",
    "HoldKind",
    "HoldRef",
    "IdentifierHolder",
    "IdentifierRef",
    "ItemDescription",
    "ItemEventRef",
    "ItemNotCirculable",
    "ItemRef",
    "ItemState",
    "ItemSummary",
    "PassportView",
    "StatutoryHold",
    "counterfeit_hold_place",
    "counterfeit_hold_release",
    "erasure_gate_is_open",
    "erasure_gate_release",
    "erasure_gate_reopen",
    "hold_extend",
    "hold_place",
    "hold_release",
    "holds_expire_due",
    "holds_for_item",
    "holds_list",
    "identifier_holders",
    "identifier_mask",
    "identifier_normalise",
    "item_assert_circulable",
    "item_circulation_blockers",
    "item_counts_by_category",
    "item_counts_by_state",
    "item_descriptions",
    "item_find_for",
    "item_get_for",
    "item_move",
    "item_record_event",
    "item_ref",
    "item_register",
    "item_take_in",
    "item_total",
    "item_transition",
    "items_owned_by_user",
    "items_sharing_identifier",
    "items_with_identifiers",
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


def item_take_in(*, actor: Any, category: CategoryRef, title: str, brand: str = "", model_name: str = "",
                 attributes: Mapping[str, Any] | None = None, identifiers: Iterable[tuple[str, str]] = (),
                 owner_operator_id: int, outlet_id: int, reason: str = "",
                 statutory_hold: StatutoryHold | None = None) -> ItemRef:
    """An article taken into an operator's stock at one of its outlets (the acquisition register's intake):
    what item_register, item_transition(to IN_STOCK) and hold_place(kind "statutory", actor None) would write,
    in one step and fewer statements. `category` comes from catalog.facade.category_get. Runs inside the
    caller's transaction (an error must end it); refused input raises before anything is written."""
    item, pairs = services.item_take_in(
        actor=actor, category=category, title=title, brand=brand, model_name=model_name, attributes=attributes,
        identifiers=identifiers, owner_operator_id=owner_operator_id, outlet_id=outlet_id, reason=reason,
        statutory_hold=statutory_hold)
    return ItemRef(
        id=item.pk, code=item.code, category_id=category.id, category_code=category.code, title=item.title,
        brand=item.brand, model_name=item.model_name, state=item.state, owner_operator_id=item.owner_operator_id,
        owner_user_id=item.owner_user_id, outlet_id=item.outlet_id, has_storage=category.has_storage,
        high_risk=category.high_risk, created_at=item.created_at,
        identifiers=tuple(IdentifierRef(kind=kind, value=value) for kind, value in pairs),
        attributes=dict(item.attributes))


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


def identifier_holders(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], list[IdentifierHolder]]:
    """Normalised (kind, value) -> the items carrying it (id, code, state), in one query; pairs that cannot be
    normalised are left out. Unscoped: for other contexts' checks (clone detection at intake)."""
    return selectors.identifier_holders(pairs)


def passport_get(code: str) -> PassportView:
    return selectors.passport_get(code)


def item_total(scope: OperatorScope) -> int:
    return selectors.item_total(scope)


def recent_items(scope: OperatorScope, *, limit: int = 8) -> list[ItemSummary]:
    return selectors.recent_items(scope, limit=limit)


def items_owned_by_user(user: Any, *, limit: int = 10) -> list[ItemSummary]:
    return selectors.items_owned_by(user, limit=limit)


# Holds and the circulation gate (ADR 0008) --------------------------------------------------------------------

def _hold_ref(hold: ItemHold) -> HoldRef:
    return selectors.hold_ref(hold)


def hold_place(*, actor: Any, item_id: int, kind: str, reason: str, ends_at: dt.datetime | None = None,
               order_number: str = "", source_ref: str = "") -> HoldRef:
    """Police holds: actor must be police (order number; ends within POLICE_HOLD_MAX_DAYS, the longest by
    default). Watchlist and statutory holds: actor None (the system) or police; statutory holds need ends_at.
    Police and watchlist holds move the item to ON_HOLD. Runs inside the caller's transaction when there is
    one. Idempotent while active for the same (item, kind, non-empty source_ref)."""
    return _hold_ref(holds.hold_place(actor=actor, item_id=item_id, kind=kind, reason=reason, ends_at=ends_at,
                                      order_number=order_number, source_ref=source_ref))


def hold_extend(*, actor: Any, hold_id: int, ends_at: dt.datetime, reason: str) -> HoldRef:
    """The police only; a police hold by at most POLICE_HOLD_MAX_DAYS per extension."""
    return _hold_ref(holds.hold_extend(actor=actor, hold_id=hold_id, ends_at=ends_at, reason=reason))


def hold_release(*, actor: Any, hold_id: int, reason: str) -> HoldRef:
    """The police only (HoldForbidden otherwise, nothing changes). Releasing the last police or watchlist
    hold returns the item to the state it left (IN_STOCK if unknown)."""
    return _hold_ref(holds.hold_release(actor=actor, hold_id=hold_id, reason=reason))


def holds_expire_due(*, now: dt.datetime | None = None) -> list[HoldRef]:
    """Release, as the system, police and watchlist holds whose end has passed (for a periodic task)."""
    return [_hold_ref(hold) for hold in holds.holds_expire_due(now=now)]


def holds_for_item(item_id: int) -> list[HoldRef]:
    """Every hold of the item, newest first (unscoped: callers authorise their actors)."""
    return selectors.holds_for_item(item_id)


def holds_list(actor: Any, *, active_only: bool = True, kind: str | None = None) -> list[HoldRef]:
    """Police and city-wide roles: all holds; operator staff: holds on items in their scope; others none."""
    return selectors.holds_list(actor, active_only=active_only, kind=kind)


def item_circulation_blockers(item_id: int) -> list[CirculationBlocker]:
    """Why the item may not be listed, reserved, sold, rented out (or shipped, auctioned) now; [] if it may."""
    return selectors.item_circulation_blockers(item_id)


def item_assert_circulable(item_id: int) -> None:
    """Raises ItemNotCirculable (409, "items.not_circulable", naming each blocker) unless the item may circulate."""
    services.item_require_circulable(item_id)


def items_with_identifiers(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], list[int]]:
    """Normalised (kind, value) -> ids of items carrying it; pairs that cannot be normalised are left out."""
    return selectors.items_with_identifiers(pairs)


def item_descriptions(*, since: dt.datetime | None = None, after_id: int = 0,
                      limit: int = 5000) -> list[ItemDescription]:
    """Describing facts of items with id > after_id (registered since `since`), in id order, for batches."""
    return selectors.item_descriptions(since=since, after_id=after_id, limit=limit)


# The "not erased, not sold" gate (the erasure context is its only writer) --------------------------------------

def erasure_gate_release(*, actor: Any, item_id: int, certificate_ref: str) -> list[HoldRef]:
    """Release the item's erasure holds after a verified erasure; [] when none was open."""
    return [_hold_ref(hold) for hold in
            erasure_gate.erasure_gate_release(actor=actor, item_id=item_id, certificate_ref=certificate_ref)]


def erasure_gate_reopen(*, actor: Any, item_id: int, reason: str, source_ref: str) -> HoldRef:
    """Block the item again until a new verified erasure (a failed re-verification, say)."""
    hold = erasure_gate.erasure_gate_reopen(actor=actor, item_id=item_id, reason=reason, source_ref=source_ref)
    return _hold_ref(hold)


def erasure_gate_is_open(item_id: int) -> bool:
    """True while the item waits for a verified erasure."""
    return erasure_gate.erasure_gate_is_open(item_id)


# The counterfeit gate (the inspection context's referrals are its only writer) ---------------------------------

def counterfeit_hold_place(*, actor: Any, item_id: int, referral_ref: str) -> HoldRef:
    """Block the item while its counterfeit referral to market supervision is open (idempotent)."""
    from recirc.items import counterfeit_gate

    return _hold_ref(counterfeit_gate.counterfeit_hold_place(actor=actor, item_id=item_id, referral_ref=referral_ref))


def counterfeit_hold_release(*, actor: Any, item_id: int, referral_ref: str) -> list[HoldRef]:
    """End the item's counterfeit holds when its referral is closed as cleared; [] when none was active."""
    from recirc.items import counterfeit_gate

    return [_hold_ref(hold) for hold in
            counterfeit_gate.counterfeit_hold_release(actor=actor, item_id=item_id, referral_ref=referral_ref)]


# --- read-only aggregates for the supervision statistics (items/statistics.py) ----------------------------
from recirc.items.statistics import DailyCount, holds_placed_daily, local_day_bounds  # noqa: E402

__all__ += ["DailyCount", "holds_placed_daily", "local_day_bounds"]


def item_find_for(actor: Any, code: str) -> ItemRef | None:
    """The item with this passport code (any case, spaces or dashes) when the actor may see it; else None."""
    canonical = code_normalise(code or "")
    if not code_looks_valid(canonical):
        return None
    found = selectors.items_visible_to(actor).filter(code=canonical).values_list("pk", flat=True).first()
    return item_ref(found) if found is not None else None


# --- sales (the trade context is the only caller; items/sale.py) --------------------------------------------
def item_sell(*, actor: Any, item_id: int, buyer_user_id: int | None, operator_id: int | None,
              reference: str) -> ItemRef:
    """Ownership moves to the buyer (None: an anonymous walk-in buyer), state SOLD, a public "sold" event.
    Refuses (ItemNotCirculable, 409) unless the item may circulate; TransitionNotAllowed unless it is in stock,
    listed or reserved. The caller authorises its actor (None: the system)."""
    from recirc.items import sale

    sale.item_sell(actor=actor, item_id=item_id, buyer_user_id=buyer_user_id, operator_id=operator_id,
                   reference=reference)
    return item_ref(item_id)


def item_sale_reverse(*, actor: Any, item_id: int, to_operator_id: int | None, to_user_id: int | None,
                      reference: str, outlet_id: int | None = None) -> ItemRef:
    """A return: ownership back to the operator (at `outlet_id`) or the consumer, state IN_STOCK, a public
    "sale_reversed" event."""
    from recirc.items import sale

    sale.item_sale_reverse(actor=actor, item_id=item_id, to_operator_id=to_operator_id, to_user_id=to_user_id,
                           reference=reference, outlet_id=outlet_id)
    return item_ref(item_id)


__all__ += ["item_sale_reverse", "item_sell"]
