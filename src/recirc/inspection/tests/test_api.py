"""The inspection API with exact values: the queue, an item's checklist with its defaults, preview, completion
(201 with the report), errors with stable codes, reports, the public verification and referrals."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from recirc.inspection.models import CounterfeitReferral, InspectionReport
from recirc.inspection.tests.conftest import snapshot
from recirc.inspection.tests.factories import PHONE_OK, clothing, phone, register_item, tac_entry


def api(user: Any = None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def item(world: dict[str, Any]) -> Any:
    tac_entry()
    return phone(world["clerk_a"], world["operator_a"], battery=84)


def test_the_queue_and_the_checklist(world: dict[str, Any], item: Any) -> None:
    client = api(world["inspector_a"])
    rows = client.get("/api/v1/inspection/inspections").json()
    assert [(row["item_code"], row["status"], row["report_code"]) for row in rows["items"]] == [
        (item.code, "waiting", None)]
    checklist = client.get(f"/api/v1/inspection/items/{item.id}/checklist").json()
    assert (checklist["code"], checklist["version"], checklist["scale"]) == ("phone-inspection", 1, "recirc-grade")
    assert [(entry["key"], entry["kind"], entry["initial"]) for entry in checklist["items"]][:5] == [
        ("screen", "choice", "flawless"), ("body", "choice", "flawless"), ("buttons", "pass_fail", "pass"),
        ("cameras", "pass_fail", "pass"), ("battery_health", "number", 84)]


def test_preview_then_complete(world: dict[str, Any], item: Any) -> None:
    client = api(world["inspector_a"])
    before = snapshot()
    preview = client.post(f"/api/v1/inspection/items/{item.id}/preview",
                          {"answers": {**PHONE_OK, "cameras": "fail"}}, content_type="application/json").json()
    assert (preview["grade"], preview["functional_level"], [row["reason_en"] for row in preview["findings"]]) == (
        "D", 2, ["A camera does not work"])
    assert snapshot() == before
    created = client.post(f"/api/v1/inspection/items/{item.id}/inspection",
                          {"answers": {**PHONE_OK, "battery_health": 84}}, content_type="application/json")
    assert created.status_code == 201
    body = created.json()
    report = InspectionReport.objects.get(code=body["report_code"])
    assert (body["status"], body["outcome"], body["grade"], body["answers"]["battery_health"]) == (
        "completed", "graded", "A", 84)
    fetched = client.get(f"/api/v1/inspection/reports/{report.code}").json()
    assert (fetched["sha256"], fetched["computed_sha256"], fetched["intact"]) == (report.sha256, report.sha256, True)
    public = Client().get(f"/api/v1/inspection/verify/{report.code}").json()
    assert public["document"] == report.payload and public["intact"] is True


def test_an_incomplete_checklist_answers_422_naming_the_items(world: dict[str, Any], item: Any) -> None:
    before = snapshot()
    response = api(world["inspector_a"]).post(
        f"/api/v1/inspection/items/{item.id}/inspection",
        {"answers": {key: value for key, value in PHONE_OK.items() if key not in ("screen", "body")}},
        content_type="application/json")
    assert (response.status_code, response.json()) == (422, {
        "code": "inspection.checklist_incomplete",
        "message": "The checklist is incomplete; nothing was saved. Answer: Screen, Body and frame.",
        "errors": {"screen": ["Answer this item."], "body": ["Answer this item."]}})
    assert snapshot() == before


def test_items_without_checklist_answer_409(world: dict[str, Any]) -> None:
    book = register_item(world["clerk_a"], world["operator_a"], "books", "红楼梦", attributes={"title": "红楼梦"})
    response = api(world["inspector_a"]).get(f"/api/v1/inspection/items/{book.id}/checklist")
    assert (response.status_code, response.json()["code"]) == (409, "inspection.no_checklist")


def test_referrals_through_the_api(world: dict[str, Any]) -> None:
    coat = clothing(world["clerk_a"], world["operator_a"])
    api(world["inspector_a"]).post(f"/api/v1/inspection/items/{coat.id}/inspection", {"answers": {
        "wear": "none", "stains": "none", "defects": "none", "labels": "pass", "washed": "pass",
        "trademark": "suspicious", "tags": "consistent", "materials": "suspicious"}}, content_type="application/json")
    referral = CounterfeitReferral.objects.get(item_id=coat.id)
    client = api(world["supervision"])
    listed = client.get("/api/v1/inspection/referrals", {"status": "open"}).json()["items"]
    assert [(row["id"], row["item_code"], [entry["code"] for entry in row["indicators"]]) for row in listed] == [
        (referral.pk, coat.code, ["checklist.trademark", "checklist.materials"])]
    assert client.post(f"/api/v1/inspection/referrals/{referral.pk}/acknowledge").json()["status"] == "acknowledged"
    bad = client.post(f"/api/v1/inspection/referrals/{referral.pk}/close", {"outcome": "maybe"},
                      content_type="application/json")
    assert (bad.status_code, bad.json()["code"]) == (422, "inspection.referral_close_invalid")
    closed = client.post(f"/api/v1/inspection/referrals/{referral.pk}/close",
                         {"outcome": "cleared", "note": "正品，商标授权有效"}, content_type="application/json").json()
    assert (closed["status"], closed["outcome"]) == ("closed", "cleared")
    evidence = client.get(f"/api/v1/inspection/referrals/{referral.pk}/evidence").json()
    assert (evidence["referral"]["outcome"], evidence["report"]["hash_verified"]) == ("cleared", True)


def test_the_list_costs_a_fixed_number_of_queries(world: dict[str, Any], django_assert_max_num_queries: Any) -> None:
    client = api(world["inspector_a"])
    for _number in range(3):
        clothing(world["clerk_a"], world["operator_a"])
    client.get("/api/v1/inspection/inspections?status=waiting")
    with django_assert_max_num_queries(12):
        first = client.get("/api/v1/inspection/inspections?status=waiting")
    for _number in range(6):
        clothing(world["clerk_a"], world["operator_a"])
    client.get("/api/v1/inspection/inspections?status=waiting")
    with django_assert_max_num_queries(12):
        second = client.get("/api/v1/inspection/inspections?status=waiting")
    assert (first.json()["count"], second.json()["count"]) == (3, 9)
