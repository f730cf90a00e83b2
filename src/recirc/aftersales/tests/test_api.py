"""The after-sales API: the whole return through JSON, base64 evidence, scoping and paging."""

from __future__ import annotations

import base64
import json
from typing import Any

from django.test import Client

from recirc.aftersales.tests.factories import delivered, png, record_of


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client: Client, path: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(f"/api/v1/aftersales{path}", json.dumps(body or {}), content_type="application/json")


def test_a_return_through_the_api(world: dict[str, Any]) -> None:
    order = delivered(world, world["jacket"])
    buyer, clerk = client_for(world["buyer"]), client_for(world["clerk_a"])
    records = buyer.get("/api/v1/aftersales/warranties").json()
    assert [row["order_number"] for row in records["items"]] == [order.number]
    record_id = records["items"][0]["id"]
    response = post(buyer, f"/warranties/{record_id}/returns", {
        "kind": "defective", "reason": "拉链坏了",
        "evidence": [{"name": "zip.png", "content_base64": base64.b64encode(png()).decode()}]})
    assert response.status_code == 201
    case = response.json()
    assert (case["state"], case["amount"], case["due_party"]) == ("requested", "199.00", "seller")
    assert post(clerk, f"/returns/{case['id']}/approve").json()["state"] == "approved"
    assert post(clerk, f"/returns/{case['id']}/receive").json()["state"] == "goods_returned"
    refunded = post(clerk, f"/returns/{case['id']}/refund").json()
    assert (refunded["state"], refunded["refunded_amount"]) == ("refunded", "199.00")
    again = post(clerk, f"/returns/{case['id']}/refund")
    assert (again.status_code, again.json()["code"]) == (409, "aftersales.action_not_allowed")


def test_bad_base64_is_a_clear_422(world: dict[str, Any]) -> None:
    record = record_of(world, delivered(world, world["jacket"]))
    response = post(client_for(world["buyer"]), f"/warranties/{record.pk}/returns", {
        "kind": "defective", "reason": "坏", "evidence": [{"name": "x.png", "content_base64": "***"}]})
    assert (response.status_code, response.json()["code"]) == (422, "aftersales.evidence_invalid")


def test_other_operators_get_404_and_lists_are_scoped(world: dict[str, Any]) -> None:
    record = record_of(world, delivered(world, world["jacket"]))
    other = client_for(world["clerk_b"])
    assert other.get(f"/api/v1/aftersales/warranties/{record.pk}").status_code == 404
    assert other.get("/api/v1/aftersales/warranties").json()["count"] == 0
    assert client_for(world["clerk_a"]).get("/api/v1/aftersales/warranties").json()["count"] == 1


def test_only_the_platform_may_trigger_the_sync(world: dict[str, Any]) -> None:
    assert post(client_for(world["clerk_a"]), "/sync").status_code == 403
    assert post(client_for(world["admin"]), "/sync").json() == {"records_made": 0}


def test_the_case_list_guards_its_query_count(world: dict[str, Any]) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from recirc.aftersales import returns

    client = client_for(world["moderator"])
    first = record_of(world, delivered(world, world["jacket"]))
    returns.return_open(actor=world["buyer"], warranty_id=first.pk, kind="no_reason")
    with CaptureQueriesContext(connection) as one:
        assert client.get("/api/v1/aftersales/returns").json()["count"] == 1
    second = record_of(world, delivered(world, world["coat"]))
    returns.return_open(actor=world["buyer"], warranty_id=second.pk, kind="no_reason")
    with CaptureQueriesContext(connection) as two:
        assert client.get("/api/v1/aftersales/returns").json()["count"] == 2
    assert len(two) == len(one)
