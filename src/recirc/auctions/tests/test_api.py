"""The auctions API: public reads that never reveal a maximum, bids with Idempotency-Key (a retry gets the stored
answer, another body 422), buy-now, create and cancel by the seller's staff, clear errors that change nothing."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.test import Client
from django.utils import timezone

from recirc.auctions.models import Auction, Bid
from recirc.auctions.services import auctions_close_due
from recirc.auctions.tests.test_services import create, snapshot

BASE = "/api/v1/auctions"
BACKEND = "django.contrib.auth.backends.ModelBackend"


def client_for(user: Any = None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user, backend=BACKEND)
    return client


def post(client: Client, url: str, body: dict[str, Any] | None = None, key: str | None = None) -> Any:
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(BASE + url, json.dumps(body or {}), content_type="application/json", **headers)


def test_bid_with_replay_and_mismatch(world: dict[str, Any]) -> None:
    auction = create(world)
    alice = client_for(world["alice"])
    first = post(alice, f"/{auction.code}/bids", {"maximum": "300"}, key="bid-key-0001")
    assert first.status_code == 201
    body = first.json()
    assert (body["sequence"], body["price"], body["leading"], body["extended"], body["minimum_next"]) == (
        1, "100.00", True, False, "105.00")
    again = post(alice, f"/{auction.code}/bids", {"maximum": "300"}, key="bid-key-0001")
    assert (again.status_code, again.json(), again["Idempotent-Replayed"]) == (201, body, "true")
    assert Bid.objects.count() == 1
    changed = post(alice, f"/{auction.code}/bids", {"maximum": "400"}, key="bid-key-0001")
    assert (changed.status_code, changed.json()["code"]) == (422, "trade.idempotency_mismatch")
    assert Bid.objects.count() == 1


def test_public_reads_hide_every_maximum(world: dict[str, Any]) -> None:
    auction = create(world, reserve_price="250")
    post(client_for(world["alice"]), f"/{auction.code}/bids", {"maximum": "300"}, key="bid-key-0001")
    post(client_for(world["bob"]), f"/{auction.code}/bids", {"maximum": "260"}, key="bid-key-0002")
    anonymous = client_for().get(f"{BASE}/{auction.code}").json()
    assert (anonymous["price"], anonymous["minimum_bid"], anonymous["bid_count"], anonymous["reserve_met"]) == (
        "265.00", "270.00", 2, True)
    assert (anonymous["you_lead"], anonymous["your_maximum"]) == (False, None)
    assert "300.00" not in json.dumps(anonymous)
    leader = client_for(world["alice"]).get(f"{BASE}/{auction.code}").json()
    assert (leader["you_lead"], leader["your_maximum"]) == (True, "300.00")
    history = client_for().get(f"{BASE}/{auction.code}/bids").json()
    assert [(row["sequence"], row["bidder"], row["price_after"]) for row in history] == [
        (1, "#1", "250.00"), (2, "#2", "265.00")]
    assert "300.00" not in json.dumps(history) and "260.00" not in json.dumps(history)
    listed = client_for().get(BASE).json()
    assert (listed["count"], listed["items"][0]["code"]) == (1, auction.code)


def test_refusals_are_clear_and_change_nothing(world: dict[str, Any]) -> None:
    auction = create(world)
    post(client_for(world["alice"]), f"/{auction.code}/bids", {"maximum": "300"}, key="bid-key-0001")
    before = snapshot()
    low = post(client_for(world["bob"]), f"/{auction.code}/bids", {"maximum": "104"}, key="bid-key-0002")
    assert (low.status_code, low.json()["code"], low.json()["message"]) == (
        409, "auctions.bid_too_low", "The lowest bid accepted now is 105.00 yuan.")
    staff = post(client_for(world["clerk_a"]), f"/{auction.code}/bids", {"maximum": "500"}, key="bid-key-0003")
    assert (staff.status_code, staff.json()["code"]) == (403, "auctions.bid_forbidden")
    no_key = post(client_for(world["bob"]), f"/{auction.code}/bids", {"maximum": "500"})
    assert (no_key.status_code, no_key.json()["code"]) == (422, "trade.idempotency_key_invalid")
    anonymous = post(client_for(), f"/{auction.code}/bids", {"maximum": "500"}, key="bid-key-0004")
    assert anonymous.status_code == 401
    missing = post(client_for(world["bob"]), "/A000000-XXXXX/bids", {"maximum": "500"}, key="bid-key-0005")
    assert (missing.status_code, missing.json()["code"]) == (404, "auctions.not_found")
    assert snapshot() == before


def test_zh_hans_errors(world: dict[str, Any]) -> None:
    auction = create(world)
    post(client_for(world["alice"]), f"/{auction.code}/bids", {"maximum": "300"}, key="bid-key-0001")
    client = client_for(world["bob"])
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    low = post(client, f"/{auction.code}/bids", {"maximum": "104"}, key="bid-key-0002")
    assert low.json()["message"] == "当前可接受的最低出价为 105.00 元。"


def test_create_buy_now_and_cancel(world: dict[str, Any]) -> None:
    now = timezone.now()
    body = {"operator_id": world["operator_a"].pk, "listing_ids": [world["phone"].pk], "title": "iPhone 13 拍卖",
            "starts_at": (now - dt.timedelta(minutes=1)).isoformat(),
            "ends_at": (now + dt.timedelta(hours=2)).isoformat(), "start_price": "100", "buy_now_price": "900"}
    refused = post(client_for(world["alice"]), "", body)
    assert (refused.status_code, refused.json()["code"]) == (403, "auctions.create_forbidden")
    created = post(client_for(world["manager_a"]), "", body)
    assert created.status_code == 201
    code = created.json()["code"]
    assert (created.json()["state"], created.json()["lot"][0]["listing_code"]) == ("open", world["phone"].code)
    bought = post(client_for(world["bob"]), f"/{code}/buy-now", key="buy-now-key-1")
    assert (bought.status_code, bought.json()["outcome"], bought.json()["final_price"]) == (200, "bought_now",
                                                                                          "900.00")
    cancelled = post(client_for(world["manager_a"]), f"/{code}/cancel", {"reason": "不卖了"})
    assert (cancelled.status_code, cancelled.json()["code"]) == (409, "auctions.transition_not_allowed")
    assert Auction.objects.get(code=code).outcome == "bought_now"


def test_the_winner_checks_out_through_the_api(world: dict[str, Any]) -> None:
    auction = create(world)
    post(client_for(world["alice"]), f"/{auction.code}/bids", {"maximum": "300"}, key="bid-key-0001")
    now = timezone.now()
    Auction.objects.filter(pk=auction.pk).update(ends_at=now, scheduled_end=now)
    auctions_close_due()
    loser = post(client_for(world["bob"]), f"/{auction.code}/checkout", {"fulfilment": "pickup"}, key="pay-key-001")
    assert (loser.status_code, loser.json()["code"]) == (403, "auctions.checkout_forbidden")
    alice = client_for(world["alice"])
    placed = post(alice, f"/{auction.code}/checkout", {"fulfilment": "pickup"}, key="pay-key-002")
    assert placed.status_code == 201
    assert (placed.json()["total"], placed.json()["payment_url"]) == (
        "100.00", f"/trade/local-pay/{placed.json()['payment_reference']}/")
    again = post(alice, f"/{auction.code}/checkout", {"fulfilment": "pickup"}, key="pay-key-002")
    assert (again.json(), again["Idempotent-Replayed"]) == (placed.json(), "true")
