"""The police portal pages: queue with filters, counts, pagination, exports and empty states; an alert's page;
holds with confirmation; watchlist search, add with errors shown, import with per-row errors, withdrawal."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from recirc.items.facade import holds_for_item
from recirc.policing.models import Alert, AlertKind, WatchlistEntry
from recirc.policing.tests.conftest import snapshot
from recirc.policing.tests.factories import AlertFactory, imei
from recirc.policing.tests.scene import STOLEN, Scene, build, client_for, in_days


@pytest.fixture
def scene(world: dict[str, Any]) -> Scene:
    return build(world)


@pytest.fixture
def police(world: dict[str, Any]) -> Any:
    return client_for(world, "police")


def test_the_queue_shows_counts_reasons_and_filters(scene: Scene, police: Any) -> None:
    AlertFactory(status="closed", closed_at=scene.alert.created_at)
    body = police.get(reverse("police-alerts")).content.decode()
    assert f"IMEI {STOLEN} is on the watchlist" in body and scene.item.code in body and "甲回收" in body
    assert police.get(reverse("police-alerts"), {"status": "closed"}).context["page"].paginator.count == 1
    assert police.get(reverse("police-alerts"), {"kind": "imei_clone"}).context["page"].paginator.count == 1
    assert police.get(reverse("police-alerts")).context["counts"] == {"open": 1, "acknowledged": 0, "closed": 1}
    empty = police.get(reverse("police-alerts"), {"kind": "seller_minor"}).content.decode()
    assert "No alert matches these filters." in empty


def test_the_empty_queue_explains_itself(world: dict[str, Any]) -> None:
    body = client_for(world, "police").get(reverse("police-alerts")).content.decode()
    assert "No alerts. Every acquisition is screened" in body and reverse("police-watchlist-add") in body


def test_the_queue_pages_and_answers_htmx_with_the_results_only(scene: Scene, police: Any) -> None:
    for _number in range(30):
        AlertFactory(kind=AlertKind.SELLER_MINOR, reason_code="seller_minor", reason_params={"age": 16, "minimum": 18})
    first = police.get(reverse("police-alerts"))
    assert (first.context["page"].paginator.count, len(first.context["rows"])) == (31, 25)
    assert len(police.get(reverse("police-alerts"), {"page": 2}).context["rows"]) == 6
    partial = police.get(reverse("police-alerts"), HTTP_HX_REQUEST="true").content.decode()
    assert 'id="alert-results"' in partial and "<html" not in partial


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_queue_exports(scene: Scene, police: Any, fmt: str) -> None:
    response = police.get(reverse("police-alerts"), {"format": fmt})
    assert response["Content-Disposition"].startswith('attachment; filename="alerts-')
    if fmt == "csv":
        rows = response.content.decode("utf-8-sig").splitlines()
    else:
        rows = [",".join(str(cell.value) for cell in row)
                for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()]
    assert rows[0].startswith("Alert,Raised at,Kind,Status,Score,Passport code") and len(rows) == 2
    assert scene.item.code in rows[1] and "杭公刑(2026)0001号" in rows[1]


def test_an_alerts_page_shows_the_item_the_reason_and_the_holds(scene: Scene, police: Any) -> None:
    body = police.get(reverse("police-alert-detail", args=[scene.alert.pk])).content.decode()
    for text in (scene.item.code, STOLEN, "Stolen-goods watchlist match", "Acknowledge", "Place a police hold order",
                 "On hold"):
        assert text in body


def test_a_bad_close_shows_errors_and_changes_nothing(scene: Scene, police: Any) -> None:
    before = snapshot()
    response = police.post(reverse("police-alert-close", args=[scene.alert.pk]), {"resolution": "bogus"})
    assert response.status_code == 422 and "Select a valid choice" in response.content.decode()
    assert snapshot() == before


def test_a_hold_beyond_the_longest_shows_the_error_on_the_date(scene: Scene, police: Any) -> None:
    before = snapshot()
    response = police.post(reverse("police-alert-hold", args=[scene.alert.pk]),
                           {"order_number": "令", "ends_on": in_days(60), "reason": "too long"})
    assert response.status_code == 422
    assert response.context["hold_form"].errors.get("ends_on")
    assert snapshot() == before


def test_the_holds_page_lists_active_holds_with_their_actions(scene: Scene, police: Any) -> None:
    body = police.get(reverse("police-holds")).content.decode()
    assert scene.held_item.code in body and scene.item.code in body
    assert reverse("police-hold-extend", args=[scene.police_hold_id]) in body
    assert police.get(reverse("police-holds"), {"kind": "police"}).context["page"].paginator.count == 1


def test_release_needs_confirmation(scene: Scene, police: Any) -> None:
    url = reverse("police-hold-release", args=[scene.police_hold_id])
    before = snapshot()
    response = police.post(url, {"reason": "owner found"})
    assert response.status_code == 422 and snapshot() == before
    assert police.post(url, {"reason": "owner found", "confirm": "on"}).status_code == 303
    assert [hold.kind for hold in holds_for_item(scene.held_item.pk) if hold.is_active] == ["erasure_pending"]


def test_extending_moves_the_end(scene: Scene, police: Any) -> None:
    response = police.post(reverse("police-hold-extend", args=[scene.police_hold_id]),
                           {"ends_on": in_days(25), "reason": "still investigating", "confirm": "on"})
    assert response.status_code == 303
    hold = next(hold for hold in holds_for_item(scene.held_item.pk) if hold.id == scene.police_hold_id)
    assert hold.ends_at is not None and hold.ends_at.date().isoformat() >= in_days(24)


def test_the_watchlist_searches_by_identifier_in_any_notation(scene: Scene, police: Any) -> None:
    page = police.get(reverse("police-watchlist"), {"q": f"{STOLEN[:8]}-{STOLEN[8:]}"}).context["page"]
    assert [entry.pk for entry in page.object_list] == [scene.entry.pk]
    assert police.get(reverse("police-watchlist"), {"q": "西湖"}).context["page"].paginator.count == 1
    assert "No watchlist entry matches." in police.get(reverse("police-watchlist"), {"q": "nothing"}).content.decode()


def test_adding_an_entry_shows_identifier_errors(world: dict[str, Any], police: Any) -> None:
    bad = imei(5)[:14] + str((int(imei(5)[14]) + 1) % 10)
    response = police.post(reverse("police-watchlist-add"), {
        "case_number": "Y-1", "reporting_unit": "U", "kind": "stolen", "identifiers": f"imei: {bad}"})
    assert response.status_code == 422 and "The IMEI check digit is wrong" in response.content.decode()
    assert WatchlistEntry.objects.count() == 0
    response = police.post(reverse("police-watchlist-add"), {
        "case_number": "Y-1", "reporting_unit": "U", "kind": "stolen", "identifiers": f"imei: {imei(5)}"})
    entry = WatchlistEntry.objects.get()
    assert response.status_code == 303 and response["Location"] == reverse("police-watchlist-detail",
                                                                           args=[entry.pk])


def test_an_import_with_bad_rows_lists_them(world: dict[str, Any], police: Any) -> None:
    content = f"case_number,reporting_unit,imei\nZ-1,U,{imei(6)}\n,U,{imei(7)}\n".encode()
    response = police.post(reverse("police-watchlist-import"), {"file": SimpleUploadedFile("c.csv", content)})
    body = response.content.decode()
    assert response.status_code == 422 and "Line 3: case_number: This field is required." in body
    assert WatchlistEntry.objects.count() == 0


def test_the_template_downloads(world: dict[str, Any], police: Any) -> None:
    response = police.get(reverse("police-watchlist-template", args=["xlsx"]))
    assert response["Content-Disposition"] == 'attachment; filename="watchlist-template.xlsx"'
    assert police.get(reverse("police-watchlist-template", args=["pdf"])).status_code == 404


def test_withdrawal_needs_confirmation(scene: Scene, police: Any) -> None:
    url = reverse("police-watchlist-withdraw", args=[scene.entry.pk])
    assert police.post(url, {"reason": "found"}).status_code == 422
    assert police.post(url, {"reason": "found", "confirm": "on"}).status_code == 303
    scene.entry.refresh_from_db()
    assert scene.entry.status == "withdrawn"
    body = police.get(reverse("police-watchlist-detail", args=[scene.entry.pk])).content.decode()
    assert "Withdraw from the watchlist" not in body and Alert.objects.get().item.code in body
