"""Reports: the hash over the canonical JSON, tamper detection (any edit of the stored document or hash),
the canonical form itself, report codes, and reports travelling with the item to a later owner."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest

from recirc.inspection import facade, selectors, services
from recirc.inspection.errors import ReportNotFound
from recirc.inspection.models import InspectionReport
from recirc.inspection.reports import canonical_json, report_code_normalise
from recirc.inspection.tests.factories import PHONE_OK, phone
from recirc.items.models import Item


@pytest.fixture
def report(world: dict[str, Any]) -> InspectionReport:
    item = phone(world["clerk_a"], world["operator_a"])
    return services.inspection_complete(actor=world["inspector_a"], item_id=item.id, answers=PHONE_OK).report


def test_anyone_can_recompute_the_hash_of_a_downloaded_report(report: InspectionReport) -> None:
    downloaded = json.loads(json.dumps(report.payload))
    text = json.dumps(downloaded, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == report.sha256
    assert canonical_json({"b": 1, "a": "质检"}) == '{"a":"质检","b":1}'.encode()


def test_an_untouched_report_verifies(report: InspectionReport) -> None:
    verification = facade.report_verify(report.code.lower())
    assert (verification.intact, verification.computed_sha256) == (True, report.sha256)


@pytest.mark.parametrize("tamper", [
    lambda payload: payload["grades"][0].update(grade="A+"),
    lambda payload: payload["answers"][4].update(answer=100),
    lambda payload: payload["findings"].append({"item": "screen"}),
    lambda payload: payload.update(outcome="refused"),
    lambda payload: payload["item"].update(passport_code="X"),
])
def test_any_edit_of_the_stored_document_is_detected(report: InspectionReport, tamper: Any) -> None:
    payload = json.loads(json.dumps(report.payload))
    tamper(payload)
    InspectionReport.objects.filter(pk=report.pk).update(payload=payload)
    verification = facade.report_verify(report.code)
    assert (verification.intact, verification.stored_sha256) == (False, report.sha256)


def test_replacing_the_stored_hash_is_detected(report: InspectionReport) -> None:
    InspectionReport.objects.filter(pk=report.pk).update(sha256="f" * 64)
    assert facade.report_verify(report.code).intact is False


def test_report_codes_forgive_reading_mistakes(report: InspectionReport) -> None:
    sloppy = report.code.lower().replace("0", "o").replace("1", "l")
    assert report_code_normalise(f" {sloppy[:6]}-{sloppy[6:]} ") == report.code
    with pytest.raises(ReportNotFound):
        selectors.report_public("IR0000000000")


def test_the_report_travels_with_the_item_to_its_next_owner(world: dict[str, Any], report: InspectionReport) -> None:
    item_id = report.inspection.item_id
    with pytest.raises(ReportNotFound):
        selectors.report_get(world["inspector_b"], report.code)
    Item.objects.filter(pk=item_id).update(owner_operator=world["operator_b"], outlet=None)  # sold on to operator B
    assert [found.code for found in selectors.reports_for_item(world["inspector_b"], item_id)] == [report.code]
    assert selectors.report_get(world["inspector_b"], report.code).pk == report.pk
    assert selectors.report_get(world["inspector_a"], report.code).pk == report.pk  # the inspecting operator keeps it
    assert facade.latest_report_for_item(item_id).code == report.code
