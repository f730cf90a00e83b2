"""The demo city's trade: residents buy a share of the operators' published listings online (checkout, payment
through the local provider, shipping or pickup, confirmation), the demo consumer's own purchases from the demo
staff's shop stand at every stage (awaiting payment, paid and to be shipped, shipped, completed), the demo clerk
sells two items at the counter (a walk-in buyer paying cash, a registered buyer paying by QR code), and the
supervision statistics pull the sales (its beat task, `supervision.trade_sales_pull`).

Everything goes through trade.facade (the same audited services as the pages and the API).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from recirc.core.errors import DomainError
from recirc.demo.people import STAFF_HOME_OPERATOR
from recirc.items import facade as items
from recirc.listings.contracts import ListingOffer
from recirc.listings.facade import listing_for_item_code
from recirc.operators.contracts import OperatorScope
from recirc.trade import facade as trade

if TYPE_CHECKING:
    from recirc.demo.city import CityBuilder

CARRIERS = ("顺丰速运", "中通快递", "京东物流", "EMS")
STREETS = ("文三路", "教工路", "天目山路", "学院路", "莫干山路", "体育场路")


def _offers(builder: CityBuilder, operator: Any, seller: Any) -> list[ListingOffer]:
    """The operator's published listings (looked up item by item, as the POS does)."""
    scope = OperatorScope(city_wide=False, operator_ids=frozenset({operator.id}))
    found = (listing_for_item_code(seller, summary.code) for summary in items.recent_items(scope, limit=300))
    return [offer for offer in found if offer is not None]


def _address(builder: CityBuilder) -> str:
    return f"浙江省杭州市{builder.rng.choice(STREETS)} {builder.rng.randint(1, 300)} 号 {builder.rng.randint(1, 9)} 幢"


def _buy(builder: CityBuilder, buyer: Any, offer: ListingOffer, *, pickup: bool = False) -> Any:
    return trade.checkout_place(actor=buyer, lines=[(offer.id, offer.version)],
                                fulfilment="pickup" if pickup else "shipping",
                                address="" if pickup else _address(builder))


def _pay(buyer: Any, placed: Any) -> int:
    trade.payment_pay_local(actor=buyer, reference=placed.payment_reference)
    return int(placed.order_ids[0])


def _ship(builder: CityBuilder, seller: Any, order_id: int) -> None:
    trade.order_ship(actor=seller, order_id=order_id, carrier=builder.rng.choice(CARRIERS),
                     tracking_number=f"{builder.rng.randint(10**11, 10**12 - 1)}")


def _demo_consumer(builder: CityBuilder, offers: list[ListingOffer], clerk: Any) -> int:
    """Four completed purchases (after-sales stories need them), one shipped, one paid, one awaiting payment."""
    consumer = builder.login_users["consumer"]
    stages = ["completed"] * 4 + ["shipped", "paid", "pending"]
    for stage, offer in zip(stages, offers, strict=False):
        placed = _buy(builder, consumer, offer)
        if stage == "pending":
            continue
        order_id = _pay(consumer, placed)
        if stage in ("shipped", "completed"):
            _ship(builder, clerk, order_id)
        if stage == "completed":
            trade.order_confirm(actor=consumer, order_id=order_id)
    return min(len(stages), len(offers))


def _residents(builder: CityBuilder, offers: list[ListingOffer], seller: Any) -> int:
    """Residents buy about a quarter of another operator's listings; most complete, some wait for pickup."""
    buyers = [person for person in builder.city.consumers if person.pk != builder.login_users["consumer"].pk]
    bought = 0
    for offer in offers:
        if not buyers or builder.rng.random() > 0.25:
            continue
        buyer = builder.rng.choice(buyers)
        pickup = builder.rng.random() < 0.2
        try:
            with transaction.atomic():
                order_id = _pay(buyer, _buy(builder, buyer, offer, pickup=pickup))
                if pickup:
                    trade.order_ready_for_pickup(actor=seller, order_id=order_id)
                else:
                    _ship(builder, seller, order_id)
                    if builder.rng.random() < 0.8:
                        trade.order_confirm(actor=buyer, order_id=order_id)
        except DomainError:
            continue
        bought += 1
    return bought


def _counter(builder: CityBuilder, offers: list[ListingOffer], clerk: Any) -> int:
    registered = builder.rng.choice(builder.city.consumers) if builder.city.consumers else None
    sold = 0
    for offer, method, buyer in zip(offers, ("cash", "qr"), (None, registered), strict=False):
        trade.pos_sale(actor=clerk, listing_id=offer.id, expected_version=offer.version, method=method,
                     buyer_user_id=buyer.pk if buyer is not None else None)
        sold += 1
    return sold


def build(builder: CityBuilder) -> None:
    clerk = builder.login_users["clerk"]
    made = 0
    with transaction.atomic():
        for operator in builder.city.operators:
            seller = clerk if operator.name == STAFF_HOME_OPERATOR else builder.city.staff.get(operator.id)
            if seller is None or seller.role not in ("clerk", "operator_manager"):
                continue
            offers = _offers(builder, operator, seller)
            if operator.name == STAFF_HOME_OPERATOR:
                made += _demo_consumer(builder, offers[:7], clerk) + _counter(builder, offers[7:9], clerk)
            else:
                made += _residents(builder, offers, seller)
    builder.progress("orders", made)
