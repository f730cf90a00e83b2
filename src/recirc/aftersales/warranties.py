"""Warranty records from sales. After-sales sits above trade, so it pulls:

- `warranties_sync()` reads completed sales after a cursor (the periodic task, and on demand);
- `warranties_for_buyer_sync()` records a buyer's delivered sales when they open their purchases (a no-reason
  return usually comes before the order is completed);
- `warranty_claim_by_receipt()` lets a walk-in buyer attach a counter sale's record to their account with the
  receipt code printed on the receipt.

Each line sold gets one record (unique per order and item), so every pull is idempotent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from recirc.aftersales import policy
from recirc.aftersales.errors import OpenForbidden, WarrantyNotFound
from recirc.aftersales.models import SyncCursor, Warranty, WarrantyState
from recirc.core.audit import audit_record
from recirc.core.errors import NotFound
from recirc.listings.facade import listing_offer
from recirc.trade.facade import SaleRef, sale_by_receipt_code, sales_completed_after, sales_for_buyer

CURSOR = "trade.sales_completed"
RECORDED_STATES = frozenset({"delivered", "completed"})


@dataclass(frozen=True)
class SyncReport:
    sales_read: int
    records_made: int
    cursor: int


def _delivered_at(sale: SaleRef) -> dt.datetime | None:
    """Delivery starts the warranty; a counter sale is delivered when it completes."""
    return sale.delivered_at or sale.completed_at


def _terms(listing_id: int) -> str:
    try:
        return listing_offer(listing_id).terms_text[:4000]
    except NotFound:
        return ""


def _record_sale(sale: SaleRef) -> int:
    """Records for every line of a delivered sale not yet recorded; returns how many were made."""
    delivered = _delivered_at(sale)
    if delivered is None or sale.state not in RECORDED_STATES:
        return 0
    known = set(Warranty.objects.filter(order_id=sale.order_id).values_list("item_id", flat=True))
    made = 0
    for line in sale.lines:
        if line.item_id in known:
            continue
        starts = timezone.localtime(delivered).date()
        warranty = Warranty(
            order_id=sale.order_id, order_number=sale.number, receipt_code=sale.receipt_code or "",
            channel=sale.channel, listing_id=line.listing_id, listing_version=line.listing_version,
            item_id=line.item_id, item_code=line.item_code, title=line.title[:200], price=line.price,
            buyer_id=sale.buyer_user_id, seller_kind=sale.seller_kind, seller_operator_id=sale.seller_operator_id,
            seller_outlet_id=sale.seller_outlet_id, seller_user_id=sale.seller_user_id,
            warranty_days=line.warranty_days, return_window_days=line.return_window_days,
            terms_text=_terms(line.listing_id), disclosure_sha256=line.disclosure_sha256, sold_at=sale.paid_at,
            delivered_at=delivered, starts_on=starts,
            ends_on=starts + dt.timedelta(days=max(line.warranty_days - 1, 0)))
        try:
            with transaction.atomic():
                warranty.save()
        except IntegrityError:  # a concurrent pull recorded it first
            continue
        audit_record(actor=None, action="aftersales.warranty_recorded", target=warranty,
                     operator_id=sale.seller_operator_id,
                     payload={"order": sale.number, "item_code": line.item_code, "warranty_days": line.warranty_days,
                              "ends_on": warranty.ends_on})
        made += 1
    return made


@transaction.atomic
def warranties_sync(*, limit: int = 500) -> SyncReport:
    """Pull one batch of completed sales after the cursor (idempotent: the cursor and the unique records)."""
    cursor, _created = SyncCursor.objects.select_for_update().get_or_create(name=CURSOR)
    sales = sales_completed_after(cursor.last_id, limit)
    made = sum(_record_sale(sale) for sale in sales)
    if sales:
        cursor.last_id = max(sale.order_id for sale in sales)
        cursor.save(update_fields=["last_id", "updated_at"])
    return SyncReport(sales_read=len(sales), records_made=made, cursor=cursor.last_id)


def warranties_sync_all(*, limit: int = 500) -> int:
    """Every batch until the cursor reaches the newest completed sale; returns the records made."""
    total = 0
    while True:
        report = warranties_sync(limit=limit)
        total += report.records_made
        if report.sales_read < limit:
            return total


@transaction.atomic
def warranties_for_buyer_sync(*, actor: Any) -> int:
    """The signed-in buyer's delivered sales get their records now (on opening their purchases)."""
    if not policy.is_signed_in(actor):
        return 0
    return sum(_record_sale(sale) for sale in sales_for_buyer(actor.pk))


@transaction.atomic
def warranty_claim_by_receipt(*, actor: Any, receipt_code: str) -> list[Warranty]:
    """A walk-in buyer (a signed-in consumer) attaches a counter sale to their account by its receipt code.
    The code is the proof of purchase printed on the receipt; a sale already attached answers NotFound."""
    if not (policy.is_signed_in(actor) and actor.role == "consumer"):
        raise OpenForbidden()
    sale = sale_by_receipt_code(receipt_code)
    if sale is None:
        raise WarrantyNotFound()
    _record_sale(sale)
    records = list(Warranty.objects.select_for_update().filter(order_id=sale.order_id))
    if not records or any(record.buyer_id not in (None, actor.pk) for record in records):
        raise WarrantyNotFound()
    for record in records:
        if record.buyer_id is None:
            record.buyer = actor
            record.save(update_fields=["buyer"])
            audit_record(actor=actor, action="aftersales.warranty_claimed", target=record,
                         operator_id=record.seller_operator_id, payload={"order": record.order_number})
    return records


def warranty_void(*, actor: Any, warranty: Warranty, reference: str) -> Warranty:
    """The goods went back and the money too: the record closes (inside the caller's transaction)."""
    if warranty.state == WarrantyState.VOID:
        return warranty
    warranty.state, warranty.voided_at = WarrantyState.VOID, timezone.now()
    warranty.save(update_fields=["state", "voided_at"])
    audit_record(actor=actor, action="aftersales.warranty_voided", target=warranty,
                 operator_id=warranty.seller_operator_id,
                 payload={"order": warranty.order_number, "item_code": warranty.item_code, "reference": reference})
    return warranty
