"""Who may do what in the review queue (services call these; views never decide):

- platform moderators and administrators see the queue, approve, take down, decide appeals (never one against
  their own takedown) and lift suspensions;
- a listing's seller (the operator's clerks and managers, or the individual seller) sees its takedown, its
  strikes and suspension, and appeals once;
- everyone else is refused.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from recirc.listings.facade import listing_seller_may_act
from recirc.moderation.policy import may_moderate
from recirc.moderation.queue_errors import AppealForbidden, QueueForbidden

__all__ = ["may_moderate", "require_moderator", "require_seller", "strike_policy"]

DEFAULTS = {"MODERATION_STRIKES_TO_SUSPEND": 3, "MODERATION_STRIKE_WINDOW_DAYS": 180,
            "MODERATION_SUSPENSION_DAYS": 30}


def require_moderator(actor: Any) -> None:
    if not may_moderate(actor):
        raise QueueForbidden()


def may_see_takedown(actor: Any, listing_id: int) -> bool:
    return may_moderate(actor) or listing_seller_may_act(actor, listing_id)


def require_seller(actor: Any, listing_id: int) -> None:
    if not listing_seller_may_act(actor, listing_id):
        raise AppealForbidden()


def strike_policy() -> tuple[int, int, int]:
    """(strikes that suspend, window in days, suspension in days), from RECIRC_POLICY."""
    policy = getattr(settings, "RECIRC_POLICY", {})
    return tuple(int(policy.get(key, default)) for key, default in DEFAULTS.items())  # type: ignore[return-value]
