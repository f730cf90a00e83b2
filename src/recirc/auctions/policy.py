"""Who may do what with auctions. Services call these; views never decide.

- Creating, cancelling: operator managers and clerks, for their operator's items (a chain head's staff also for
  its branches).
- Bidding in an English auction: signed-in consumers; in a sealed (B2B bulk) auction: operator managers, for
  their operator. Never staff of the selling operator (no shill bids).
- Seeing: everyone sees an auction's public face (price, bid count, end); the leader's maximum only its owner.
"""

from __future__ import annotations

from typing import Any

from recirc.auctions.models import AUCTION_TRANSITIONS, Auction, AuctionFormat
from recirc.core.permissions import has_role, is_operator_staff
from recirc.core.roles import Role
from recirc.operators.facade import operator_scope

SELLER_ROLES = frozenset({Role.OPERATOR_MANAGER, Role.CLERK})


def can_transition(from_state: str, to_state: str) -> bool:
    return to_state in AUCTION_TRANSITIONS.get(from_state, frozenset())


def is_signed_in(actor: Any) -> bool:
    return actor is not None and bool(getattr(actor, "is_authenticated", False))


def staff_covers(actor: Any, operator_id: int) -> bool:
    if not is_operator_staff(actor):
        return False
    scope = operator_scope(actor)
    return not scope.city_wide and operator_id in scope.operator_ids


def may_sell(actor: Any, operator_id: int) -> bool:
    return is_signed_in(actor) and has_role(actor, *SELLER_ROLES) and staff_covers(actor, operator_id)


def may_bid(actor: Any, auction: Auction) -> bool:
    if not is_signed_in(actor) or staff_covers(actor, auction.operator_id):
        return False
    if auction.format == AuctionFormat.SEALED:
        return has_role(actor, Role.OPERATOR_MANAGER)
    return has_role(actor, Role.CONSUMER)
