"""Auction reads. An auction's public face (price, minimum next bid, end, bid count, the lot) is public; the
leader's maximum is shown only to the leader; bidders appear only as a masked alias."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from recirc.auctions.errors import AuctionNotFound
from recirc.auctions.models import Auction, AuctionState, Bid


def auction_by_code(code: str) -> Auction:
    auction = Auction.objects.filter(code=code).first()
    if auction is None:
        raise AuctionNotFound()
    return auction


def auctions_list(*, state: str = "", format: str = "", operator_id: int | None = None,
                  q: str = "") -> QuerySet[Auction]:
    """Live auctions first, ending soonest; closed and cancelled ones when asked for by state."""
    found = Auction.objects.all()
    found = found.filter(state=state) if state else found.filter(state__in=[AuctionState.OPEN,
                                                                             AuctionState.SCHEDULED])
    if format:
        found = found.filter(format=format)
    if operator_id is not None:
        found = found.filter(operator_id=operator_id)
    if q.strip():
        found = found.filter(Q(title__icontains=q.strip()) | Q(code__iexact=q.strip()))
    return found.order_by("ends_at", "id")


def bid_history(auction: Auction) -> list[dict[str, Any]]:
    """Accepted bids as the public sees them (English only: sealed bids stay hidden until the close)."""
    if auction.format == "sealed" and auction.state != AuctionState.CLOSED:
        return []
    aliases: dict[int, int] = {}
    rows = []
    for bid in Bid.objects.filter(auction=auction).order_by("sequence"):
        aliases.setdefault(bid.bidder_id, len(aliases) + 1)
        rows.append({"sequence": bid.sequence, "bidder": f"#{aliases[bid.bidder_id]}",
                     "price_after": bid.price_after if auction.format == "english" else bid.maximum,
                     "extended": bid.extended, "placed_at": bid.placed_at})
    return rows
