"""The inspector's pages: the queue with search, filters and exports, scan-to-open, the one-screen checklist
(defaults, live preview, errors naming missing items, nothing written), the report page, the print view and
the public verification page (no sign-in, no personal data, tamper shown)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from recirc.inspection.models import Inspection, InspectionReport
from recirc.inspection.tests.conftest import snapshot
from recirc.inspection.tests.factories import PHONE_OK, clothing, furniture, phone, tac_entry

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


@pytest.fixture
def items(world: dict[str, Any]) -> dict[str, Any]:
    tac_entry()
    return {"phone": phone(world["clerk_a"], world["operator_a"], battery=76),
            "coat": clothing(world["clerk_a"], world["operator_a"]),
            "sofa": furniture(world["clerk_a"], world["operator_a"]),
            "other": phone(world["clerk_b"], world["operator_b"])}


def test_the_queue_lists_the_operators_waiting_items_oldest_first(world: dict[str, Any], items: dict[str, Any]) -> None:
    response = client_for(world["inspector_a"]).get(reverse("inspection-list"))
    assert response.status_code == 200
    codes = [inspection.item.code for inspection in response.context["page"].object_list]
    assert codes == [items["phone"].code, items["coat"].code, items["sofa"].code]
    assert items["other"].code not in response.content.decode()


def test_search_filters_and_exports(world: dict[str, Any], items: dict[str, Any]) -> None:
    client = client_for(world["inspector_a"])
    response = client.get(reverse("inspection-list"), {"q": items["coat"].code.lower()})
    assert [row.item_id for row in response.context["page"].object_list] == [items["coat"].id]
    response = client.get(reverse("inspection-list"), {"category": "furniture"}, HTTP_HX_REQUEST="true")
    assert [row.item_id for row in response.context["page"].object_list] == [items["sofa"].id]
    assert "<html" not in response.content.decode()  # the results partial only
    imei = items["phone"].identifiers[0].value
    csv_text = client.get(reverse("inspection-list"), {"format": "csv"}).content.decode("utf-8-sig")
    assert csv_text.splitlines()[1].startswith(f"{items['phone'].code},Apple iPhone 13,Apple,iPhone 13,")
    assert imei not in csv_text
    xlsx = client.get(reverse("inspection-list"), {"format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_scanning_an_imei_opens_the_checklist(world: dict[str, Any], items: dict[str, Any]) -> None:
    client = client_for(world["inspector_a"])
    client.get(reverse("inspection-list"))
    imei = items["phone"].identifiers[0].value
    response = client.get(reverse("inspection-scan"), {"code": f" {imei[:5]} {imei[5:]} "})
    assert response.url == reverse("inspection-inspect", args=[items["phone"].id])
    response = client.get(reverse("inspection-scan"), {"code": items["other"].code})
    assert response.url == reverse("inspection-list")


def test_the_checklist_starts_from_defaults_and_the_items_battery_health(world: dict[str, Any],
                                                                        items: dict[str, Any]) -> None:
    response = client_for(world["inspector_a"]).get(reverse("inspection-inspect", args=[items["phone"].id]))
    form = response.context["form"]
    assert (form["screen"].value(), form["buttons"].value(), form["battery_health"].value()) == ("flawless", "pass", 76)
    page = response.content.decode()
    assert 'value="flawless" id="id_screen_0" checked' in page and 'value="76"' in page
    assert [section["code"] for section in form.sections()] == ["appearance", "function", "authenticity"]


def test_the_live_preview_shows_the_grade_or_what_is_missing(world: dict[str, Any], items: dict[str, Any]) -> None:
    client = client_for(world["inspector_a"])
    url = reverse("inspection-preview", args=[items["phone"].id])
    before = snapshot()
    page = client.post(url, {**PHONE_OK, "battery_health": "76"}, HTTP_HX_REQUEST="true").content.decode()
    assert page.strip().startswith('<div id="preview"')
    assert '<span class="grade-big">C (fair)</span>' in page and "Battery health below 80 %" in page
    assert "Usability class of used electronics: Class 2" in page and "CTIA functional grade: 0" in page
    page = client.post(url, {**PHONE_OK, "battery_health": ""}, HTTP_HX_REQUEST="true").content.decode()
    assert "The checklist is incomplete; nothing was saved. Answer: Battery health." in page
    assert snapshot() == before


def test_completing_the_checklist_issues_the_report_and_opens_it(world: dict[str, Any], items: dict[str, Any]) -> None:
    client = client_for(world["inspector_a"])
    response = client.post(reverse("inspection-inspect", args=[items["coat"].id]),
                           {"wear": "light", "stains": "none", "defects": "none", "labels": "pass", "washed": "pass",
                            "trademark": "consistent", "tags": "consistent", "materials": "consistent"})
    report = InspectionReport.objects.get(inspection__item_id=items["coat"].id)
    assert (response.status_code, response["Location"]) == (303, reverse("inspection-report", args=[report.code]))
    page = client.get(response["Location"]).content.decode()
    assert report.sha256 in page and "B (good)" in page


def test_an_incomplete_form_names_the_missing_items_and_saves_nothing(world: dict[str, Any],
                                                                     items: dict[str, Any]) -> None:
    client = client_for(world["inspector_a"])
    client.get(reverse("inspection-list"))
    before = snapshot()
    response = client.post(reverse("inspection-inspect", args=[items["sofa"].id]),
                           {"structure": "stable", "surface": "as_new", "upholstery": "clean",
                            "smell_and_pests": "pass", "trademark": "no_brand"})
    assert response.status_code == 422
    assert "Answer: Width, Depth, Height." in response.content.decode()
    assert response.context["form"].errors["width_cm"] == ["Answer this item."]
    assert snapshot() == before


def test_the_print_view_and_the_public_verification_page(world: dict[str, Any], items: dict[str, Any]) -> None:
    client = client_for(world["inspector_a"])
    client.post(reverse("inspection-inspect", args=[items["phone"].id]), {**PHONE_OK, "battery_health": "76"})
    report = InspectionReport.objects.get(inspection__item_id=items["phone"].id)
    printed = client.get(reverse("inspection-report-print", args=[report.code])).content.decode()
    assert "<svg" in printed and report.sha256 in printed and "window.print()" in printed
    public = Client(HTTP_ACCEPT_LANGUAGE="en").get(reverse("inspection-verify", args=[report.code.lower()]))
    page = public.content.decode()
    assert public.status_code == 200
    assert "Intact: the report has not been changed since it was issued." in page
    imei = items["phone"].identifiers[0].value
    assert imei not in page and f"{imei[:8]}******{imei[-1]}" in page
    assert world["inspector_a"].username not in page and world["inspector_a"].display_name not in page
    downloaded = Client(HTTP_ACCEPT_LANGUAGE="en").get(reverse("inspection-report-json", args=[report.code])).json()
    assert downloaded["sha256"] == report.sha256 and downloaded["report"] == report.payload


def test_a_tampered_report_shows_as_altered(world: dict[str, Any], items: dict[str, Any]) -> None:
    client = client_for(world["inspector_a"])
    client.post(reverse("inspection-inspect", args=[items["phone"].id]), PHONE_OK)
    report = InspectionReport.objects.get(inspection__item_id=items["phone"].id)
    payload = report.payload
    payload["grades"][0]["grade"] = "A+"
    InspectionReport.objects.filter(pk=report.pk).update(payload=payload)
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get(reverse("inspection-verify", args=[report.code])).content.decode()
    assert "Altered: this report no longer matches the hash recorded when it was issued." in page


def test_unknown_report_codes_get_a_404_page_with_a_lookup_form() -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(reverse("inspection-verify", args=["IR0000000000"]))
    assert response.status_code == 404
    assert "No inspection report has the code “IR0000000000”." in response.content.decode()


def test_the_empty_queue_says_how_items_arrive(world: dict[str, Any]) -> None:
    page = client_for(world["inspector_b"]).get(reverse("inspection-list")).content.decode()
    assert "No item is waiting for inspection." in page
    assert Inspection.objects.count() == 0
