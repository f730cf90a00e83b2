"""Test data for after-sales: sales paid through trade's test factories and moved on through trade's models
(fixture code may use other contexts' models and test factories), their warranty records pulled the way the app
pulls them, and evidence files made with Pillow."""

from __future__ import annotations

import io
from typing import Any

from django.utils import timezone
from PIL import Image

from recirc.aftersales import warranties
from recirc.aftersales.evidence import EvidenceFile
from recirc.aftersales.models import Warranty
from recirc.trade.models import Order
from recirc.trade.tests.factories import only_order, paid


def png(colour: str = "red", size: tuple[int, int] = (32, 24)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def photo(name: str = "crack.png", description: str = "Screen crack") -> EvidenceFile:
    return EvidenceFile(name=name, content=png(), description=description)


def delivered(world: dict[str, Any], listing: Any, *, buyer: str = "buyer") -> Order:
    """Paid online through trade's own checkout and payment, then delivered. Fixtures may use trade's models and
    test factories but not its services, so the delivery is written as trade's fulfilment records it."""
    order = only_order(paid(world[buyer], listing))
    Order.objects.filter(pk=order.pk).update(state="delivered", carrier="顺丰速运", tracking_number="SF1234567890",
                                             delivered_at=timezone.now())
    order.refresh_from_db()
    return order


def completed(world: dict[str, Any], listing: Any, **options: Any) -> Order:
    order = delivered(world, listing, **options)
    Order.objects.filter(pk=order.pk).update(state="completed", completed_at=timezone.now())
    order.refresh_from_db()
    return order


def counter_sale(world: dict[str, Any], listing: Any, *, buyer: Any = None) -> Order:
    """A completed sale at the counter (in store, handed over at once), to `buyer` or to a walk-in buyer."""
    order = only_order(paid(world["buyer"], listing))
    Order.objects.filter(pk=order.pk).update(state="completed", channel="in_store", fulfilment="counter",
                                             buyer=buyer, completed_at=timezone.now())
    order.refresh_from_db()
    return order


def record_of(world: dict[str, Any], order: Order, buyer: str = "buyer") -> Warranty:
    """The buyer opens their purchases: the delivered sale gets its record."""
    warranties.warranties_for_buyer_sync(actor=world[buyer])
    return Warranty.objects.get(order_id=order.pk)


def work_order(world: dict[str, Any], record: Any, *, fault: str) -> Any:
    """A customer work order at operator A's shop for the warranty's item (the item brought back for repair;
    repairs opens such orders at the counter, here it is the given state)."""
    from recirc.repairs.models import WorkOrder

    item = record.item
    number = f"R{timezone.localdate():%y%m%d}-T{WorkOrder.objects.count() + 1:04d}"
    return WorkOrder.objects.create(
        number=number, item=item, item_code=item.code, item_title=item.title, category_code="clothing",
        operator=world["operator_a"], outlet=world["outlet_a"], kind="customer", customer=world["buyer"],
        requested_by=world["buyer"], opened_by=world["technician_a"], reported_fault=fault)
