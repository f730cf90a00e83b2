"""Reads for the auction pages: an auction's public face for one viewer (the leader's maximum only to the leader),
the operators a member of staff may sell for, the staff's own auctions in every state, and the lot named by
listing numbers. Views call these and the services; the rules stay in services and policy."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.auctions import engine, policy, selectors, services
from recirc.auctions.errors import AuctionInvalid
from recirc.auctions.models import Auction, AuctionFormat, AuctionState
from recirc.core.errors import DomainError
from recirc.listings import facade as listings
from recirc.operators.facade import operator_choices_for

LIVE = (AuctionState.SCHEDULED, AuctionState.OPEN)
CODE_SEPARATORS = re.compile(r"[\s,，;；、]+")


def face(auction: Auction, viewer: Any) -> dict[str, Any]:
    """What the detail page shows: the public state, and to the leader their own maximum."""
    state = services.public_state(auction)
    now = timezone.now()
    english = auction.format == AuctionFormat.ENGLISH
    signed_in = policy.is_signed_in(viewer)
    you_lead = bool(english and signed_in and auction.leader_id == viewer.pk)
    live = auction.state in LIVE and now < auction.ends_at
    return {
        "auction": auction, "english": english, "live": live, "started": auction.starts_at <= now,
        "price": auction.price if english else None,
        "minimum_bid": state.minimum_bid() if english else auction.start_price,
        "reserve_set": auction.reserve_price is not None, "reserve_met": english and state.reserve_met,
        "buy_now": auction.buy_now_price if engine.buy_now_allowed(state, auction.buy_now_price, now) else None,
        "you_lead": you_lead, "your_maximum": auction.leader_max if you_lead else None,
        "you_won": signed_in and auction.winner_id == viewer.pk,
        "may_bid": live and policy.may_bid(viewer, auction),
        "may_sell": signed_in and policy.may_sell(viewer, auction.operator_id),
        "lot": list(auction.lot.all()), "history": selectors.bid_history(auction),
    }


def selling_operators(user: Any) -> list[tuple[int, str]]:
    """The active operators this user may put listings up for auction for (none for everyone but the seller's
    managers and clerks)."""
    if not policy.is_signed_in(user):
        return []
    return [(pk, name) for pk, name in operator_choices_for(user) if policy.may_sell(user, pk)]


def auctions_of(operator_ids: list[int], *, state: str = "", q: str = "") -> QuerySet[Auction]:
    """The operators' auctions in every state (or one), live ones first, then the latest closed."""
    found = Auction.objects.filter(operator_id__in=operator_ids)
    if state:
        found = found.filter(state=state)
    if q.strip():
        found = found.filter(Q(title__icontains=q.strip()) | Q(code__iexact=q.strip()))
    return found.order_by("-created_at", "-id")


def listing_ids_from_codes(text: str) -> list[int]:
    """The listings named by their numbers (one per line, or separated by commas or spaces), in that order.
    AuctionInvalid on the "listings" field when a number is unknown or none is given."""
    codes = [code.upper() for code in CODE_SEPARATORS.split(text or "") if code]
    if not codes:
        raise AuctionInvalid(_("Enter the number of at least one published listing."), field="listings")
    ids: list[int] = []
    for code in dict.fromkeys(codes):
        try:
            ids.append(listings.listing_offer_by_code(code).id)
        except DomainError as error:
            raise AuctionInvalid(_("No listing has the number %(code)s.") % {"code": code},
                                 field="listings") from error
    return ids
