"""The listing state machine by verb, the after-sales policy settings, and who may do what. Services and
selectors call these; views never decide.

- Seeing: the public sees published, reserved and sold listings; the seller side sees its own in every state
  (operator staff their operator's listings, a chain head's staff also its branches'; a consumer their own);
  city-wide roles see every listing, read-only.
- Creating: operator clerks and managers, for an item of their operator that is in stock; consumers with a
  current real-name verification, for their own items (C2C).
- Changing (edit, photos, publish, withdraw, back to draft): the seller (the same roles, in scope).
- Reserving, releasing, marking sold: the trade context, through the facade (actor may be None: the system).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from recirc.accounts.facade import is_verified_seller
from recirc.core.permissions import has_role, is_operator_staff
from recirc.core.roles import Role
from recirc.listings.models import LISTING_TRANSITIONS, Listing, ListingStatus, SellerKind
from recirc.operators.facade import operator_scope

S = ListingStatus
VERBS: dict[str, dict[str, str]] = {
    "publish": {S.DRAFT: S.PUBLISHED},
    "withdraw": {S.DRAFT: S.WITHDRAWN, S.PUBLISHED: S.WITHDRAWN},
    "edit": {S.PUBLISHED: S.DRAFT, S.WITHDRAWN: S.DRAFT},
    "reserve": {S.PUBLISHED: S.RESERVED},
    "release": {S.RESERVED: S.PUBLISHED},
    "mark_sold": {S.RESERVED: S.SOLD},
    # The platform's moderators (moderation, through the facade), never the seller.
    "take_down": {S.PUBLISHED: S.TAKEN_DOWN, S.SOLD: S.TAKEN_DOWN},
    "reinstate": {S.TAKEN_DOWN: S.PUBLISHED},
    "reinstate_sold": {S.TAKEN_DOWN: S.SOLD},
}
SELLER_VERBS = ("publish", "withdraw", "edit")
STAFF_ROLES = frozenset({Role.CLERK, Role.OPERATOR_MANAGER})
BATTERY_ATTRIBUTE = "battery_health_percent"


def warranty_minimum_days() -> int:
    """REGULATIONS.md section 4: warranty of at least three months for operators' sales (default 90 days)."""
    return int(getattr(settings, "RECIRC_WARRANTY_MIN_DAYS", 90))


def no_reason_return_days() -> int:
    """The seven-day no-reason return of online sales (consumer protection law), a setting."""
    return int(getattr(settings, "RECIRC_NO_REASON_RETURN_DAYS", 7))


def can_transition(from_state: str, to_state: str) -> bool:
    return to_state in LISTING_TRANSITIONS.get(from_state, frozenset())


def target_of(verb: str, from_state: str) -> str | None:
    return VERBS[verb].get(from_state)


def can_publish(listing: Listing) -> bool:
    return target_of("publish", listing.status) is not None


def can_withdraw(listing: Listing) -> bool:
    return target_of("withdraw", listing.status) is not None


def can_edit(listing: Listing) -> bool:
    return target_of("edit", listing.status) is not None


def can_change(listing: Listing) -> bool:
    """Fields and photos change only in a draft."""
    return listing.status == S.DRAFT


STATE_PREDICATES = {"publish": can_publish, "withdraw": can_withdraw, "edit": can_edit, "change": can_change}


def is_signed_in(actor: Any) -> bool:
    return actor is not None and bool(getattr(actor, "is_authenticated", False))


def staff_covers(actor: Any, operator_id: int | None) -> bool:
    if operator_id is None or not is_operator_staff(actor) or not has_role(actor, *STAFF_ROLES):
        return False
    scope = operator_scope(actor)
    return not scope.city_wide and operator_id in scope.operator_ids


def is_seller(actor: Any, listing: Listing) -> bool:
    """The operator's clerks and managers (in scope), or the individual seller themself."""
    if not is_signed_in(actor):
        return False
    if listing.seller_kind == SellerKind.CONSUMER:
        return has_role(actor, Role.CONSUMER) and listing.seller_user_id == actor.pk
    return staff_covers(actor, listing.seller_operator_id)


def may_create_as_staff(actor: Any) -> bool:
    return is_signed_in(actor) and is_operator_staff(actor) and has_role(actor, *STAFF_ROLES)


def may_create_as_consumer(actor: Any) -> bool:
    return is_signed_in(actor) and has_role(actor, Role.CONSUMER) and is_verified_seller(actor)


def actions_for(actor: Any, listing: Listing) -> list[str]:
    """What this actor may do to this listing now (for buttons and the API's `actions`)."""
    if not is_seller(actor, listing):
        return []
    return [verb for verb, predicate in STATE_PREDICATES.items() if predicate(listing)]
