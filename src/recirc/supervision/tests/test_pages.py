"""The supervision pages: who may open them, the dashboard's tabs, filters, htmx fragments and downloads, goals,
the report, cases with their actions, submissions by upload, and the public green-impact page."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from recirc.supervision import cases
from recirc.supervision.models import Case, PilotGoal, PlanReport, Submission
from recirc.supervision.refresh import rollups_refresh
from recirc.supervision.submissions import submission_record
from recirc.supervision.tests.conftest import numbered, snapshot, transaction_row

BACKEND = "django.contrib.auth.backends.ModelBackend"


def client_for(world: dict[str, Any], key: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if key != "anonymous":
        client.force_login(world[key], backend=BACKEND)
    return client


@pytest.fixture
def data(world: dict[str, Any]) -> dict[str, Any]:
    rows = [transaction_row(f"T-{n}", occurred_at=f"2025-0{1 + n % 3}-10 10:00", amount="100") for n in range(9)]
    submission_record(actor=world["manager_a"], operator_id=None, kind="transactions", rows=numbered(rows),
                      channel="api")
    rollups_refresh()
    return world


@pytest.mark.parametrize(("user", "status"), [("anonymous", 302), ("police", 403), ("manager_a", 403),
                                              ("regulator", 200), ("admin", 200)])
def test_the_dashboard_is_for_the_commerce_authority(world: dict[str, Any], user: str, status: int) -> None:
    assert client_for(world, user).get("/supervision/").status_code == status


@pytest.mark.parametrize("tab", ["overview", "operators", "supervision", "green"])
def test_every_tab_shows_charts_and_tables(data: dict[str, Any], tab: str) -> None:
    response = client_for(data, "regulator").get("/supervision/", {"tab": tab, "from": "2025-01", "to": "2025-03"})
    assert response.status_code == 200
    assert b'data-chart="chart-' in response.content
    if tab == "supervision":
        assert b"Complaints are not yet recorded in Recirc" in response.content


def test_the_overview_table_links_districts_to_their_operators(data: dict[str, Any]) -> None:
    response = client_for(data, "regulator").get("/supervision/", {"from": "2025-01", "to": "2025-03"})
    assert b"region=330106&amp;tab=operators" in response.content
    assert b"<td class=\"num\">9</td>" in response.content


def test_a_bad_filter_is_shown_on_the_form(data: dict[str, Any]) -> None:
    response = client_for(data, "regulator").get("/supervision/", {"from": "2025-13x", "region": "abc"})
    assert response.status_code == 200
    assert b"Write a month such as 2025-03." in response.content


def test_htmx_gets_the_results_fragment(data: dict[str, Any]) -> None:
    response = client_for(data, "regulator").get("/supervision/", {"tab": "operators"}, HTTP_HX_REQUEST="true")
    assert response.content.lstrip().startswith(b'<div id="results">')


def test_every_table_downloads_as_csv_and_xlsx(data: dict[str, Any]) -> None:
    client = client_for(data, "regulator")
    csv_response = client.get("/supervision/", {"export": "by-category", "format": "csv", "from": "2025-01",
                                               "to": "2025-03"})
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_response.content.decode("utf-8-sig").splitlines()[:2] == [
        "Code,Name,Transactions,Items,Value (CNY),Share of value", "mobile-phones,Mobile phones,9,9,900.00,100.0"]
    xlsx = client.get("/supervision/", {"export": "cells", "format": "xlsx", "from": "2025-01", "to": "2025-03"})
    sheet = load_workbook(io.BytesIO(xlsx.content))["cells"]
    assert [cell.value for cell in sheet[3]][:6] == ["2025-01", "330106", "Xihu District", "mobile-phones",
                                                     "Mobile phones", 3]
    assert client.get("/supervision/", {"export": "nothing"}).status_code == 404


def test_the_green_page_is_public(data: dict[str, Any]) -> None:
    anonymous = client_for(data, "anonymous")
    response = anonymous.get("/supervision/green/")
    assert response.status_code == 200
    assert b"Green impact of reuse" in response.content
    assert anonymous.get("/supervision/green/", {"export": "green", "format": "csv"})["Content-Type"].startswith(
        "text/csv")


def test_goals_are_added_edited_and_removed(world: dict[str, Any]) -> None:
    client = client_for(world, "regulator")
    invalid = client.post("/supervision/goals/", {"title": "x", "region_code": "330100", "measure": "transaction_value",
                                                  "baseline_year": 2024, "target_year": 2027})
    assert (invalid.status_code, PilotGoal.objects.count()) == (422, 0)
    assert b"Give either a growth in per cent or a level, not both." in invalid.content
    created = client.post("/supervision/goals/", {"title": "增长40%", "region_code": "330100", "category_code": "",
                                                  "measure": "transaction_value", "baseline_year": 2024,
                                                  "target_year": 2027, "target_growth_percent": "40"})
    assert created.status_code == 303
    goal = PilotGoal.objects.get()
    assert client.get("/supervision/goals/").status_code == 200
    assert client.get(f"/supervision/goals/{goal.pk}/remove/").status_code == 200
    assert client.post(f"/supervision/goals/{goal.pk}/remove/").status_code == 303
    assert PilotGoal.objects.get().is_active is False


def test_the_report_pages(data: dict[str, Any]) -> None:
    client = client_for(data, "regulator")
    created = client.post("/supervision/report/", {"title": "实施方案", "region_code": "330100", "baseline_year": 2024,
                                                   "target_year": 2027})
    plan = PlanReport.objects.get()
    assert created["Location"] == f"/supervision/report/{plan.pk}/"
    page = client.get(created["Location"])
    assert b"1. Basic situation" in page.content
    saved = client.post(created["Location"], {"title": "实施方案（修订）", "basic_situation": "基本情况",
                                              "main_goals": "目标", "pilot_areas": "领域", "work_content": "内容",
                                              "support_measures": "措施"})
    assert (saved.status_code, PlanReport.objects.get().title) == (303, "实施方案（修订）")
    docx = client.get(created["Location"], {"format": "docx"})
    assert docx["Content-Disposition"] == f'attachment; filename="plan-report-{plan.pk}.docx"'
    client.post(f"/supervision/report/{plan.pk}/finalise/")
    before = snapshot()
    refused = client.post(f"/supervision/report/{plan.pk}/refresh/")
    assert refused.status_code == 303
    assert b"A final report cannot be changed" in client.get(refused["Location"]).content
    assert snapshot() == before
    assert client_for(data, "police").get(created["Location"]).status_code == 403


def test_cases_pages_and_actions(world: dict[str, Any]) -> None:
    client = client_for(world, "supervision")
    assert client.get("/supervision/cases/").status_code == 200
    opened = client.post("/supervision/cases/new/", {"kind": "counterfeit", "title": "仿冒耳机",
                                                     "operator_id": world["operator_a"].pk})
    case = Case.objects.get()
    assert opened["Location"] == f"/supervision/cases/{case.pk}/"
    assert client.post(f"/supervision/cases/{case.pk}/take-up/").status_code == 303
    note = client.post(f"/supervision/cases/{case.pk}/note/", {"text": ""})
    assert note.status_code == 422
    upload = SimpleUploadedFile("photo.png", b"\x89PNG fake", content_type="image/png")
    assert client.post(f"/supervision/cases/{case.pk}/evidence/", {"description": "照片", "file": upload}
                       ).status_code == 303
    referred = client.post(f"/supervision/cases/{case.pk}/refer/", {"to_authority": "police", "reason": "移送"})
    assert (referred.status_code, Case.objects.get().status) == (303, "referred")
    page = client_for(world, "police").get(f"/supervision/cases/{case.pk}/")
    assert b"Accept the referral" in page.content
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/supervision/cases/{case.pk}/export/").content))
    assert "SHA256SUMS" in archive.namelist()
    assert client_for(world, "regulator").get("/supervision/cases/").status_code == 403
    imported = client.post("/supervision/cases/import/")
    assert b"0 counterfeit referrals imported as cases." in client.get(imported["Location"]).content


def test_someone_elses_case_page_is_not_found(world: dict[str, Any]) -> None:
    case = cases.case_open(actor=world["supervision"], kind="other", title="x")
    assert client_for(world, "police").get(f"/supervision/cases/{case.pk}/").status_code == 404


def test_a_manager_uploads_a_file_and_sees_every_bad_line(world: dict[str, Any]) -> None:
    client = client_for(world, "manager_a")
    bad = (b"key,occurred_at,district_code,category_code,channel,method,amount\n"
           b"F-1,2025-03-08 10:00,330106,mobile-phones,store,sale,12\n"
           b"F-2,2025-03-08 10:00,000000,mobile-phones,store,sale,12\n")
    refused = client.post("/supervision/submissions/", {"kind": "transactions",
                                                         "file": SimpleUploadedFile("rows.csv", bad)})
    assert refused.status_code == 422
    assert b"Line 3: district_code: is not a known GB/T 2260 district code" in refused.content
    assert Submission.objects.count() == 0
    good = bad.replace(b"000000", b"330108")
    accepted = client.post("/supervision/submissions/", {"kind": "transactions",
                                                          "file": SimpleUploadedFile("rows.csv", good)})
    assert b"2 rows accepted: 2 new, 0 replaced, 0 already present." in client.get(accepted["Location"]).content
    assert client_for(world, "regulator").get("/supervision/submissions/").status_code == 200
    assert client_for(world, "clerk_a").get("/supervision/submissions/").status_code == 403


def test_templates_are_public(world: dict[str, Any]) -> None:
    anonymous = client_for(world, "anonymous")
    assert anonymous.get("/supervision/submissions/templates/entities.csv").content.decode("utf-8-sig").startswith(
        "key,kind,district_code,credit_code,opened_on,closed_on")
    sheet = load_workbook(io.BytesIO(anonymous.get("/supervision/submissions/templates/transactions.xlsx").content))
    assert sheet.active["A1"].value == "记录编号"
    assert anonymous.get("/supervision/submissions/templates/acquisitions.json").json()["title"] == (
        "Recirc acquisitions submission")
    assert anonymous.get("/supervision/submissions/templates/nothing.csv").status_code == 404
