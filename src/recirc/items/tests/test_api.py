"""The items API: scoped lists, details, registration, transitions, the public passport."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from recirc.items.models import ItemState
from recirc.items.tests.conftest import snapshot
from recirc.items.tests.factories import VALID_IMEI, ItemFactory, phone_attributes

BACKEND = "django.contrib.auth.backends.ModelBackend"
BASE = "/api/v1/items/"


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")


PHONE = {"category_code": "mobile-phones", "title": "iPhone 13", "brand": "Apple", "model_name": "iPhone 13",
         "attributes": phone_attributes(), "identifiers": [{"kind": "imei", "value": "4901542032375181"}]}


def test_anonymous_gets_401_on_private_endpoints(world: dict[str, Any]) -> None:
    before = snapshot()
    assert Client().get(BASE).status_code == 401
    assert post(Client(), BASE, PHONE).status_code == 401
    assert snapshot() == before


def test_list_is_scoped_and_paginated(world: dict[str, Any]) -> None:
    mine = ItemFactory(owner_operator=world["operator_a"])
    ItemFactory(owner_operator=world["operator_b"])
    body = signed_in(world["clerk_a"]).get(BASE).json()
    assert body["count"] == 1 and [row["code"] for row in body["items"]] == [mine.code]
    assert signed_in(world["regulator"]).get(BASE).json()["count"] == 2


def test_list_query_count_is_constant(world: dict[str, Any]) -> None:
    client = signed_in(world["clerk_a"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(BASE).status_code == 200
        return len(captured.captured_queries)

    ItemFactory.create_batch(3, owner_operator=world["operator_a"])
    three = queries()
    ItemFactory.create_batch(27, owner_operator=world["operator_a"])
    assert queries() == three


def test_register_and_read_back(world: dict[str, Any]) -> None:
    client = signed_in(world["clerk_a"])
    response = post(client, BASE, PHONE)
    assert response.status_code == 201
    created = response.json()
    assert created["identifiers"] == [{"kind": "imei", "value": VALID_IMEI}]
    assert created["state"] == "intake" and created["category_code"] == "mobile-phones"
    assert "owner_user_id" not in created
    assert client.get(f"{BASE}{created['id']}").json()["code"] == created["code"]
    assert signed_in(world["clerk_b"]).get(f"{BASE}{created['id']}").status_code == 404


def test_register_error_body(world: dict[str, Any]) -> None:
    before = snapshot()
    bad = {**PHONE, "identifiers": [{"kind": "imei", "value": "490154203237519"}]}
    response = post(signed_in(world["clerk_a"]), BASE, bad)
    assert response.status_code == 422
    assert response.json() == {"code": "items.imei_checksum",
                               "message": "The IMEI check digit is wrong: check for a mistyped digit.",
                               "errors": {"identifiers.imei": [
                                   "The IMEI check digit is wrong: check for a mistyped digit."]}}
    assert snapshot() == before


@pytest.mark.parametrize(("actor_key", "body", "status"), [
    ("regulator", PHONE, 403),
    ("clerk_b", {**PHONE, "owner_operator_id": "operator_a"}, 403),
    ("clerk_a", {**PHONE, "category_code": "spaceships"}, 422),
])
def test_register_denials_change_nothing(world: dict[str, Any], actor_key: str, body: dict[str, Any],
                                        status: int) -> None:
    body = {key: world[value].pk if key == "owner_operator_id" else value for key, value in body.items()}
    before = snapshot()
    assert post(signed_in(world[actor_key]), BASE, body).status_code == status
    assert snapshot() == before


def test_transitions(world: dict[str, Any]) -> None:
    item = ItemFactory(owner_operator=world["operator_a"])
    url = f"{BASE}{item.pk}/transitions"
    before = snapshot()
    assert post(signed_in(world["regulator"]), url, {"to_state": "in_stock"}).status_code == 403
    assert post(signed_in(world["clerk_b"]), url, {"to_state": "in_stock"}).status_code == 404
    conflict = post(signed_in(world["clerk_a"]), url, {"to_state": "sold"})
    assert (conflict.status_code, conflict.json()["code"]) == (409, "items.transition_not_allowed")
    assert conflict.json()["message"] == "An item in state “Being taken in” cannot become “Sold”."
    assert snapshot() == before
    done = post(signed_in(world["clerk_a"]), url, {"to_state": "in_stock", "reason": "checked"})
    assert (done.status_code, done.json()["state"]) == (200, ItemState.IN_STOCK)


def test_public_passport_endpoint(world: dict[str, Any]) -> None:
    created = post(signed_in(world["clerk_a"]), BASE, PHONE).json()
    response = Client().get(f"{BASE}passport/{created['code']}", HTTP_ACCEPT_LANGUAGE="en")
    body = response.json()
    assert response.status_code == 200
    assert body["identifiers"] == [{"label": "IMEI", "value": "49015420******8"}]
    assert [event["kind"] for event in body["events"]] == ["registered"]
    assert body["events"][0]["operator_name"] == "甲回收"
    assert Client().get(f"{BASE}passport/0000000000").status_code == 404
