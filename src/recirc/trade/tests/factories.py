"""Test data for trade: published listings built through the listings models (fixtures may use other contexts'
models; the listings context has no factory of its own), with a sealed disclosure exactly as publishing seals it,
and checkouts walked through the services."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.utils import timezone

from recirc.items.models import Item, ItemState
from recirc.items.tests.factories import ItemFactory, category
from recirc.listings.models import Listing, ListingStatus
from recirc.listings.tests.factories import seal_disclosure
from recirc.trade import checkout as checkout_services
from recirc.trade import paying, pos
from recirc.trade.models import Checkout, Order


def stock_item(operator: Any, outlet: Any = None, title: str = "优衣库羽绒服 Down jacket") -> Item:
    return ItemFactory(category=category("clothing"), title=title, brand="Uniqlo", owner_operator=operator,
                       outlet=outlet, state=ItemState.LISTED)


def consumer_item(owner: Any, title: str = "宜家书架 Billy bookcase") -> Item:
    return ItemFactory(category=category("furniture"), title=title, brand="IKEA", attributes={},
                       owner_operator=None, owner_user=owner, state=ItemState.LISTED)


def published(item: Item, *, price: str = "199.00", creator: Any, outlet: Any = None, inspection: bool = False,
              warranty_days: int = 90, return_window_days: int = 7) -> Listing:
    """A published listing of the item with its sealed disclosure (version 1)."""
    consumer = item.owner_user_id is not None
    listing = Listing(code=f"L{uuid.uuid4().hex[:10].upper()}", item=item, item_code=item.code,
                      category_id=item.category_id, category_code=item.category.code, title=item.title,
                      brand=item.brand, price=Decimal(price), status=ListingStatus.PUBLISHED, version=1,
                      seller_kind="consumer" if consumer else "operator",
                      seller_operator_id=None if consumer else item.owner_operator_id,
                      seller_outlet=None if consumer else outlet, seller_user_id=item.owner_user_id,
                      district_code="330106", warranty_days=warranty_days, return_window_days=return_window_days,
                      terms_text="三个月保修 Three months' warranty", no_known_defects=True,
                      platform_inspection_offered=inspection and consumer, disclosure_version=1,
                      created_by=creator, published_at=timezone.now())
    listing.save()
    return seal_disclosure(listing)


def line(listing: Listing) -> checkout_services.CheckoutLine:
    return checkout_services.CheckoutLine(listing_id=listing.pk, version_seen=listing.version)


def placed(buyer: Any, *listings: Listing, fulfilment: str = "shipping", inspection: bool = False) -> Checkout:
    return checkout_services.checkout_place(actor=buyer, lines=[line(listing) for listing in listings],
                                            fulfilment=fulfilment, address="浙江省杭州市西湖区文三路 90 号 3 幢 501",
                                            inspection=inspection)


def paid(buyer: Any, *listings: Listing, **options: Any) -> Checkout:
    checkout = placed(buyer, *listings, **options)
    paying.payment_pay_local(actor=buyer, reference=checkout.payment.provider_reference)
    return checkout


def only_order(checkout: Checkout) -> Order:
    return Order.objects.get(checkout=checkout)


def counter_sale(clerk: Any, listing: Listing, **options: Any) -> Order:
    """A sale at the POS (cash unless `method` says otherwise)."""
    return pos.pos_sale(actor=clerk, listing_id=listing.pk, expected_version=listing.version,
                        method=options.pop("method", "cash"), **options)
