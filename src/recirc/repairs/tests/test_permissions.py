"""Who may do what to a work order, through the services, the pages and the API: every action by every kind of
actor. Other operators' staff and consumers who do not own the item get 404 (as if it did not exist), the wrong
role 403, and a refusal changes nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from recirc.core.errors import NotFound, PermissionDenied
from recirc.repairs import services, work
from recirc.repairs.models import WorkOrder
from recirc.repairs.tests.conftest import snapshot
from recirc.repairs.tests.factories import all_pass, opened, quote_arguments, screen, walk

ACTORS = ["anonymous", "consumer", "other_consumer", "technician_b", "manager_b", "regulator", "clerk_a",
          "inspector_a", "manager_a", "technician_a", "technician_a2"]
UNSEEN = {"anonymous", "consumer", "other_consumer", "technician_b", "manager_b"}  # a stock order of operator A
# action -> (the state it is tried in, who may do it)
RULES: dict[str, tuple[str, set[str]]] = {
    "diagnose": ("intake", {"technician_a", "technician_a2"}),
    "quote": ("diagnosed", {"technician_a", "technician_a2", "manager_a"}),
    "approve": ("quoted", {"manager_a"}),
    "decline": ("quoted", {"manager_a"}),
    "start_repair": ("approved", {"technician_a", "technician_a2"}),
    "part": ("in_repair", {"technician_a", "technician_a2"}),
    "labour": ("in_repair", {"technician_a", "technician_a2"}),
    "submit": ("in_repair", {"technician_a", "technician_a2"}),
    "check": ("quality_check", {"inspector_a", "technician_a2"}),  # technician_a repaired it
    "cancel": ("intake", {"technician_a", "technician_a2", "manager_a"}),
}
MATRIX = [(action, actor) for action in RULES for actor in ACTORS]
BACKEND = "django.contrib.auth.backends.ModelBackend"


def actor_of(world: dict[str, Any], key: str) -> Any:
    return AnonymousUser() if key == "anonymous" else world[key]


def action_call(action: str, order: WorkOrder) -> Callable[[Any], Any]:
    pk = order.pk
    return {
        "diagnose": lambda actor: services.work_order_diagnose(actor=actor, work_order_id=pk, diagnosis="Worn port"),
        "quote": lambda actor: services.work_order_quote(actor=actor, work_order_id=pk, **quote_arguments()),
        "approve": lambda actor: services.work_order_approve(actor=actor, work_order_id=pk),
        "decline": lambda actor: services.work_order_decline(actor=actor, work_order_id=pk),
        "start_repair": lambda actor: services.work_order_start_repair(actor=actor, work_order_id=pk),
        "part": lambda actor: screen(order, actor),
        "labour": lambda actor: work.labour_add(actor=actor, work_order_id=pk, minutes=20, rate="80"),
        "submit": lambda actor: work.work_order_submit(actor=actor, work_order_id=pk),
        "check": lambda actor: work.quality_check_record(actor=actor, work_order_id=pk, results=all_pass(order)),
        "cancel": lambda actor: services.work_order_cancel(actor=actor, work_order_id=pk, reason="Withdrawn"),
    }[action]


def expected(action: str, actor: str) -> str:
    if actor in RULES[action][1]:
        return "ok"
    return "404" if actor in UNSEEN else "403"


def attempt(call: Callable[[Any], Any], actor: Any) -> str:
    try:
        call(actor)
    except NotFound:
        return "404"
    except PermissionDenied:
        return "403"
    return "ok"


@pytest.mark.parametrize(("action", "actor"), MATRIX, ids=[f"{a}-by-{b}" for a, b in MATRIX])
def test_service_matrix(world: dict[str, Any], action: str, actor: str) -> None:
    state = RULES[action][0]
    order = walk(world, opened(world), state)
    if action == "submit":
        screen(order, world["technician_a"])
    before = snapshot()
    outcome = attempt(action_call(action, order), actor_of(world, actor))
    assert outcome == expected(action, actor)
    if outcome != "ok":
        assert snapshot() == before


@pytest.mark.parametrize("actor", ACTORS)
def test_customer_quotes_are_approved_by_the_customer_only(world: dict[str, Any], actor: str) -> None:
    order = walk(world, opened(world, world["customer_phone"]), "quoted")
    before = snapshot()
    outcome = attempt(lambda user: services.work_order_approve(actor=user, work_order_id=order.pk),
                      actor_of(world, actor))
    unseen = {"anonymous", "other_consumer", "technician_b", "manager_b"}
    assert outcome == ("ok" if actor == "consumer" else "404" if actor in unseen else "403")
    if outcome != "ok":
        assert snapshot() == before


OPENERS = {"clerk_a", "technician_a", "technician_a2", "manager_a"}


@pytest.mark.parametrize("actor", ACTORS)
def test_who_may_open_a_work_order(world: dict[str, Any], actor: str) -> None:
    before = snapshot()
    outcome = attempt(lambda user: services.work_order_open(actor=user, item_id=world["phone"].pk,
                                                            reported_fault="Cracked"), actor_of(world, actor))
    assert outcome == ("ok" if actor in OPENERS else "404" if actor in {"technician_b", "manager_b"} else "403")
    if outcome != "ok":
        assert snapshot() == before


def client_for(world: dict[str, Any], key: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if key != "anonymous":
        client.force_login(world[key], backend=BACKEND)
    return client


PAGE_STATUS = {"anonymous": 302, "consumer": 404, "other_consumer": 404, "technician_b": 404, "manager_b": 404,
               "regulator": 200, "clerk_a": 200, "inspector_a": 200, "manager_a": 200, "technician_a": 200,
               "technician_a2": 200}


@pytest.mark.parametrize("actor", ACTORS)
def test_pages_and_api_answer_by_scope(world: dict[str, Any], actor: str) -> None:
    order = opened(world)
    client = client_for(world, actor)
    assert client.get(f"/repairs/{order.pk}/").status_code == PAGE_STATUS[actor]
    assert client.get(f"/repairs/{order.pk}/print/").status_code == PAGE_STATUS[actor]
    api = client.get(f"/api/v1/repairs/work-orders/{order.pk}").status_code
    assert api == (401 if actor == "anonymous" else PAGE_STATUS[actor])


@pytest.mark.parametrize("actor", ACTORS)
def test_a_diagnosis_posted_by_each_actor(world: dict[str, Any], actor: str) -> None:
    order = opened(world)
    before = snapshot()
    client = client_for(world, actor)
    page = client.post(f"/repairs/{order.pk}/diagnose/", {"diagnose-diagnosis": "Worn port"})
    api = client.post(f"/api/v1/repairs/work-orders/{order.pk}/diagnose", json.dumps({"diagnosis": "Worn port"}),
                      content_type="application/json")
    allowed = actor in RULES["diagnose"][1]
    if actor == "anonymous":
        assert (page.status_code, api.status_code) == (302, 401)
    elif allowed:
        assert page.status_code == 303
    else:
        status = 404 if actor in UNSEEN else 403
        assert (page.status_code, api.status_code) == (status, status)
        assert api.json()["code"] == ("repairs.work_order_not_found" if status == 404 else "repairs.change_forbidden")
    if not allowed:
        assert snapshot() == before
