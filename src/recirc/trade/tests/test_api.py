"""The trade API: checkout, pay and confirm with Idempotency-Key (replays answer exactly; another body 422),
refunds, the webhook endpoint, 404 for other people's orders, constant query counts on the order list."""

from __future__ import annotations

import json
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from recirc.trade.models import Checkout, LedgerTransaction, Order
from recirc.trade.payments.local import LocalProvider
from recirc.trade.tests.conftest import snapshot
from recirc.trade.tests.factories import only_order, paid, published, stock_item

BASE = "/api/v1/trade"
BACKEND = "django.contrib.auth.backends.ModelBackend"


def signed_in(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user, backend=BACKEND)
    return client


def post(client: Client, url: str, body: dict[str, Any] | None = None, key: str | None = None) -> Any:
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(BASE + url, json.dumps(body or {}), content_type="application/json", **headers)


def checkout_body(world: dict[str, Any], *names: str) -> dict[str, Any]:
    return {"lines": [{"listing_id": world[name].pk, "version": world[name].version} for name in names],
            "fulfilment": "shipping", "address": "浙江省杭州市西湖区文三路 90 号"}


def test_checkout_pay_confirm_through_the_api_with_replays(world: dict[str, Any]) -> None:
    buyer, clerk = signed_in(world["buyer"]), signed_in(world["clerk_a"])
    body = checkout_body(world, "jacket", "bookcase")
    first = post(buyer, "/checkouts", body, key="checkout-key-1")
    assert first.status_code == 201
    assert first["Idempotent-Replayed"] == "false"
    again = post(buyer, "/checkouts", body, key="checkout-key-1")
    assert (again.status_code, again.json(), again["Idempotent-Replayed"]) == (201, first.json(), "true")
    assert Checkout.objects.count() == 1
    changed = post(buyer, "/checkouts", {**body, "address": "上海市黄浦区南京东路 1 号"}, key="checkout-key-1")
    assert (changed.status_code, changed.json()["code"]) == (422, "trade.idempotency_mismatch")
    reference = first.json()["payment_reference"]
    paid_once = post(buyer, f"/payments/{reference}/pay", key="pay-key-0001")
    assert (paid_once.status_code, paid_once.json()["state"]) == (200, "captured")
    assert post(buyer, f"/payments/{reference}/pay", key="pay-key-0001").json() == paid_once.json()
    twice = post(buyer, f"/payments/{reference}/pay", key="pay-key-0002")
    assert (twice.status_code, twice.json()["code"]) == (409, "trade.already_paid")
    assert LedgerTransaction.objects.count() == 1
    order = Order.objects.get(seller_operator=world["operator_a"])
    shipped = post(clerk, f"/orders/{order.pk}/ship", {"carrier": "顺丰速运", "tracking_number": "SF1"})
    assert (shipped.status_code, shipped.json()["state"]) == (200, "shipped")
    confirmed = post(buyer, f"/orders/{order.pk}/confirm", key="confirm-key-1")
    assert (confirmed.status_code, confirmed.json()["state"]) == (200, "completed")
    assert post(buyer, f"/orders/{order.pk}/confirm", key="confirm-key-1").json() == confirmed.json()


def test_money_moving_calls_need_an_idempotency_key(world: dict[str, Any]) -> None:
    before = snapshot()
    missing = post(signed_in(world["buyer"]), "/checkouts", checkout_body(world, "jacket"))
    assert (missing.status_code, missing.json()["code"]) == (422, "trade.idempotency_key_invalid")
    assert snapshot() == before


def test_refunds_through_the_api(world: dict[str, Any]) -> None:
    order = only_order(paid(world["buyer"], world["jacket"]))
    manager = signed_in(world["manager_a"])
    made = post(manager, f"/orders/{order.pk}/refunds", {"amount": "19.90", "reason": "折价"}, key="refund-api-1")
    assert (made.status_code, made.json()["amount"]) == (201, "19.90")
    too_much = post(manager, f"/orders/{order.pk}/refunds", {"amount": "180", "reason": "x"}, key="refund-api-2")
    assert (too_much.status_code, too_much.json()["code"]) == (409, "trade.refund_exceeds_paid")
    other = post(signed_in(world["clerk_b"]), f"/orders/{order.pk}/refunds", {"amount": "1", "reason": "x"},
                 key="refund-api-3")
    assert (other.status_code, other.json()["code"]) == (404, "trade.order_not_found")


def test_the_webhook_endpoint_verifies_signatures(world: dict[str, Any]) -> None:
    checkout = paid(world["buyer"], world["coat"])
    body, headers = LocalProvider().buyer_paid_notification(reference=checkout.payment.provider_reference,
                                                            amount=checkout.payment.amount)
    client = Client()
    forged = client.post(f"{BASE}/webhooks/local", body, content_type="application/json",
                         HTTP_X_LOCAL_PAY_SIGNATURE="bad")
    assert (forged.status_code, forged.json()["code"]) == (403, "trade.webhook_signature_invalid")
    repeated = client.post(f"{BASE}/webhooks/local", body, content_type="application/json",
                           HTTP_X_LOCAL_PAY_SIGNATURE=headers["X-Local-Pay-Signature"])
    assert (repeated.status_code, repeated.json()) == (200, {"outcome": "duplicate"})
    assert client.post(f"{BASE}/webhooks/paypal", b"{}", content_type="application/json").status_code == 404


def test_other_peoples_orders_answer_404(world: dict[str, Any]) -> None:
    order = only_order(paid(world["buyer"], world["jacket"]))
    for user in ("seller", "clerk_b"):
        response = signed_in(world[user]).get(f"{BASE}/orders/{order.pk}")
        assert (response.status_code, response.json()["code"]) == (404, "trade.order_not_found")
    assert signed_in(world["clerk_a"]).get(f"{BASE}/orders/{order.pk}").status_code == 200


def test_the_order_list_costs_the_same_queries_for_one_or_many(world: dict[str, Any]) -> None:
    client = signed_in(world["buyer"])
    paid(world["buyer"], world["jacket"])

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{BASE}/orders").status_code == 200
        return len(captured)

    few = count()
    for index in range(4):
        listing = published(stock_item(world["operator_b"], title=f"Jacket {index}"), creator=world["clerk_b"])
        paid(world["buyer"], listing)
    assert count() == few
    sold = signed_in(world["clerk_a"])
    assert len(sold.get(f"{BASE}/orders?role=seller").json()["items"]) == 1
