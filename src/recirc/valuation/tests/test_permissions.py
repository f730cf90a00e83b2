"""Who may do what (docs/contexts/valuation.md), as a matrix over services, pages and the API: estimates and
reads for operator staff, regulators and the platform administrator; recording and importing for the
administrator and operator managers; training for both, forcing and activating for the administrator.
A refusal changes nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from recirc.core.errors import PermissionDenied
from recirc.valuation import imports, services, training
from recirc.valuation.models import ValuationModel
from recirc.valuation.tests.conftest import client_for, snapshot
from recirc.valuation.tests.factories import TODAY, ObservationFactory, category, phone_sales, registry_row

ROLES = ["anonymous", "consumer", "moderator", "clerk_a", "inspector_a", "manager_a", "regulator", "police", "admin"]
READERS = {"clerk_a", "inspector_a", "manager_a", "regulator", "police", "admin"}
RECORDERS = {"manager_a", "admin"}
TRAINERS = {"manager_a", "admin"}
ACTIVATORS = {"admin"}
CSV = b"category,price,observed_on,brand\nmobile-phones,1000,2026-10-01,Apple\n"
OBSERVATION = {"category": "mobile-phones", "brand": "Apple", "model_name": "iPhone 13", "price": "1000",
               "observed_on": "2026-10-01", "source": "sale"}


@pytest.fixture
def registry(world: dict[str, Any], settings: Any) -> dict[str, Any]:
    """Two versions of the phones model in the registry (v1 active); training tests add sales to train on."""
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "VALUATION_MIN_TRAINING_ROWS": 100}
    return {"active": registry_row(version=1, is_active=True), "inactive": registry_row(version=2, is_active=False)}


def actor_of(world: dict[str, Any], key: str) -> Any:
    return AnonymousUser() if key == "anonymous" else world[key]


def service_calls(registry: dict[str, Any]) -> dict[str, Callable[[Any], Any]]:
    return {
        "record": lambda actor: services.observation_record(actor=actor, data=OBSERVATION),
        "import": lambda actor: imports.observations_import(actor=actor, file_name="s.csv", content=CSV),
        "train": lambda actor: training.model_train(actor=actor, category="mobile-phones", quick=True, today=TODAY),
        "train_forced": lambda actor: training.model_train(actor=actor, category="mobile-phones", quick=True,
                                                           today=TODAY, activate_anyway=True),
        "activate": lambda actor: services.model_activate(actor=actor, model_id=registry["inactive"].pk),
    }


ALLOWED = {"record": RECORDERS, "import": RECORDERS, "train": TRAINERS, "train_forced": ACTIVATORS,
           "activate": ACTIVATORS}


@pytest.mark.parametrize("name", sorted(ALLOWED))
@pytest.mark.parametrize("key", ROLES)
def test_services(world: dict[str, Any], registry: dict[str, Any], name: str, key: str) -> None:
    if name.startswith("train"):
        phone_sales(100)
    before = snapshot()
    if key in ALLOWED[name]:
        service_calls(registry)[name](actor_of(world, key))
        assert snapshot() != before
        return
    with pytest.raises(PermissionDenied):
        service_calls(registry)[name](actor_of(world, key))
    assert snapshot() == before


def test_a_manager_without_an_operator_may_not_record(world: dict[str, Any]) -> None:
    from recirc.operators.models import Membership

    Membership.objects.filter(user=world["manager_a"]).delete()
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.observation_record(actor=world["manager_a"], data=OBSERVATION)
    assert snapshot() == before


PAGES = {"valuation-home": READERS, "valuation-estimate": READERS, "valuation-observations": READERS,
         "model": READERS, "valuation-import": RECORDERS, "template": RECORDERS, "valuation-train": TRAINERS}


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("key", ROLES)
def test_pages(world: dict[str, Any], registry: dict[str, Any], name: str, key: str) -> None:
    url = {"model": reverse("valuation-model-detail", args=[registry["active"].pk]),
           "template": reverse("valuation-import-template", args=["csv"])}.get(name) or reverse(name)
    response = client_for(world, key).get(url)
    assert response.status_code == (302 if key == "anonymous" else 200 if key in PAGES[name] else 403)


def page_posts(registry: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any], set[str]]]:
    return {
        "import": (reverse("valuation-import"), {"file": SimpleUploadedFile("s.csv", CSV)}, RECORDERS),
        "train": (reverse("valuation-train"), {"category": str(category().pk), "quick": "on", "confirm": "on"},
                  TRAINERS),
        "activate": (reverse("valuation-model-activate", args=[registry["inactive"].pk]), {"confirm": "on"},
                     ACTIVATORS),
    }


@pytest.mark.parametrize("action", ["import", "train", "activate"])
@pytest.mark.parametrize("key", ROLES)
def test_page_posts(world: dict[str, Any], registry: dict[str, Any], action: str, key: str) -> None:
    url, data, allowed = page_posts(registry)[action]
    if action == "train":
        phone_sales(100)
    before = snapshot()
    response = client_for(world, key).post(url, data)
    if key in allowed:
        assert response.status_code == 303, response.content.decode()[:1500]
        assert snapshot() != before
        return
    assert response.status_code == (302 if key == "anonymous" else 403)
    assert snapshot() == before


def api_calls(registry: dict[str, Any]) -> dict[str, tuple[str, str, Any, set[str], int]]:
    model = registry["inactive"].pk
    return {
        "estimate": ("post", "/api/v1/valuation/estimate", {"category": "mobile-phones", "brand": "Apple",
                                                             "model_name": "iPhone 13"}, READERS, 200),
        "models": ("get", "/api/v1/valuation/models", None, READERS, 200),
        "model": ("get", f"/api/v1/valuation/models/{model}", None, READERS, 200),
        "observations": ("get", "/api/v1/valuation/observations", None, READERS, 200),
        "create": ("post", "/api/v1/valuation/observations", {**OBSERVATION, "source_ref": "API-1"}, RECORDERS, 201),
        "import": ("post", "/api/v1/valuation/observations/import", "file", RECORDERS, 201),
        "activate": ("post", f"/api/v1/valuation/models/{model}/activate", {}, ACTIVATORS, 200),
    }


@pytest.mark.parametrize("name", ["estimate", "models", "model", "observations", "create", "import", "activate"])
@pytest.mark.parametrize("key", ROLES)
def test_api(world: dict[str, Any], registry: dict[str, Any], name: str, key: str) -> None:
    method, url, body, allowed, success = api_calls(registry)[name]
    client = client_for(world, key)
    before = snapshot()
    if body == "file":
        response = client.post(url, {"file": SimpleUploadedFile("s.csv", CSV)})
    elif method == "post":
        response = client.post(url, json.dumps(body), content_type="application/json")
    else:
        response = client.get(url)
    expected = 401 if key == "anonymous" else success if key in allowed else 403
    assert response.status_code == expected, response.content.decode()[:500]
    if expected == 403:
        assert response.json()["code"] == "valuation.forbidden"
    if expected in (401, 403) or method == "get" or name == "estimate":
        assert snapshot() == before
    assert ValuationModel.objects.filter(is_active=True).count() == 1


def test_who_sees_the_contributing_operator(world: dict[str, Any]) -> None:
    ObservationFactory(operator=world["operator_a"], source_ref="A-1")
    ObservationFactory(operator=world["operator_b"], source_ref="B-1")

    def names(key: str) -> list[str]:
        content = client_for(world, key).get(reverse("valuation-observations") + "?format=csv").content
        return [line.split(",")[-1] for line in content.decode("utf-8-sig").splitlines()[1:]]

    assert names("clerk_a") == ["", "甲回收"] or names("clerk_a") == ["甲回收", ""]
    assert sorted(names("regulator")) == ["乙回收", "甲回收"]
