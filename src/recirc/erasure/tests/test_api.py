"""The erasure API end to end: queue, consent, plan, start, complete, verify by a colleague, certificate, the
public check, samples and re-verification; refusals answer {code, message, errors} and change nothing."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from recirc.erasure import sampling
from recirc.erasure.models import ErasureCertificate
from recirc.erasure.tests.conftest import IMEIS, planned_job, register_device, signed_in, snapshot, verified_job
from recirc.items import facade as items

BASE = "/api/v1/erasure"


def post(client: Client, path: str, payload: dict[str, Any]) -> Any:
    return client.post(BASE + path, payload, content_type="application/json")


def test_the_whole_erasure_through_the_api(world: dict[str, Any]) -> None:
    item = register_device(world)
    technician, inspector = signed_in(world["technician_a"]), signed_in(world["inspector_a"])
    queue = technician.get(BASE + "/queue").json()
    assert (queue["count"], queue["items"][0]["item_code"]) == (1, item.code)
    consent = post(technician, "/consents", {
        "item_id": item.pk, "subject_reference": "form 77", "scope": "internal_storage", "erasure_kind": "software",
        "channel": "in_app", "effect_explained": True})
    assert consent.status_code == 201 and consent.json()["code"].startswith("CN")
    planned = post(technician, "/jobs", {"item_id": item.pk, "consent_id": consent.json()["id"],
                                         "media_type": "flash_embedded"})
    job_id = planned.json()["id"]
    assert (planned.status_code, planned.json()["state"], planned.json()["identifiers"]) == (
        201, "planned", [{"kind": "imei", "value": IMEIS[0]}])
    assert post(technician, f"/jobs/{job_id}/start", {}).json()["state"] == "in_progress"
    refused = post(technician, f"/jobs/{job_id}/complete", {
        "method": "factory_reset", "level": "purge", "tool": "Settings", "tool_version": "17",
        "destination": "resale"})
    assert (refused.status_code, refused.json()["code"], refused.json()["errors"]["method"]) == (
        422, "erasure.invalid", ["A factory reset alone is not an erasure (GB 46864-2025): use overwrite, block "
                                 "erase, cryptographic erase or physical destruction."])
    done = post(technician, f"/jobs/{job_id}/complete", {
        "method": "crypto_erase", "level": "purge", "tool": "Blancco", "tool_version": "5.4", "destination": "resale"})
    assert done.json()["state"] == "erased"
    before = snapshot()
    self_check = post(technician, f"/jobs/{job_id}/verify", {"method": "full_readback", "result": "passed"})
    assert (self_check.status_code, self_check.json()["code"]) == (422, "erasure.verifier_is_operator")
    assert snapshot() == before
    verified = post(inspector, f"/jobs/{job_id}/verify", {"method": "full_readback", "result": "passed"}).json()
    certificate = ErasureCertificate.objects.get()
    assert (verified["state"], verified["certificate_code"], verified["verified_by_id"]) == (
        "verified", certificate.code, world["inspector_a"].pk)
    assert items.item_circulation_blockers(item.pk) == []
    read = technician.get(f"{BASE}/certificates/{certificate.code}").json()
    assert (read["sha256"], read["content"]["erasure"]["method"]) == (certificate.sha256, "crypto_erase")
    public = Client(HTTP_ACCEPT_LANGUAGE="en").get(f"{BASE}/public/certificates/{certificate.code}").json()
    assert (public["status"], public["operator_name"]) == ("valid", "甲回收")
    assert {"label": "Identifiers", "value": "IMEI 49015420******8"} in public["facts"]


def test_samples_and_reverification_through_the_api(world: dict[str, Any]) -> None:
    verified_job(world)
    period = sampling.period_of(timezone.now())
    manager = signed_in(world["manager_a"])
    drawn = post(manager, "/samples", {"operator_id": world["operator_a"].pk, "period": period, "seed": 3})
    assert drawn.status_code == 201
    body = drawn.json()
    assert (body["population"], body["size"], body["seed"], len(body["checks"])) == (1, 1, 3, 1)
    again = post(manager, "/samples", {"operator_id": world["operator_a"].pk, "period": period})
    assert (again.status_code, again.json()["code"]) == (409, "erasure.sample_exists")
    other = post(signed_in(world["manager_b"]), "/samples", {"operator_id": world["operator_a"].pk,
                                                             "period": period})
    assert other.status_code == 404
    check_id = body["checks"][0]["id"]
    refused = post(signed_in(world["technician_a"]), f"/checks/{check_id}", {"method": "full_readback",
                                                                              "result": "passed"})
    assert (refused.status_code, refused.json()["code"]) == (422, "erasure.reverifier_not_independent")
    done = post(manager, f"/checks/{check_id}", {"method": "full_readback", "result": "passed"}).json()
    assert (done["state"], done["reverified_by_id"]) == ("passed", world["manager_a"].pk)


def test_the_job_list_keeps_its_queries_flat(world: dict[str, Any]) -> None:
    client = signed_in(world["manager_a"])
    for number in range(2):
        planned_job(world, register_device(world, imei=IMEIS[number]))
    with CaptureQueriesContext(connection) as two:
        assert client.get(BASE + "/jobs").json()["count"] == 2
    for number in range(2, 6):
        planned_job(world, register_device(world, imei=IMEIS[number]))
    with CaptureQueriesContext(connection) as six:
        assert client.get(BASE + "/jobs").json()["count"] == 6
    assert len(six) == len(two)


def test_other_operators_and_regulators_see_no_jobs(world: dict[str, Any]) -> None:
    planned_job(world)
    assert signed_in(world["technician_b"]).get(BASE + "/jobs").json()["count"] == 0
    refused = signed_in(world["regulator"]).get(BASE + "/jobs")
    assert (refused.status_code, refused.json()["code"]) == (403, "erasure.forbidden")


def test_exports_through_the_api(world: dict[str, Any]) -> None:
    job = verified_job(world)
    client = signed_in(world["manager_a"])
    jobs = client.get(BASE + "/jobs/export", {"state": "verified", "format": "csv"})
    assert (jobs.status_code, jobs["Content-Type"]) == (200, "text/csv; charset=utf-8")
    assert jobs.content.decode("utf-8-sig").splitlines()[1].startswith(f"{job.pk},{job.item_code},")
    certificates = signed_in(world["regulator"]).get(BASE + "/certificates/export", {"format": "xlsx"})
    assert certificates["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert signed_in(world["regulator"]).get(BASE + "/certificates").json()["count"] == 1
