"""Every police action, through its service, its page and its API endpoint, by anonymous users, a clerk, a
commerce regulator and the police: only the police get through, and a refusal changes nothing."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from recirc.core.errors import PermissionDenied
from recirc.policing import imports, services
from recirc.policing.tests.conftest import snapshot
from recirc.policing.tests.scene import Scene, build, client_for, in_days

CSV = "case_number,reporting_unit,imei\nX-1,西湖区分局,356938035643809\n".encode()
ROLES = ["anonymous", "clerk_a", "regulator", "police"]


@pytest.fixture
def scene(world: dict[str, Any]) -> Scene:
    return build(world)


def service_calls(scene: Scene) -> dict[str, Callable[[Any], Any]]:
    later = timezone.now() + dt.timedelta(days=20)
    return {
        "watchlist_add": lambda actor: services.watchlist_add(actor=actor, data={
            "case_number": "X-1", "reporting_unit": "U", "brand": "Apple", "description": "刻字 AB12"}),
        "watchlist_import": lambda actor: imports.watchlist_import(actor=actor, file_name="c.csv", content=CSV),
        "watchlist_withdraw": lambda actor: services.watchlist_withdraw(actor=actor, entry_id=scene.entry.pk,
                                                                        reason="found"),
        "alert_acknowledge": lambda actor: services.alert_acknowledge(actor=actor, alert_id=scene.alert.pk),
        "alert_close": lambda actor: services.alert_close(actor=actor, alert_id=scene.alert.pk,
                                                          resolution="confirmed"),
        "case_note_add": lambda actor: services.case_note_add(actor=actor, alert_id=scene.alert.pk, text="seen"),
        "alert_hold_place": lambda actor: services.alert_hold_place(
            actor=actor, alert_id=scene.alert.pk, order_number="令 1", ends_at=later, reason="evidence"),
        "hold_extend": lambda actor: services.police_hold_extend(actor=actor, hold_id=scene.police_hold_id,
                                                                 ends_at=later, reason="more time"),
        "hold_release": lambda actor: services.police_hold_release(actor=actor, hold_id=scene.police_hold_id,
                                                                   reason="owner found"),
    }


SERVICE_NAMES = ["watchlist_add", "watchlist_import", "watchlist_withdraw", "alert_acknowledge", "alert_close",
                 "case_note_add", "alert_hold_place", "hold_extend", "hold_release"]


@pytest.mark.parametrize("name", SERVICE_NAMES)
@pytest.mark.parametrize("actor_key", ["anonymous", "system", "clerk_a", "regulator", "consumer"])
def test_services_refuse_everyone_but_the_police(world: dict[str, Any], scene: Scene, name: str,
                                                 actor_key: str) -> None:
    actor = {"anonymous": AnonymousUser(), "system": None}.get(actor_key, world.get(actor_key))
    before = snapshot()
    with pytest.raises(PermissionDenied):
        service_calls(scene)[name](actor)
    assert snapshot() == before


@pytest.mark.parametrize("name", SERVICE_NAMES)
def test_services_let_the_police_through(world: dict[str, Any], scene: Scene, name: str) -> None:
    before = snapshot()
    service_calls(scene)[name](world["police"])
    assert snapshot() != before


def page_posts(scene: Scene) -> dict[str, tuple[str, dict[str, Any]]]:
    alert, hold = scene.alert.pk, scene.police_hold_id
    return {
        "acknowledge": (reverse("police-alert-acknowledge", args=[alert]), {}),
        "close": (reverse("police-alert-close", args=[alert]), {"resolution": "confirmed"}),
        "note": (reverse("police-case-note-add", args=[alert]), {"text": "seen"}),
        "hold": (reverse("police-alert-hold", args=[alert]), {"order_number": "令 1", "ends_on": in_days(20),
                                                               "reason": "evidence"}),
        "extend": (reverse("police-hold-extend", args=[hold]), {"ends_on": in_days(20), "reason": "more",
                                                                 "confirm": "on"}),
        "release": (reverse("police-hold-release", args=[hold]), {"reason": "owner found", "confirm": "on"}),
        "add": (reverse("police-watchlist-add"), {"case_number": "X-2", "reporting_unit": "U", "kind": "stolen",
                                                  "identifiers": "imei: 356938035643809"}),
        "import": (reverse("police-watchlist-import"), {"file": SimpleUploadedFile("c.csv", CSV)}),
        "withdraw": (reverse("police-watchlist-withdraw", args=[scene.entry.pk]), {"reason": "found",
                                                                                  "confirm": "on"}),
    }


@pytest.mark.parametrize("action", ["acknowledge", "close", "note", "hold", "extend", "release", "add", "import",
                                    "withdraw"])
@pytest.mark.parametrize("actor_key", ROLES)
def test_page_actions(world: dict[str, Any], scene: Scene, action: str, actor_key: str) -> None:
    url, data = page_posts(scene)[action]
    before = snapshot()
    response = client_for(world, actor_key).post(url, data)
    if actor_key == "police":
        assert response.status_code == 303, response.content.decode()[:2000]
        assert snapshot() != before
        return
    assert response.status_code == (302 if actor_key == "anonymous" else 403)
    assert snapshot() == before


@pytest.mark.parametrize("name", ["police-alerts", "police-holds", "police-watchlist", "police-watchlist-add",
                                  "police-watchlist-import", "alert", "entry", "withdraw", "extend", "release",
                                  "template"])
@pytest.mark.parametrize("actor_key", ROLES)
def test_pages_are_for_the_police(world: dict[str, Any], scene: Scene, name: str, actor_key: str) -> None:
    url = {"alert": reverse("police-alert-detail", args=[scene.alert.pk]),
           "entry": reverse("police-watchlist-detail", args=[scene.entry.pk]),
           "withdraw": reverse("police-watchlist-withdraw", args=[scene.entry.pk]),
           "extend": reverse("police-hold-extend", args=[scene.police_hold_id]),
           "release": reverse("police-hold-release", args=[scene.police_hold_id]),
           "template": reverse("police-watchlist-template", args=["csv"])}.get(name) or reverse(name)
    response = client_for(world, actor_key).get(url)
    assert response.status_code == {"anonymous": 302, "police": 200}.get(actor_key, 403)


def api_posts(scene: Scene) -> dict[str, tuple[str, dict[str, Any]]]:
    alert, hold, base = scene.alert.pk, scene.police_hold_id, "/api/v1/policing"
    later = (timezone.now() + dt.timedelta(days=20)).isoformat()
    return {
        "acknowledge": (f"{base}/alerts/{alert}/acknowledge", {}),
        "close": (f"{base}/alerts/{alert}/close", {"resolution": "false_positive"}),
        "note": (f"{base}/alerts/{alert}/notes", {"text": "seen"}),
        "hold": (f"{base}/alerts/{alert}/hold", {"order_number": "令 1", "ends_at": later, "reason": "evidence"}),
        "extend": (f"{base}/holds/{hold}/extend", {"ends_at": later, "reason": "more"}),
        "release": (f"{base}/holds/{hold}/release", {"reason": "owner found"}),
        "add": (f"{base}/watchlist", {"case_number": "X-3", "reporting_unit": "U",
                                      "identifiers": [{"kind": "imei", "value": "356938035643809"}]}),
        "withdraw": (f"{base}/watchlist/{scene.entry.pk}/withdraw", {"reason": "found"}),
    }


@pytest.mark.parametrize("action", ["acknowledge", "close", "note", "hold", "extend", "release", "add", "withdraw",
                                    "import"])
@pytest.mark.parametrize("actor_key", ROLES)
def test_api_actions(world: dict[str, Any], scene: Scene, action: str, actor_key: str) -> None:
    client = client_for(world, actor_key)
    before = snapshot()
    if action == "import":
        response = client.post("/api/v1/policing/watchlist/import", {"file": SimpleUploadedFile("c.csv", CSV)})
    else:
        url, body = api_posts(scene)[action]
        response = client.post(url, json.dumps(body), content_type="application/json")
    if actor_key == "police":
        assert response.status_code in (200, 201), response.content.decode()
        assert snapshot() != before
        return
    assert response.status_code == (401 if actor_key == "anonymous" else 403)
    if actor_key != "anonymous":
        assert response.json()["code"] == "policing.police_only"
    assert snapshot() == before


@pytest.mark.parametrize("url", ["/api/v1/policing/alerts", "/api/v1/policing/holds", "/api/v1/policing/watchlist"])
@pytest.mark.parametrize("actor_key", ROLES)
def test_api_lists_are_for_the_police(world: dict[str, Any], scene: Scene, url: str, actor_key: str) -> None:
    response = client_for(world, actor_key).get(url)
    assert response.status_code == {"anonymous": 401, "police": 200}.get(actor_key, 403)
