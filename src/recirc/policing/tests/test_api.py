"""The policing API for the police: the queue (paginated, filtered, constant query count), an alert with its
notes, acknowledging and closing, the watchlist (identifiers normalised), import errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recirc.policing.models import AlertKind
from recirc.policing.tests.conftest import snapshot
from recirc.policing.tests.factories import AlertFactory, imei
from recirc.policing.tests.scene import STOLEN, Scene, build, client_for

BASE = "/api/v1/policing"


@pytest.fixture
def scene(world: dict[str, Any]) -> Scene:
    return build(world)


@pytest.fixture
def police(world: dict[str, Any]) -> Any:
    return client_for(world, "police")


def post(client: Any, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def test_the_queue(scene: Scene, police: Any) -> None:
    body = police.get(f"{BASE}/alerts").json()
    assert body["count"] == 1
    row = body["items"][0]
    assert (row["id"], row["kind"], row["status"], row["score"], row["item_code"], row["watchlist_entry_id"]) == (
        scene.alert.pk, "watchlist_exact", "open", "100.00", scene.item.code, scene.entry.pk)
    assert row["reason"].startswith(f"IMEI {STOLEN} is on the watchlist")
    assert police.get(f"{BASE}/alerts", {"status": "closed"}).json()["count"] == 0


def test_the_queue_query_count_is_constant(scene: Scene, police: Any) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert police.get(f"{BASE}/alerts").status_code == 200
        return len(captured.captured_queries)

    few = queries()
    for _number in range(15):
        AlertFactory(kind=AlertKind.SELLER_MINOR)
    assert queries() == few


def test_acknowledge_note_and_close(scene: Scene, police: Any) -> None:
    url = f"{BASE}/alerts/{scene.alert.pk}"
    assert post(police, f"{url}/acknowledge", {}).json()["status"] == "acknowledged"
    assert post(police, f"{url}/notes", {"text": "Called the shop."}).status_code == 201
    closed = post(police, f"{url}/close", {"resolution": "confirmed"}).json()
    assert (closed["status"], closed["resolution"]) == ("closed", "confirmed")
    assert [note["text"] for note in police.get(url).json()["notes"]] == ["Called the shop."]
    before = snapshot()
    refused = post(police, f"{url}/acknowledge", {})
    assert (refused.status_code, refused.json()["code"]) == (409, "policing.alert_transition_not_allowed")
    assert snapshot() == before


def test_a_missing_alert_is_404(world: dict[str, Any], police: Any) -> None:
    response = police.get(f"{BASE}/alerts/999")
    assert (response.status_code, response.json()["code"]) == (404, "policing.alert_not_found")


def test_adding_to_the_watchlist_normalises_identifiers(world: dict[str, Any], police: Any) -> None:
    value = imei(31)
    response = post(police, f"{BASE}/watchlist", {
        "case_number": "W-1", "reporting_unit": "西湖区分局", "kind": "wanted",
        "identifiers": [{"kind": "imeisv", "value": f"{value[:14]}12"}, {"kind": "mac", "value": "3c22.fb12.3456"}]})
    assert response.status_code == 201
    body = response.json()
    assert (body["kind"], body["source"], body["status"]) == ("wanted", "api", "active")
    assert sorted((item["kind"], item["value"]) for item in body["identifiers"]) == [
        ("imei", value), ("mac", "3C:22:FB:12:34:56")]
    found = police.get(f"{BASE}/watchlist", {"q": value}).json()
    assert [item["id"] for item in found["items"]] == [body["id"]]


def test_a_vague_entry_is_refused(world: dict[str, Any], police: Any) -> None:
    before = snapshot()
    response = post(police, f"{BASE}/watchlist", {"case_number": "W-2", "reporting_unit": "U", "brand": "Apple"})
    assert (response.status_code, response.json()["code"]) == (422, "policing.watchlist_entry_too_vague")
    assert snapshot() == before


def test_an_import_lists_every_bad_row(world: dict[str, Any], police: Any) -> None:
    content = f"case_number,reporting_unit,kind,imei\nA,U,stolen,{imei(8)}\nB,U,taken,{imei(9)}\n".encode()
    response = police.post(f"{BASE}/watchlist/import", {"file": SimpleUploadedFile("c.csv", content)})
    assert response.status_code == 422
    assert response.json()["errors"]["file"] == ["Line 3: kind: Choose stolen, lost, wanted or seized."]


def test_holds_list_and_release(scene: Scene, police: Any) -> None:
    holds = police.get(f"{BASE}/holds", {"kind": "police"}).json()
    assert [hold["id"] for hold in holds["items"]] == [scene.police_hold_id]
    released = post(police, f"{BASE}/holds/{scene.police_hold_id}/release", {"reason": "Owner found"}).json()
    assert (released["is_active"], released["released_at"] is not None) == (False, True)
