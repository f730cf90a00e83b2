"""Exports: CSV, XLSX, JSON and the police batch (one JSON object per line, every key present). Personal values
are revealed (and each reveal logged) only for public security and the operator's own manager."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from recirc.acquisitions.records import FORMAT, KEYS
from recirc.acquisitions.retention import register_retention
from recirc.acquisitions.tests.factories import ADDRESS, LEGAL_NAME, RESIDENT_ID, jacket, organisation, record
from recirc.core.models import AuditEvent
from recirc.privacy.models import RevealLog

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def entries(world: dict[str, Any]) -> list[Any]:
    return [record(world["clerk_a"], world["outlet_a"]), record(world["clerk_a"], world["outlet_a"],
                                                                seller=organisation()),
            record(world["clerk_b"], world["outlet_b"])]


def download(user: Any, export_format: str, **params: str) -> Any:
    client = Client()
    client.force_login(user, backend=BACKEND)
    response = client.get(reverse("register-export"), {"format": export_format, **params})
    assert response.status_code == 200, response.content[:300]
    return response


def batch(response: Any) -> list[dict[str, Any]]:
    return [json.loads(line) for line in response.content.decode("utf-8").splitlines()]


def test_the_police_batch_has_every_key_and_reveals_personal_values_to_the_police(
        world: dict[str, Any], entries: list[Any]) -> None:
    response = download(world["police"], "police")

    lines = batch(response)
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    assert [line["entry_id"] for line in lines] == [entry.pk for entry in sorted(
        entries, key=lambda entry: (entry.outlet_id, entry.sequence))]
    assert all(list(line) == ["format", *KEYS] and line["format"] == FORMAT for line in lines)
    first = next(line for line in lines if line["entry_id"] == entries[0].pk)
    assert (first["seller_name"], first["seller_document_number"], first["seller_address"]) == (
        LEGAL_NAME, RESIDENT_ID, ADDRESS)
    assert (first["seller_phone"], first["personal_data"], first["imei"]) == ("+8613812345678", "revealed",
                                                                              ["490154203237518"])
    assert (first["organisation_name"], first["handler_name"], first["price_paid"]) == (None, None, "2100.00")
    assert first["chain_sequence"] == 1 and first["entry_hash"] == entries[0].entry_hash
    organisation_line = next(line for line in lines if line["entry_id"] == entries[1].pk)
    assert (organisation_line["handler_document_number"], organisation_line["seller_document_number"]) == (
        "360426199101010071", None)
    # every reveal is logged with the police purpose, and the export itself is audited
    assert set(RevealLog.objects.values_list("purpose", flat=True)) == {"police_request"}
    assert RevealLog.objects.filter(actor=world["police"]).count() == 4 + 2 + 4
    audit = AuditEvent.objects.get(action="acquisitions.exported")
    assert (audit.payload["format"], audit.payload["entries"], audit.payload["personal_data"]) == (
        "police", 3, "revealed")


def test_the_operators_manager_sees_own_personal_values_for_the_register_duty(
        world: dict[str, Any], entries: list[Any]) -> None:
    lines = batch(download(world["manager_a"], "police"))
    assert [line["entry_id"] for line in lines] == [entries[0].pk, entries[1].pk]
    assert lines[0]["seller_document_number"] == RESIDENT_ID
    assert set(RevealLog.objects.values_list("purpose", flat=True)) == {"acquisition_register"}


@pytest.mark.parametrize("who", ["clerk_a", "regulator"])
def test_everyone_else_gets_masked_values(world: dict[str, Any], entries: list[Any], who: str) -> None:
    lines = batch(download(world[who], "police"))
    first = next(line for line in lines if line["entry_id"] == entries[0].pk)
    assert (first["seller_document_number"], first["seller_name"], first["personal_data"]) == (
        "110105********002X", "张**", "masked")
    assert RESIDENT_ID not in json.dumps(lines, ensure_ascii=False)
    assert RevealLog.objects.count() == 0
    assert AuditEvent.objects.get(action="acquisitions.exported").payload["personal_data"] == "masked"


def test_csv_xlsx_and_json_are_masked_unless_asked(world: dict[str, Any], entries: list[Any]) -> None:
    rows = list(csv.reader(io.StringIO(download(world["police"], "csv").content.decode("utf-8-sig"))))
    assert rows[0] == list(KEYS) and len(rows) == 4
    assert rows[1][KEYS.index("seller_document_number")] == "110105********002X"
    workbook = load_workbook(io.BytesIO(download(world["police"], "xlsx").content))
    sheet = workbook["register"]
    assert [cell.value for cell in sheet[1]] == list(KEYS) and sheet.max_row == 4
    document = json.loads(download(world["police"], "json", outlet=str(world["outlet_b"].pk)).content)
    assert (document["format"], document["count"], document["personal_data"]) == (FORMAT, 1, "masked")
    assert RevealLog.objects.count() == 0
    revealed = json.loads(download(world["police"], "json", outlet=str(world["outlet_b"].pk), personal="1").content)
    assert revealed["entries"][0]["seller_document_number"] == RESIDENT_ID


def test_after_retention_the_batch_says_erased(world: dict[str, Any], entries: list[Any]) -> None:
    register_retention(now=timezone.now() + dt.timedelta(days=4 * 365))
    lines = batch(download(world["police"], "police"))
    assert {line["personal_data"] for line in lines} == {"erased"}
    assert lines[0]["seller_document_number"] == "110105********002X"
    assert RevealLog.objects.count() == 0


def test_spreadsheet_formulas_are_neutralised(world: dict[str, Any]) -> None:
    record(world["clerk_a"], world["outlet_a"], article=jacket(title="=HYPERLINK(\"http://x\")"))
    rows = list(csv.reader(io.StringIO(download(world["clerk_a"], "csv").content.decode("utf-8-sig"))))
    assert rows[1][KEYS.index("title")] == "'=HYPERLINK(\"http://x\")"
