"""Who may do what, through the services, the pages and the API: anonymous users, a consumer, a clerk (consent
only), another operator's technician (404), the regulators (certificates only), the police, and the right
staff. Every refusal leaves everything as it was."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from recirc.core.errors import DomainError
from recirc.erasure import sampling, services, verification
from recirc.erasure.models import ErasureCertificate
from recirc.erasure.tests.conftest import (
    IMEIS,
    completion_input,
    consent_input,
    erased_job,
    planned_job,
    register_device,
    signed_in,
    snapshot,
    verified_job,
)

PERIOD = sampling.period_of(timezone.now())


def scene(world: dict[str, Any]) -> dict[str, Any]:
    """A waiting device, a planned job, a started job, an erased job, a failed job and a drawn check."""
    waiting = register_device(world, imei=IMEIS[1])
    planned = planned_job(world, register_device(world, imei=IMEIS[2]))
    started = planned_job(world, register_device(world, imei=IMEIS[3]))
    services.job_start(actor=world["technician_a"], job_id=started.pk)
    erased = erased_job(world, register_device(world, imei=IMEIS[4]))
    failed = planned_job(world, register_device(world, imei=IMEIS[5]))
    services.job_start(actor=world["technician_a"], job_id=failed.pk)
    services.job_fail(actor=world["technician_a"], job_id=failed.pk, reason="tool stopped")
    verified_job(world, register_device(world, imei=IMEIS[6]))
    sample = sampling.sample_draw(actor=None, operator_id=world["operator_a"].pk, period=PERIOD)
    return {"waiting": waiting, "planned": planned, "started": started, "erased": erased, "failed": failed,
            "check": sample.checks.get()}


def calls(world: dict[str, Any], objects: dict[str, Any]) -> dict[str, Callable[[Any], Any]]:
    return {
        "consent": lambda actor: services.consent_record(actor=actor, item_id=objects["waiting"].pk,
                                                         data=consent_input()),
        "open": lambda actor: services.job_open(actor=actor, item_id=objects["waiting"].pk, consent=consent_input(),
                                                media_type="flash_embedded"),
        "start": lambda actor: services.job_start(actor=actor, job_id=objects["planned"].pk),
        "complete": lambda actor: services.job_complete(actor=actor, job_id=objects["started"].pk,
                                                        data=completion_input()),
        "fail": lambda actor: services.job_fail(actor=actor, job_id=objects["started"].pk, reason="x"),
        "verify": lambda actor: verification.job_verify(actor=actor, job_id=objects["erased"].pk,
                                                        method="full_readback", result="passed"),
        "replan": lambda actor: services.job_replan(actor=actor, job_id=objects["failed"].pk),
        "draw": lambda actor: sampling.sample_draw(actor=actor, operator_id=world["operator_a"].pk,
                                                   period="2026-01"),
        "reverify": lambda actor: sampling.check_record(actor=actor, check_id=objects["check"].pk,
                                                        method="full_readback", result="passed"),
    }


ACTIONS = ["consent", "open", "start", "complete", "fail", "verify", "replan", "draw", "reverify"]
ACTORS = ["anonymous", "consumer", "clerk_a", "technician_a2", "inspector_a", "manager_a", "technician_b",
          "manager_b", "regulator", "supervision", "police", "admin"]
OUTSIDERS = {"anonymous": 403, "consumer": 403, "regulator": 403, "supervision": 403, "police": 403, "admin": 403}
# The status each actor gets (None: allowed). Operator A's technician_a started and erased the jobs and
# inspector_a verified the drawn one; operator B's staff answer 404 wherever their role would be allowed.
EXPECTED: dict[str, dict[str, int | None]] = {
    "consent": {**OUTSIDERS, "clerk_a": None, "technician_a2": None, "inspector_a": None, "manager_a": None,
                "technician_b": 404, "manager_b": 404},
    "open": {**OUTSIDERS, "clerk_a": 403, "technician_a2": None, "inspector_a": None, "manager_a": 403,
             "technician_b": 404, "manager_b": 403},
    "start": {**OUTSIDERS, "clerk_a": 403, "technician_a2": None, "inspector_a": None, "manager_a": 403,
              "technician_b": 404, "manager_b": 403},
    "complete": {**OUTSIDERS, "clerk_a": 403, "technician_a2": 403, "inspector_a": 403, "manager_a": 403,
                 "technician_b": 404, "manager_b": 403},
    "fail": {**OUTSIDERS, "clerk_a": 403, "technician_a2": 403, "inspector_a": 403, "manager_a": 403,
             "technician_b": 404, "manager_b": 403},
    "verify": {**OUTSIDERS, "clerk_a": 403, "technician_a2": None, "inspector_a": None, "manager_a": None,
               "technician_b": 404, "manager_b": 404},
    "replan": {**OUTSIDERS, "clerk_a": 403, "technician_a2": None, "inspector_a": None, "manager_a": 403,
               "technician_b": 404, "manager_b": 403},
    "draw": {**OUTSIDERS, "clerk_a": 403, "technician_a2": 403, "inspector_a": 403, "manager_a": None,
             "technician_b": 403, "manager_b": 404},
    "reverify": {**OUTSIDERS, "clerk_a": 403, "technician_a2": None, "inspector_a": 422, "manager_a": None,
                 "technician_b": 404, "manager_b": 404},
}


def actor_of(world: dict[str, Any], key: str) -> Any:
    return AnonymousUser() if key == "anonymous" else world[key]


@pytest.mark.parametrize("action", ACTIONS)
def test_the_permission_matrix_of_the_services(world: dict[str, Any], action: str) -> None:
    objects = scene(world)
    seen = {}
    for key in ACTORS:
        if EXPECTED[action][key] is None:
            continue
        before = snapshot()
        with pytest.raises(DomainError) as caught:
            calls(world, objects)[action](actor_of(world, key))
        seen[key] = caught.value.status
        assert snapshot() == before, key
    assert seen == {key: status for key, status in EXPECTED[action].items() if status is not None}


@pytest.mark.parametrize(("action", "key"), [(action, key) for action in ACTIONS for key in ACTORS
                                             if EXPECTED[action][key] is None])
def test_the_right_people_get_through(world: dict[str, Any], action: str, key: str) -> None:
    objects = scene(world)
    if action == "draw":
        ErasureCertificate.objects.update(issued_at=timezone.make_aware(dt.datetime(2026, 1, 15)))
    before = snapshot()
    calls(world, objects)[action](world[key])
    assert snapshot() != before


@pytest.mark.parametrize("action", ["complete", "fail"])
def test_the_operator_completes_and_records_failures(world: dict[str, Any], action: str) -> None:
    objects = scene(world)
    calls(world, objects)[action](world["technician_a"])
    assert objects["started"].__class__.objects.get(pk=objects["started"].pk).state == (
        "erased" if action == "complete" else "failed")


PAGES = ["erasure-list", "erasure-certificates", "erasure-samples"]


@pytest.mark.parametrize(("key", "statuses"), [
    ("consumer", {"erasure-list": 403, "erasure-certificates": 403, "erasure-samples": 403}),
    ("police", {"erasure-list": 403, "erasure-certificates": 403, "erasure-samples": 403}),
    ("admin", {"erasure-list": 403, "erasure-certificates": 403, "erasure-samples": 403}),
    ("regulator", {"erasure-list": 302, "erasure-certificates": 200, "erasure-samples": 403}),
    ("supervision", {"erasure-list": 302, "erasure-certificates": 200, "erasure-samples": 403}),
    ("clerk_a", {"erasure-list": 200, "erasure-certificates": 200, "erasure-samples": 200}),
    ("technician_b", {"erasure-list": 200, "erasure-certificates": 200, "erasure-samples": 200}),
])
def test_who_opens_the_pages(world: dict[str, Any], key: str, statuses: dict[str, int]) -> None:
    client = signed_in(world[key])
    assert {name: client.get(reverse(name)).status_code for name in PAGES} == statuses


def test_another_operators_records_answer_404(world: dict[str, Any]) -> None:
    objects = scene(world)
    certificate = ErasureCertificate.objects.get()
    client = signed_in(world["technician_b"])
    before = snapshot()
    urls = [reverse("erasure-job", args=[objects["planned"].pk]), reverse("erasure-open", args=[objects["waiting"].pk]),
            reverse("erasure-certificate", args=[certificate.code]),
            reverse("erasure-sample", args=[objects["check"].sample_id])]
    assert [client.get(url).status_code for url in urls] == [404, 404, 404, 404]
    posts = [reverse("erasure-job-start", args=[objects["planned"].pk]),
             reverse("erasure-job-verify", args=[objects["erased"].pk])]
    assert [client.post(url, {"method": "full_readback", "result": "passed"}).status_code for url in posts] == [404,
                                                                                                                404]
    listed = client.get(reverse("erasure-list"), {"tab": "all"}).content.decode()
    assert objects["planned"].item_code not in listed
    assert snapshot() == before


def test_regulators_read_certificates_but_change_nothing(world: dict[str, Any]) -> None:
    objects = scene(world)
    certificate = ErasureCertificate.objects.get()
    client = signed_in(world["supervision"])
    assert client.get(reverse("erasure-certificate", args=[certificate.code])).status_code == 200
    assert client.get(reverse("erasure-certificate-print", args=[certificate.code])).status_code == 200
    before = snapshot()
    assert client.get(reverse("erasure-job", args=[objects["planned"].pk])).status_code == 404
    assert client.post(reverse("erasure-job-verify", args=[objects["erased"].pk]),
                       {"method": "full_readback", "result": "passed"}).status_code == 403
    assert snapshot() == before


def test_anonymous_api_calls_are_refused(world: dict[str, Any]) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert client.get("/api/v1/erasure/jobs").status_code == 401
    assert client.post("/api/v1/erasure/consents", {}, content_type="application/json").status_code == 401
