"""The erasure pages: the queue and jobs (filters, search, htmx fragment, exports, query counts), opening a job,
the job's actions, the colleague's verification, certificates (page, print, JSON), the public check, samples."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from recirc.erasure import sampling
from recirc.erasure.certificates import canonical_json
from recirc.erasure.models import ErasureCertificate, ErasureJob, JobState, ReverificationSample
from recirc.erasure.tests.conftest import (
    IMEIS,
    erased_job,
    planned_job,
    register_device,
    signed_in,
    snapshot,
    verified_job,
)
from recirc.items import facade as items


def test_the_queue_lists_waiting_devices_and_finds_them_by_imei(world: dict[str, Any]) -> None:
    waiting = register_device(world, imei=IMEIS[1])
    register_device(world, imei=IMEIS[2])
    planned_job(world)  # has a job: not in the queue
    register_device(world, operator="b", imei=IMEIS[3])  # another operator's
    client = signed_in(world["technician_a"])
    page = client.get(reverse("erasure-list"))
    assert page.status_code == 200
    assert page.content.decode().count('href="/erasure/items/') == 2
    found = client.get(reverse("erasure-list"), {"q": IMEIS[1][:2] + " " + IMEIS[1][2:]}, HTTP_HX_REQUEST="true")
    body = found.content.decode()
    assert "<html" not in body and waiting.code in body and body.count("Consent and plan") == 1


def test_the_queue_page_queries_stay_flat(world: dict[str, Any]) -> None:
    for number in range(3):
        register_device(world, imei=IMEIS[number])
    client = signed_in(world["technician_a"])
    with CaptureQueriesContext(connection) as three:
        client.get(reverse("erasure-list"))
    for number in range(3, 6):
        register_device(world, imei=IMEIS[number])
    with CaptureQueriesContext(connection) as six:
        client.get(reverse("erasure-list"))
    # per row shown: its passport (item, identifiers) and its other holds; nothing else grows with the queue
    assert len(six) - len(three) == 3 * 3


def test_the_jobs_list_filters_and_exports(world: dict[str, Any]) -> None:
    verified = verified_job(world, register_device(world, imei=IMEIS[1]))
    open_job = planned_job(world, register_device(world, imei=IMEIS[2]))
    client = signed_in(world["manager_a"])
    listed = client.get(reverse("erasure-list"), {"tab": "open"}).content.decode()
    assert reverse("erasure-job", args=[open_job.pk]) in listed
    assert reverse("erasure-job", args=[verified.pk]) not in listed
    exported = client.get(reverse("erasure-export"), {"tab": "verified", "format": "csv"})
    lines = exported.content.decode("utf-8-sig").splitlines()
    assert exported["Content-Type"] == "text/csv; charset=utf-8"
    assert lines[0].startswith("job_id,item_code,category,make,model,identifiers,media_type")
    assert len(lines) == 2 and lines[1].startswith(f"{verified.pk},{verified.item_code},mobile-phones,Apple")
    workbook = load_workbook(io.BytesIO(client.get(reverse("erasure-export"), {"tab": "all", "format": "xlsx"})
                                        .content))
    assert [row[0] for row in workbook.active.iter_rows(values_only=True)] == ["job_id", open_job.pk, verified.pk]


def test_opening_a_job_through_the_form(world: dict[str, Any]) -> None:
    item = register_device(world)
    client = signed_in(world["technician_a"])
    form = client.get(reverse("erasure-open", args=[item.pk]))
    assert form.status_code == 200 and "Tell the owner before they consent" in form.content.decode()
    refused = client.post(reverse("erasure-open", args=[item.pk]), {
        "subject_reference": "13812345678", "channel": "signed_form", "scope": "internal_storage",
        "erasure_kind": "software", "text_version": "2026-01", "media_type": "flash_embedded"})
    assert refused.status_code == 422
    assert "Tell the owner the effect first" in refused.content.decode()
    assert ErasureJob.objects.count() == 0
    done = client.post(reverse("erasure-open", args=[item.pk]), {
        "subject_reference": "form 2026-118", "channel": "staff_witnessed", "scope": "internal_storage",
        "erasure_kind": "software", "effect_explained": "on", "text_version": "2026-01", "media_type": "flash_embedded",
        "given_at": (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")})
    job = ErasureJob.objects.get()
    assert (done.status_code, done["Location"]) == (303, reverse("erasure-job", args=[job.pk]))
    assert client.get(reverse("erasure-open", args=[item.pk]))["Location"] == reverse("erasure-job", args=[job.pk])


def test_the_job_page_walks_through_start_complete_and_verification(world: dict[str, Any]) -> None:
    job = planned_job(world)
    technician, inspector = signed_in(world["technician_a"]), signed_in(world["inspector_a"])
    assert "Start erasure" in technician.get(reverse("erasure-job", args=[job.pk])).content.decode()
    assert technician.post(reverse("erasure-job-start", args=[job.pk]), {}).status_code == 303
    refused = technician.post(reverse("erasure-job-complete", args=[job.pk]), {
        "method": "overwrite", "level": "purge", "tool": "", "tool_version": "", "destination": "resale"})
    assert refused.status_code == 422 and "On flash memory an overwrite cannot reach every cell" in \
        refused.content.decode() and ErasureJob.objects.get().state == JobState.IN_PROGRESS
    assert technician.post(reverse("erasure-job-complete", args=[job.pk]), {
        "method": "block_erase", "level": "purge", "tool": "NIST Purge Tool", "tool_version": "2.1",
        "destination": "export"}).status_code == 303
    page = technician.get(reverse("erasure-job", args=[job.pk])).content.decode()
    assert "you erased this device, so you may not verify it" in page
    self_check = technician.post(reverse("erasure-job-verify", args=[job.pk]), {
        "method": "full_readback", "result": "passed"})
    assert self_check.status_code == 422
    assert "must be verified by a different person" in self_check.content.decode()
    verified = inspector.post(reverse("erasure-job-verify", args=[job.pk]), {
        "method": "full_readback", "result": "passed"})
    certificate = ErasureCertificate.objects.get()
    assert (verified.status_code, ErasureJob.objects.get().state) == (303, JobState.VERIFIED)
    assert certificate.code in inspector.get(reverse("erasure-job", args=[job.pk])).content.decode()


def test_failing_and_planning_again_from_the_page(world: dict[str, Any]) -> None:
    job = planned_job(world)
    client = signed_in(world["technician_a"])
    client.post(reverse("erasure-job-start", args=[job.pk]), {})
    assert client.post(reverse("erasure-job-fail", args=[job.pk]), {"reason": ""}).status_code == 422
    assert client.post(reverse("erasure-job-fail", args=[job.pk]), {"reason": "工具中断"}).status_code == 303
    assert client.post(reverse("erasure-job-replan", args=[job.pk]), {"consent": "", "media_type": ""}
                       ).status_code == 303
    page = client.get(reverse("erasure-job", args=[job.pk])).content.decode()
    assert "Earlier attempts" in page and "工具中断" in page and ErasureJob.objects.get().attempt == 2


def test_the_certificate_pages(world: dict[str, Any]) -> None:
    verified_job(world)
    certificate = ErasureCertificate.objects.get()
    client = signed_in(world["technician_a"])
    page = client.get(reverse("erasure-certificate", args=[certificate.code])).content.decode()
    assert certificate.sha256 in page and "<svg" in page and IMEIS[0] in page and "李质检" in page
    printed = client.get(reverse("erasure-certificate-print", args=[certificate.code])).content.decode()
    assert "Certificate of data erasure" in printed and "<svg" in printed and 'class="topbar"' not in printed
    downloaded = client.get(reverse("erasure-certificate-json", args=[certificate.code]))
    assert downloaded.content.decode() == canonical_json(certificate.content)
    listed = signed_in(world["regulator"]).get(reverse("erasure-certificates")).content.decode()
    assert certificate.code in listed


def test_the_public_check_needs_no_sign_in(world: dict[str, Any]) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    verified_job(world)
    certificate = ErasureCertificate.objects.get()
    page = client.get(reverse("erasure-verify-public", args=[certificate.code.lower()]))
    body = page.content.decode()
    assert page.status_code == 200 and "is valid" in body and "49015420******8" in body
    assert IMEIS[0] not in body and "张维修" not in body and "李质检" not in body
    assert client.get(reverse("erasure-verify-lookup"), {"code": certificate.code})["Location"] == reverse(
        "erasure-verify-public", args=[certificate.code])
    missing = client.get(reverse("erasure-verify-public", args=["EC0000000000"]))
    assert missing.status_code == 404 and "No erasure certificate has this number" in missing.content.decode()
    assert client.get(reverse("erasure-verify-public", args=[certificate.code]), {"format": "json"}).json() == {
        "code": certificate.code, "status": "valid", "sha256": certificate.sha256,
        "issued_at": certificate.issued_at.isoformat()}


def test_drawing_and_recording_a_sample_from_the_pages(world: dict[str, Any]) -> None:
    verified_job(world)
    manager = signed_in(world["manager_a"])
    period = sampling.period_of(timezone.now())
    drawn = manager.post(reverse("erasure-samples"), {"operator": world["operator_a"].pk, "period": period})
    sample = ReverificationSample.objects.get()
    assert (drawn.status_code, drawn["Location"]) == (303, reverse("erasure-sample", args=[sample.pk]))
    check = sample.checks.get()
    operator_view = signed_in(world["technician_a"]).get(reverse("erasure-sample", args=[sample.pk])).content.decode()
    assert "You erased or verified this device" in operator_view
    before = snapshot()
    refused = signed_in(world["inspector_a"]).post(reverse("erasure-check-record", args=[sample.pk, check.pk]), {
        f"check{check.pk}-method": "full_readback", f"check{check.pk}-result": "passed"})
    assert refused.status_code == 422 and snapshot() == before
    recorded = signed_in(world["technician_a2"]).post(reverse("erasure-check-record", args=[sample.pk, check.pk]), {
        f"check{check.pk}-method": "full_readback", f"check{check.pk}-result": "failed",
        f"check{check.pk}-note": "读出残留数据"})
    assert recorded.status_code == 303
    assert items.erasure_gate_is_open(check.job.item_id)
    assert "Draw the sample" in manager.get(reverse("erasure-samples")).content.decode()


def test_pages_in_chinese(world: dict[str, Any]) -> None:
    """The pages render in the default language (the lead's catalogue supplies the translations)."""
    job = erased_job(world)
    client = signed_in(world["inspector_a"])
    client.cookies["django_language"] = "zh-hans"
    page = client.get(reverse("erasure-job-verify", args=[job.pk]))
    assert page.status_code == 200 and '<html lang="zh-hans">' in page.content.decode()


@pytest.mark.parametrize("name", ["erasure-list", "erasure-certificates", "erasure-samples"])
def test_pages_send_anonymous_visitors_to_sign_in(client: Any, name: str) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
