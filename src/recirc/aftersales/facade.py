"""The only way other contexts (and the portal) reach after-sales. Returns contracts."""

from __future__ import annotations

from typing import Any

from recirc.aftersales import disputes, returns, selectors, tickets
from recirc.aftersales.contracts import AftersalesCounts, EvidenceFile, WarrantyRef
from recirc.aftersales.models import Warranty
from recirc.aftersales.warranties import warranties_for_buyer_sync, warranties_sync, warranties_sync_all

__all__ = ["AftersalesCounts", "EvidenceFile", "WarrantyRef", "aftersales_counts", "warranties_of_buyer",
           "warranties_sync", "warranties_sync_all", "warranty_for_item"]


def aftersales_counts(actor: Any) -> AftersalesCounts:
    """For the staff home and the queue badge: open cases per kind and how many are overdue (3 queries)."""
    counts = selectors.queue_counts(actor)
    return AftersalesCounts(open_returns=counts["return"]["open"], open_tickets=counts["ticket"]["open"],
                            open_disputes=counts["dispute"]["open"],
                            overdue=sum(row["overdue"] for row in counts.values()),
                            unread_notices=len(selectors.notices_for(actor, limit=100)))


def warranty_for_item(item_id: int) -> WarrantyRef | None:
    """The item's latest after-sales record (a resale gets a new one)."""
    record = Warranty.objects.filter(item_id=item_id).order_by("-delivered_at", "-id").first()
    if record is None:
        return None
    return _ref(record)


def _ref(record: Warranty) -> WarrantyRef:
    return WarrantyRef(id=record.pk, order_number=record.order_number, channel=record.channel,
                       seller_operator_id=record.seller_operator_id, seller_user_id=record.seller_user_id,
                       item_id=record.item_id, warranty_days=record.warranty_days, starts_on=record.starts_on,
                       ends_on=record.ends_on, state=record.state, under_warranty=record.covers(),
                       no_reason_return_until=returns.return_window_ends(record) if returns.no_reason_open(record)
                       else None)


def warranties_of_buyer(actor: Any) -> list[WarrantyRef]:
    """The signed-in buyer's records (their delivered sales pulled first), newest delivery first."""
    warranties_for_buyer_sync(actor=actor)
    return [_ref(record) for record in selectors.warranties_of_buyer(actor)]


# Writes the demo city (above every context) drives: the same services the pages use, audited.
return_open, return_approve, return_ship_back = returns.return_open, returns.return_approve, returns.return_ship_back
return_receive, return_refund = returns.return_receive, returns.return_refund
ticket_open, ticket_accept, ticket_complete = tickets.ticket_open, tickets.ticket_accept, tickets.ticket_complete
dispute_open, dispute_statement_add = disputes.dispute_open, disputes.dispute_statement_add
dispute_review, dispute_decide = disputes.dispute_review, disputes.dispute_decide
