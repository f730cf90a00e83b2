"""The pages: cart to checkout to the local payment page, the order page with the viewer's actions, the seller's
orders, the receipt with the disclosure, the POS, the ledger; and who may open what (nothing changes on denial)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from recirc.trade.models import Checkout, Order
from recirc.trade.tests.conftest import snapshot
from recirc.trade.tests.factories import only_order, paid

BACKEND = "django.contrib.auth.backends.ModelBackend"


def signed_in(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user, backend=BACKEND)
    return client


def test_cart_checkout_and_local_payment_pages(world: dict[str, Any]) -> None:
    buyer = signed_in(world["buyer"])
    assert "Your cart is empty" in buyer.get("/trade/cart/").content.decode()
    assert buyer.post("/trade/cart/add/", {"listing_id": world["jacket"].pk}).status_code == 303
    assert buyer.post("/trade/cart/add/", {"listing_id": world["bookcase"].pk}).status_code == 303
    page = buyer.get("/trade/checkout/").content.decode()
    assert "Place the order and pay ¥319.00" in page
    key = "page-key-000001"
    form = {"fulfilment": "shipping", "address": "浙江省杭州市西湖区文三路 90 号", "idempotency_key": key}
    placed = buyer.post("/trade/checkout/", form)
    assert placed.status_code == 303
    assert buyer.post("/trade/checkout/", form)["Location"] == placed["Location"]  # a resubmitted form
    assert Checkout.objects.count() == 1
    pay_page = buyer.get(placed["Location"]).content.decode()
    assert "¥319.00" in pay_page and "Pay now" in pay_page
    assert buyer.post(placed["Location"]).status_code == 303
    orders = buyer.get("/trade/orders/").content.decode()
    assert sorted(Order.objects.values_list("state", flat=True)) == ["paid", "paid"]
    assert all(number in orders for number in Order.objects.values_list("number", flat=True))


def test_the_seller_ships_from_the_order_page_and_the_buyer_confirms(world: dict[str, Any]) -> None:
    order = only_order(paid(world["buyer"], world["jacket"]))
    clerk, buyer = signed_in(world["clerk_a"]), signed_in(world["buyer"])
    assert order.number in clerk.get("/trade/sales/").content.decode()
    refused = clerk.post(f"/trade/orders/{order.pk}/ship/", {"ship-carrier": "", "ship-tracking_number": ""})
    assert refused.status_code == 422
    shipped = clerk.post(f"/trade/orders/{order.pk}/ship/", {"ship-carrier": "EMS",
                                                             "ship-tracking_number": "E123"})
    assert shipped.status_code == 303
    assert "Confirm receipt" in buyer.get(f"/trade/orders/{order.pk}/").content.decode()
    assert buyer.post(f"/trade/orders/{order.pk}/confirm/").status_code == 303
    assert Order.objects.get(pk=order.pk).state == "completed"


def test_the_receipt_shows_the_disclosure_the_used_label_and_the_warranty(world: dict[str, Any]) -> None:
    order = only_order(paid(world["buyer"], world["jacket"]))
    page = signed_in(world["buyer"]).get(f"/trade/orders/{order.pk}/receipt/").content.decode()
    assert "Used goods" in page and "90 days from the sale" in page
    assert world["jacket"].disclosure_sha256 in page
    assert "matches the sealed disclosure" in page
    # the printed code opens it without an account (a walk-in buyer's warranty)
    assert Client().get(f"/trade/receipts/{order.receipt_code}/").status_code == 200
    assert Client().get("/trade/receipts/NOSUCHCODE00/").status_code == 404


def test_the_pos_looks_up_sells_and_prints(world: dict[str, Any]) -> None:
    clerk = signed_in(world["clerk_a"])
    page = clerk.get("/trade/pos/", {"item_code": world["jacket"].item_code}).content.decode()
    assert "autofocus" in page and "¥199.00" in page
    sold = clerk.post("/trade/pos/", {"listing_id": world["jacket"].pk, "expected_version": 1, "method": "cash",
                                      "buyer_username": "", "stall_code": "", "idempotency_key": "pos-key-00001"})
    assert sold.status_code == 303 and sold["Location"].endswith("/receipt/?print=1")
    unknown = clerk.get("/trade/pos/", {"item_code": "NOPE"}).content.decode()
    assert "No listing for sale carries the item code" in unknown


def test_the_ledger_page_verifies_and_exports(world: dict[str, Any]) -> None:
    paid(world["buyer"], world["jacket"])
    admin = signed_in(world["admin"])
    page = admin.get("/trade/ledger/?verify=1").content.decode()
    assert "The ledger holds: 1 transactions, 4 entries" in page
    csv = admin.get("/trade/ledger/transactions/?format=csv")
    assert csv["Content-Type"].startswith("text/csv") and "escrow" in csv.content.decode()
    assert admin.get("/trade/ledger/?format=xlsx").status_code == 200


@pytest.mark.parametrize(("user", "url", "status"), [
    (None, "/trade/ledger/", 302), ("buyer", "/trade/ledger/", 403), ("clerk_a", "/trade/ledger/", 403),
    ("admin", "/trade/ledger/", 200),
    (None, "/trade/pos/", 302), ("buyer", "/trade/pos/", 403), ("technician_a", "/trade/pos/", 403),
    ("clerk_a", "/trade/pos/", 200),
    (None, "/trade/cart/", 302), ("clerk_a", "/trade/cart/", 403), ("buyer", "/trade/cart/", 200),
    ("clerk_a", "/trade/inspection/", 403), ("platform_inspector", "/trade/inspection/", 200),
])
def test_who_may_open_which_page(world: dict[str, Any], user: str | None, url: str, status: int) -> None:
    client = signed_in(world[user]) if user else Client()
    assert client.get(url).status_code == status


@pytest.mark.parametrize(("user", "status"), [(None, 302), ("clerk_b", 404), ("buyer", 403), ("seller", 404),
                                              ("technician_a", 403)])
def test_shipping_is_refused_to_everyone_but_the_seller_and_nothing_changes(
        world: dict[str, Any], user: str | None, status: int) -> None:
    order = only_order(paid(world["buyer"], world["jacket"]))
    before = snapshot()
    client = signed_in(world[user]) if user else Client()
    response = client.post(f"/trade/orders/{order.pk}/ship/", {"ship-carrier": "EMS", "ship-tracking_number": "E1"})
    assert response.status_code == status
    assert snapshot() == before


def test_only_the_seller_reads_the_full_address_and_only_to_ship(world: dict[str, Any]) -> None:
    order = only_order(paid(world["buyer"], world["jacket"]))
    shown = signed_in(world["clerk_a"]).post(f"/trade/orders/{order.pk}/address/")
    assert shown.status_code == 200 and "文三路 90 号 3 幢 501" in shown.content.decode()
    assert signed_in(world["clerk_b"]).post(f"/trade/orders/{order.pk}/address/").status_code == 404
    assert signed_in(world["technician_a"]).post(f"/trade/orders/{order.pk}/address/").status_code == 403


def test_the_order_list_pages_cost_the_same_queries_for_one_or_many(world: dict[str, Any]) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from recirc.trade.tests.factories import published, stock_item

    buyer, clerk = signed_in(world["buyer"]), signed_in(world["clerk_a"])
    paid(world["buyer"], world["jacket"])

    def count(client: Client, url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = (count(buyer, "/trade/orders/"), count(clerk, "/trade/sales/"))
    for index in range(3):
        paid(world["buyer"], published(stock_item(world["operator_a"], world["outlet_a"], title=f"Scarf {index}"),
                                       creator=world["clerk_a"], outlet=world["outlet_a"]))
    assert (count(buyer, "/trade/orders/"), count(clerk, "/trade/sales/")) == few


def test_the_receipt_shows_the_disclosure_sold_even_after_a_new_version(world: dict[str, Any]) -> None:
    import hashlib
    import json

    from django.utils import timezone

    from recirc.listings.models import Disclosure, Listing

    # given a paid order, then the listing's facts change (a defect found): version 2 is sealed
    order = only_order(paid(world["buyer"], world["jacket"]))
    listing = Listing.objects.get(pk=world["jacket"].pk)
    data = {**json.loads(Disclosure.objects.get(listing=listing, version=1).canonical),
            "known_defects": ["袖口磨损"], "no_known_defects": False}
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    sha = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    Disclosure.objects.create(listing=listing, version=2, canonical=canonical, sha256=sha, composed_at=timezone.now())
    Listing.objects.filter(pk=listing.pk).update(disclosure_version=2, disclosure_sha256=sha)
    # then the receipt still shows version 1, the one the buyer was shown
    page = signed_in(world["buyer"]).get(f"/trade/orders/{order.pk}/receipt/").content.decode()
    assert "Disclosure version 1" in page and "matches the sealed disclosure" in page
    assert "袖口磨损" not in page
