"""What one bid costs in database statements through the API (the B4 path): a guard against regressions."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from recirc.auctions.tests.test_api import client_for, post
from recirc.auctions.tests.test_services import create


def test_one_bid_is_a_handful_of_statements(world: dict[str, Any]) -> None:
    auction = create(world)
    alice, bob = client_for(world["alice"]), client_for(world["bob"])
    post(alice, f"/{auction.code}/bids", {"maximum": "300"}, key="bid-key-0001")
    with CaptureQueriesContext(connection) as queries:
        answer = post(bob, f"/{auction.code}/bids", {"maximum": "250"}, key="bid-key-0002")
    assert answer.status_code == 201
    kinds = [query["sql"].split(" ", 2)[:1 if query["sql"].startswith(("SAVEPOINT", "RELEASE")) else 2]
             for query in queries.captured_queries]
    # session and user (a bearer token is one lookup instead), the key (looked up, then claimed), the auction
    # locked once by its number, the bid appended, the auction and the key's answer written
    assert [" ".join(kind).replace('"', "") for kind in kinds] == [
        "SELECT django_session.session_key,", "SELECT accounts_user.id,", "SELECT trade_idempotencykey.id,",
        "SAVEPOINT", "INSERT INTO", "SAVEPOINT",
        "SELECT auctions_auction.id,", "INSERT INTO", "UPDATE auctions_auction", "RELEASE",
        "UPDATE trade_idempotencykey", "RELEASE"]  # in a request: BEGIN and COMMIT (the test runs inside a transaction)
