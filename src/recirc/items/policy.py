"""Who may register, see and change which items. Selectors and services call these; views never decide.

- Seeing: city-wide roles see every item; operator staff see items their operator (or a branch) owns or
  keeps at one of its outlets (consignment); consumers see the items they own.
- Registering: staff for their own operator (and their own outlet when their membership names one), or
  for a consumer whose item they keep at their outlet; consumers for themselves. Nobody else.
- Changing (transitions, moves, events): staff whose scope covers the item, and consumer owners; never a
  regulator, moderator or administrator. Holds: staff and the police may put an item on hold; only the
  police (or the system, actor None) release, seize or return a held item.
- Hold records (ItemHold): the police place, extend and release them; the system (actor None) places
  watchlist and statutory holds. Operator staff see the holds on items in their scope, the police and
  city-wide roles all holds; consumers and the public see none (police activity stays off public pages).
- Circulation: an item under an active hold may not move into a circulating state (CIRCULATING_STATES).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from recirc.accounts.facade import user_ref
from recirc.core.errors import NotFound, ValidationFailed
from recirc.core.permissions import has_role, is_operator_staff
from recirc.core.roles import Role
from recirc.items.errors import ItemChangeForbidden, RegistrationForbidden
from recirc.items.models import ITEM_TRANSITIONS, STATE_CHANGING_HOLD_KINDS, HoldKind, Item, ItemState
from recirc.operators.contracts import OperatorScope
from recirc.operators.facade import membership_of, operator_scope, outlet_ref

POLICE_ONLY_TARGETS = frozenset({ItemState.SEIZED})
HOLD_STATES = frozenset({ItemState.ON_HOLD})
# Listed, reserved, sold or rented out: the states an item under a hold may not enter (DESIGN.md invariant 3).
CIRCULATING_STATES = frozenset({ItemState.LISTED, ItemState.RESERVED, ItemState.SOLD, ItemState.RENTED_OUT})
FINAL_STATES = frozenset({ItemState.RETURNED, ItemState.SEIZED, ItemState.SCRAPPED})


@dataclass(frozen=True)
class Ownership:
    operator_id: int | None
    user_id: int | None
    outlet_id: int | None


def is_signed_in(actor: Any) -> bool:
    return actor is not None and bool(getattr(actor, "is_authenticated", False))


def _consumer_ownership(actor: Any, owner_operator_id: int | None, owner_user_id: int | None,
                        outlet_id: int | None) -> Ownership:
    if owner_operator_id is not None or outlet_id is not None or owner_user_id not in (None, actor.pk):
        raise RegistrationForbidden()
    return Ownership(operator_id=None, user_id=actor.pk, outlet_id=None)


def _staff_outlet(membership: Any, outlet_id: int | None) -> int | None:
    if membership.outlet_id is not None and outlet_id not in (None, membership.outlet_id):
        raise RegistrationForbidden()
    chosen = outlet_id if outlet_id is not None else membership.outlet_id
    if chosen is not None:
        try:
            outlet_ref(chosen, scope=OperatorScope(city_wide=False, operator_ids=frozenset({membership.operator_id})))
        except NotFound as error:
            raise RegistrationForbidden() from error
    return chosen


def _check_consumer(owner_user_id: int) -> None:
    try:
        owner = user_ref(owner_user_id)
    except NotFound as error:
        raise ValidationFailed(field="owner_user_id", code="items.owner_unknown") from error
    if owner.role != Role.CONSUMER or not owner.is_active:
        raise ValidationFailed(field="owner_user_id", code="items.owner_unknown")


def registration_ownership(actor: Any, *, owner_operator_id: int | None, owner_user_id: int | None,
                           outlet_id: int | None) -> Ownership:
    """Who will own and keep the new item, or RegistrationForbidden."""
    if not is_signed_in(actor):
        raise RegistrationForbidden()
    if has_role(actor, Role.CONSUMER):
        return _consumer_ownership(actor, owner_operator_id, owner_user_id, outlet_id)
    membership = membership_of(actor) if is_operator_staff(actor) else None
    if membership is None:
        raise RegistrationForbidden()
    if owner_operator_id not in (None, membership.operator_id):
        raise RegistrationForbidden()
    outlet = _staff_outlet(membership, outlet_id)
    if owner_user_id is not None:  # a consumer's item kept at the outlet (consignment)
        if owner_operator_id is not None or outlet is None:
            raise ValidationFailed(field="outlet_id", code="items.outlet_required")
        _check_consumer(owner_user_id)
        return Ownership(operator_id=None, user_id=owner_user_id, outlet_id=outlet)
    return Ownership(operator_id=membership.operator_id, user_id=None, outlet_id=outlet)


def visible_filter(actor: Any, scope: OperatorScope | None = None) -> Q | None:
    """A filter for the items the actor may see; None means every item; an impossible filter for nobody."""
    if not is_signed_in(actor):
        return Q(pk__in=[])
    scope = scope or operator_scope(actor)
    if scope.city_wide:
        return None
    condition = Q(owner_user_id=actor.pk)
    if scope.operator_ids:
        condition |= Q(owner_operator_id__in=scope.operator_ids) | Q(outlet__operator_id__in=scope.operator_ids)
    return condition


def scope_filter(scope: OperatorScope) -> Q | None:
    """Items owned or kept by operators in the scope (for statistics); None means every item."""
    if scope.city_wide:
        return None
    return Q(owner_operator_id__in=scope.operator_ids) | Q(outlet__operator_id__in=scope.operator_ids)


def _staff_covers(actor: Any, item: Item) -> bool:
    if not is_operator_staff(actor):
        return False
    membership = membership_of(actor)  # staff roles are never city-wide: their scope is this operator and branches
    if membership is not None and item.owner_operator_id == membership.operator_id:
        return True
    scope = operator_scope(actor)
    if scope.city_wide or not scope.operator_ids:
        return False
    if item.owner_operator_id in scope.operator_ids:
        return True
    return item.outlet_id is not None and Item.objects.filter(
        pk=item.pk, outlet__operator_id__in=scope.operator_ids).exists()


def may_change(actor: Any, item: Item) -> bool:
    """Staff covering the item and consumer owners may change it (within the transition rules)."""
    if not is_signed_in(actor):
        return False
    if has_role(actor, Role.CONSUMER):
        return item.owner_user_id == actor.pk
    return _staff_covers(actor, item)


def transition_permitted(actor: Any, item: Item, to_state: str) -> bool:
    """The role rule for one transition (the state table is checked separately)."""
    if actor is None:  # the system: tasks and other contexts acting on their own authority
        return True
    if has_role(actor, Role.POLICE):
        return to_state == ItemState.ON_HOLD or item.state in HOLD_STATES
    if not may_change(actor, item):
        return False
    if item.state in HOLD_STATES or to_state in POLICE_ONLY_TARGETS:
        return False
    return not (has_role(actor, Role.CONSUMER) and to_state == ItemState.ON_HOLD)


def require_change(actor: Any, item: Item) -> None:
    if actor is not None and not may_change(actor, item):
        raise ItemChangeForbidden()


def can_transition(from_state: str, to_state: str) -> bool:
    """The state table: ITEM_TRANSITIONS."""
    return to_state in ITEM_TRANSITIONS.get(from_state, frozenset())


def transition_targets(actor: Any, item: Item) -> list[str]:
    """The states this actor may move this item to now (for buttons)."""
    return [str(state) for state in ItemState
            if can_transition(item.state, state) and transition_permitted(actor, item, state)]


def may_register(actor: Any) -> bool:
    """Consumers and operator staff with an open membership may open the register form."""
    if not is_signed_in(actor):
        return False
    if has_role(actor, Role.CONSUMER):
        return True
    return is_operator_staff(actor) and membership_of(actor) is not None


def may_manage_holds(actor: Any) -> bool:
    """Placing (police orders), extending and releasing holds: the police only."""
    return is_signed_in(actor) and has_role(actor, Role.POLICE)


def may_place_hold(actor: Any, kind: str) -> bool:
    """Police holds need a police officer; watchlist and statutory holds the system (None) or the police.
    Erasure and counterfeit holds are never placed this way (see erasure_gate, counterfeit_gate)."""
    if kind in (HoldKind.ERASURE, HoldKind.COUNTERFEIT):
        return False
    if actor is None:
        return kind != HoldKind.POLICE
    return may_manage_holds(actor)


def may_see_holds(actor: Any) -> bool:
    """Everyone signed in except consumers (holds are police matters; the owner is not told the details)."""
    return is_signed_in(actor) and not has_role(actor, Role.CONSUMER)


def may_hold_from(state: str, kind: str) -> bool:
    """A state-changing hold needs a state that may move to ON_HOLD (or is already there); statutory holds
    need a state that is not final."""
    if state in FINAL_STATES:
        return False
    if kind in STATE_CHANGING_HOLD_KINDS:
        return state in HOLD_STATES or can_transition(state, ItemState.ON_HOLD)
    return True
