"""The supervision API: the permission matrix (anonymous 401, wrong role 403, someone else's case 404, right
role 2xx) with nothing changed on refusal; statistics tables; submissions as JSON and as files; documents."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from recirc.supervision import cases
from recirc.supervision.models import Case, PilotGoal, Submission, TransactionRecord
from recirc.supervision.refresh import rollups_refresh
from recirc.supervision.tests.conftest import snapshot, transaction_row

BASE = "/api/v1/supervision"
BACKEND = "django.contrib.auth.backends.ModelBackend"
GOAL = {"title": "交易额增长40%", "region_code": "330100", "measure": "transaction_value",
        "target_growth_percent": "40"}


def client_for(world: dict[str, Any], key: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if key != "anonymous":
        client.force_login(world[key], backend=BACKEND)
    return client


def post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(("user", "status"), [("anonymous", 401), ("police", 403), ("supervision", 403),
                                              ("manager_a", 403), ("consumer", 403), ("regulator", 200),
                                              ("admin", 200)])
def test_statistics_are_for_the_commerce_authority(world: dict[str, Any], user: str, status: int) -> None:
    response = client_for(world, user).get(f"{BASE}/statistics/trend", {"from": "2025-01", "to": "2025-02"})
    assert response.status_code == status
    if status == 200:
        assert [row["month"] for row in response.json()["rows"]] == ["2025-01", "2025-02"]


@pytest.mark.parametrize(("user", "status"), [("anonymous", 401), ("police", 403), ("manager_a", 403),
                                              ("regulator", 201), ("admin", 201)])
def test_goals_are_kept_by_the_commerce_authority(world: dict[str, Any], user: str, status: int) -> None:
    before = snapshot()
    response = post(client_for(world, user), f"{BASE}/goals", GOAL)
    assert response.status_code == status
    if status == 201:
        assert (response.json()["title"], PilotGoal.objects.count()) == ("交易额增长40%", 1)
    else:
        assert snapshot() == before


@pytest.mark.parametrize(("user", "status"), [("anonymous", 401), ("regulator", 403), ("police", 403),
                                              ("clerk_a", 403), ("manager_a", 201)])
def test_submissions_are_for_the_operators_manager(world: dict[str, Any], user: str, status: int) -> None:
    before = snapshot()
    response = post(client_for(world, user), f"{BASE}/submissions/transactions",
                    {"rows": [transaction_row("T-1", amount="99.9")]})
    assert response.status_code == status
    if status == 201:
        assert (response.json()["rows_created"], str(TransactionRecord.objects.get().amount)) == (1, "99.90")
    else:
        assert snapshot() == before


def test_json_rows_are_reported_by_row_number(world: dict[str, Any]) -> None:
    response = post(client_for(world, "manager_a"), f"{BASE}/submissions/transactions",
                    {"rows": [transaction_row("T-1"), {**transaction_row("T-2"), "colour": "red", "amount": "x"}]})
    assert response.status_code == 422
    assert response.json()["code"] == "supervision.submission_invalid"
    assert response.json()["errors"]["rows"] == [
        "Row 2: unknown fields: colour; amount: Enter an amount of money such as 1299.00."]
    assert Submission.objects.count() == 0


def test_files_are_accepted_as_csv_and_xlsx(world: dict[str, Any]) -> None:
    client = client_for(world, "manager_a")
    csv_file = ("记录编号,交易时间,区县代码,品类代码,渠道,交易方式,成交金额\n"
                "C-1,2025-03-08 10:00,330106,mobile-phones,门店,销售,1200\n").encode("gb18030")
    response = client.post(f"{BASE}/submissions/transactions/file",
                           {"file": SimpleUploadedFile("rows.csv", csv_file, content_type="text/csv")})
    assert (response.status_code, response.json()["rows_created"]) == (201, 1)
    workbook = Workbook()
    workbook.active.append(["key", "acquired_at", "district_code", "category_code", "kind", "amount"])
    workbook.active.append(["Q-1", "2025-03-08 10:00", "330106", "books", "purchase", "5"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = client.post(f"{BASE}/submissions/acquisitions/file",
                           {"file": SimpleUploadedFile("rows.xlsx", buffer.getvalue())})
    assert (response.status_code, response.json()["kind"]) == (201, "acquisitions")
    listed = client.get(f"{BASE}/submissions").json()
    assert [item["kind"] for item in listed["items"]] == ["acquisitions", "transactions"]


def test_the_schemas_and_the_green_figures_are_public(world: dict[str, Any]) -> None:
    anonymous = client_for(world, "anonymous")
    schema = anonymous.get(f"{BASE}/schemas/transactions").json()
    assert schema["properties"]["rows"]["items"]["required"] == [
        "key", "occurred_at", "district_code", "category_code", "channel", "method", "amount"]
    assert schema["properties"]["rows"]["items"]["properties"]["method"]["enum"] == [
        "sale", "auction", "rental", "consignment", "buy_back", "swap"]
    assert anonymous.get(f"{BASE}/schemas/nothing").status_code == 404
    assert anonymous.get(f"{BASE}/green").json()["slug"] == "green"


@pytest.mark.parametrize(("user", "status"), [("anonymous", 401), ("regulator", 403), ("manager_a", 403),
                                              ("police", 404), ("supervision", 200), ("admin", 200)])
def test_a_case_is_seen_by_its_authorities_only(world: dict[str, Any], user: str, status: int) -> None:
    case = cases.case_open(actor=world["supervision"], kind="smuggling", title="走私手机")
    assert client_for(world, user).get(f"{BASE}/cases/{case.pk}").status_code == status


@pytest.mark.parametrize(("user", "status"), [("anonymous", 401), ("regulator", 403), ("police", 404),
                                              ("supervision", 200)])
def test_only_the_holder_moves_a_case(world: dict[str, Any], user: str, status: int) -> None:
    case = cases.case_open(actor=world["supervision"], kind="smuggling", title="走私手机")
    before = snapshot()
    response = client_for(world, user).post(f"{BASE}/cases/{case.pk}/take-up")
    assert response.status_code == status
    if status == 200:
        assert (response.json()["status"], [event["kind"] for event in response.json()["events"]]) == (
            "investigating", ["opened", "taken_up"])
    else:
        assert snapshot() == before


def test_cases_through_the_api(world: dict[str, Any]) -> None:
    supervision, police = client_for(world, "supervision"), client_for(world, "police")
    created = post(supervision, f"{BASE}/cases", {"kind": "stolen_goods", "title": "疑似赃物",
                                                  "summary": "同一人多次寄卖"})
    assert created.status_code == 201
    case_id = created.json()["id"]
    assert post(supervision, f"{BASE}/cases/{case_id}/refer", {"to_authority": "police", "reason": "移送"}
                ).json()["status"] == "referred"
    assert police.post(f"{BASE}/cases/{case_id}/accept").json()["authority"] == "police"
    assert post(police, f"{BASE}/cases/{case_id}/evidence", {"description": "登记记录", "record_ref": "P123"}
                ).status_code == 201
    closed = post(police, f"{BASE}/cases/{case_id}/close", {"outcome": "bogus", "note": "x"})
    assert (closed.status_code, closed.json()["code"]) == (422, "supervision.case_invalid")
    export = police.get(f"{BASE}/cases/{case_id}/export")
    assert (export.status_code, export["Content-Type"]) == (200, "application/zip")
    assert supervision.get(f"{BASE}/cases", {"status": "investigating"}).json()["count"] == 1
    assert Case.objects.get().status == "investigating"


def test_reports_through_the_api(world: dict[str, Any]) -> None:
    rollups_refresh()
    regulator = client_for(world, "regulator")
    created = post(regulator, f"{BASE}/reports", {"title": "实施方案", "region_code": "330100"})
    assert created.status_code == 201
    report_id = created.json()["id"]
    updated = regulator.put(f"{BASE}/reports/{report_id}", json.dumps({"support_measures": "专项资金"}),
                            content_type="application/json")
    assert updated.json()["support_measures"] == "专项资金"
    assert regulator.post(f"{BASE}/reports/{report_id}/finalise").json()["status"] == "final"
    document = regulator.get(f"{BASE}/reports/{report_id}/document", {"kind": "docx"})
    assert document["Content-Type"].endswith("wordprocessingml.document")
    assert document.content[:2] == b"PK"
    assert client_for(world, "police").get(f"{BASE}/reports/{report_id}/document").status_code == 403


def test_list_endpoints_keep_a_constant_query_count(world: dict[str, Any]) -> None:
    supervision = client_for(world, "supervision")

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert supervision.get(url).status_code == 200
        return len(captured.captured_queries)

    cases.case_open(actor=world["supervision"], kind="other", title="一")
    one = queries(f"{BASE}/cases")
    for title in ("二", "三", "四"):
        cases.case_open(actor=world["supervision"], kind="other", title=title)
    assert queries(f"{BASE}/cases") == one
