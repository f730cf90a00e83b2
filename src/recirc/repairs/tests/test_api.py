"""The repairs API: a whole work order through its endpoints, error bodies, scoped lists with a constant number
of queries, the parts list and an item's repair history."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from recirc.repairs.tests.conftest import snapshot
from recirc.repairs.tests.factories import all_pass, opened, phone, walk

BASE = "/api/v1/repairs"
BACKEND = "django.contrib.auth.backends.ModelBackend"


def signed_in(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user, backend=BACKEND)
    return client


def post(client: Client, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(BASE + url, json.dumps(body or {}), content_type="application/json")


def test_a_work_order_through_the_api(world: dict[str, Any]) -> None:
    technician, manager, inspector = (signed_in(world[key]) for key in ("technician_a", "manager_a", "inspector_a"))
    created = post(technician, "/work-orders", {"item_id": world["phone"].pk, "reported_fault": "Screen cracked"})
    assert created.status_code == 201
    body = created.json()
    pk = body["id"]
    assert (body["state"], body["kind"], body["item_code"], body["actions"]) == (
        "intake", "stock", world["phone"].code, ["diagnose", "cancel", "labour"])
    assert post(technician, f"/work-orders/{pk}/diagnose", {"diagnosis": "Cracked", "faults": ["Screen"]}
                ).json()["found_faults"] == ["Screen"]
    until = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    quoted = post(technician, f"/work-orders/{pk}/quote", {"parts_amount": "450.00", "labour_amount": 80,
                                                          "valid_until": until}).json()
    assert (quoted["quote_total"], quoted["quote_valid_until"]) == ("530.00", until)
    assert post(manager, f"/work-orders/{pk}/approve").json()["decided_by"] == "boss.chen"
    assert post(technician, f"/work-orders/{pk}/start").json()["state"] == "in_repair"
    part = post(technician, f"/work-orders/{pk}/parts", {"kind": "screen", "origin": "used_original",
                                                         "brand": "Apple", "producer": "LG Display", "cost": "300"})
    assert part.status_code == 201
    assert {key: part.json()[key] for key in ("kind_label", "is_main_part", "origin_label", "cost")} == {
        "kind_label": "Screen", "is_main_part": True, "origin_label": "Used original (taken from another unit)",
        "cost": "300.00"}
    assert post(technician, f"/work-orders/{pk}/labour", {"minutes": 40, "rate": "90"}).json()["amount"] == "60.00"
    assert post(technician, f"/work-orders/{pk}/submit").json()["state"] == "quality_check"
    checklist = technician.get(f"{BASE}/work-orders/{pk}").json()["checklist"]
    check = post(inspector, f"/work-orders/{pk}/quality-check", {"results": dict.fromkeys(checklist, "pass")})
    assert (check.status_code, check.json()["passed"], check.json()["repaired_by"]) == (201, True, "tech.zhang")
    final = technician.get(f"{BASE}/work-orders/{pk}").json()
    assert (final["state"], final["is_refurbished"], final["actions"]) == ("completed", True, [])
    history = technician.get(f"{BASE}/items/{world['phone'].pk}/history").json()
    assert history["is_refurbished"] is True
    assert history["main_parts_replaced"] == ["screen"]
    assert history["records"][0]["parts"] == [{
        "kind": "screen", "kind_label": "Screen", "is_main_part": True, "origin": "used_original",
        "origin_label": "Used original (taken from another unit)", "is_original": True, "brand": "Apple",
        "producer": "LG Display", "part_number": ""}]


def test_a_jump_is_refused_with_a_clear_error_and_nothing_written(world: dict[str, Any]) -> None:
    order = opened(world)
    before = snapshot()
    response = post(signed_in(world["technician_a"]), f"/work-orders/{order.pk}/start")
    assert response.status_code == 409
    assert response.json() == {"code": "repairs.transition_not_allowed",
                               "message": "A work order that is “Taken in” cannot become “In repair”."}
    assert snapshot() == before


def test_validation_errors_name_the_fields(world: dict[str, Any]) -> None:
    order = walk(world, opened(world), "in_repair")
    before = snapshot()
    response = post(signed_in(world["technician_a"]), f"/work-orders/{order.pk}/parts",
                    {"kind": "wing", "origin": "original", "brand": "Apple", "producer": "", "cost": "10"})
    assert response.status_code == 422
    assert response.json() == {"code": "repairs.invalid", "message": "Some fields are not valid.", "errors": {
        "kind": ["Choose a part from the list for this kind of goods."], "producer": ["This field is required."]}}
    assert snapshot() == before


def test_the_list_is_scoped_filtered_and_paginated(world: dict[str, Any]) -> None:
    mine = opened(world)
    walk(world, opened(world, world["sofa"]), "quality_check")
    other = phone(world["operator_b"], imei="352099001761481")
    opened(world, other, actor="technician_b")
    body = signed_in(world["technician_a"]).get(f"{BASE}/work-orders").json()
    assert body["count"] == 2
    filtered = signed_in(world["technician_a"]).get(f"{BASE}/work-orders?state=intake").json()
    assert [row["number"] for row in filtered["items"]] == [mine.number]
    assert signed_in(world["technician_b"]).get(f"{BASE}/work-orders").json()["count"] == 1
    assert signed_in(world["regulator"]).get(f"{BASE}/work-orders").json()["count"] == 3
    assert signed_in(world["consumer"]).get(f"{BASE}/work-orders").json()["count"] == 0
    searched = signed_in(world["technician_a"]).get(f"{BASE}/work-orders?q={world['phone'].code.lower()}").json()
    assert [row["number"] for row in searched["items"]] == [mine.number]


def test_list_query_count_is_constant(world: dict[str, Any]) -> None:
    client = signed_in(world["technician_a"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{BASE}/work-orders").status_code == 200
        return len(captured.captured_queries)

    opened(world)
    one = queries()
    for number, imei in enumerate(("352099001761481", "353918057036226", "356938035643817"), start=1):
        opened(world, phone(world["operator_a"], imei=imei, code=f"P{number:09d}"))
    assert queries() == one


def test_part_kinds_mark_the_main_parts(world: dict[str, Any]) -> None:
    kinds = signed_in(world["technician_a"]).get(f"{BASE}/part-kinds?category=tablets").json()
    assert [row["kind"] for row in kinds if row["is_main_part"]] == ["screen", "battery", "mainboard", "camera",
                                                                     "housing"]
    assert kinds[-1] == {"kind": "other", "label": "Other part", "is_main_part": False}


def test_anonymous_callers_get_401(world: dict[str, Any]) -> None:
    before = snapshot()
    assert Client().get(f"{BASE}/work-orders").status_code == 401
    assert post(Client(), "/work-orders", {"item_id": world["phone"].pk, "reported_fault": "x"}).status_code == 401
    assert snapshot() == before


def test_the_history_of_an_item_outside_the_scope_is_404(world: dict[str, Any]) -> None:
    walk(world, opened(world), "completed")
    assert signed_in(world["technician_b"]).get(f"{BASE}/items/{world['phone'].pk}/history").status_code == 404


def test_quality_check_results_must_cover_the_checklist(world: dict[str, Any]) -> None:
    order = walk(world, opened(world), "quality_check")
    before = snapshot()
    response = post(signed_in(world["inspector_a"]), f"/work-orders/{order.pk}/quality-check",
                    {"results": {**all_pass(order), "powers_on": "maybe"}})
    assert response.status_code == 422
    assert response.json()["errors"] == {"powers_on": ["Choose pass, fail or not applicable."]}
    assert snapshot() == before


def test_a_part_recorded_by_mistake_is_deleted_through_the_api(world: dict[str, Any]) -> None:
    order = walk(world, opened(world), "in_repair")
    client = signed_in(world["technician_a"])
    part = post(client, f"/work-orders/{order.pk}/parts", {"kind": "camera", "origin": "original", "brand": "Apple",
                                                          "producer": "Sony", "cost": "150"}).json()
    assert client.delete(f"{BASE}/work-orders/{order.pk}/parts/{part['id']}").status_code == 204
    assert client.delete(f"{BASE}/work-orders/{order.pk}/parts/{part['id']}").json()["code"] == "repairs.part_not_found"
    assert order.parts.count() == 0
