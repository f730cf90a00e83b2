"""The complaint pages and API: filing from a listing and an order page, the complainant's and the seller's
steps, market supervision's queue (filters, empty state), case steps, package and statistics; the police list;
the links on the listing and order pages; errors shown on the form with nothing written."""

from __future__ import annotations

import base64
import json
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from recirc.moderation.models import Complaint
from recirc.moderation.tests.complaint_factories import escalated, filed, png, snapshot, world

__all__ = ["world"]


def client_for(user: Any) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client


def test_filing_with_a_photo_from_the_form(world: Any) -> None:
    response = client_for(world["buyer"]).post("/complaints/new/", {
        "subject_kind": "listing", "reference": world["jacket"].code, "category": "counterfeit",
        "statement": "吊牌是假的", "attachments": [SimpleUploadedFile("tag.png", png(), "image/png")]})
    complaint = Complaint.objects.get()
    assert (response.status_code, response["Location"]) == (303, f"/complaints/{complaint.pk}/")
    assert (complaint.category, complaint.evidence.count()) == ("counterfeit", 1)
    page = client_for(world["buyer"]).get(f"/complaints/{complaint.pk}/").content.decode()
    assert complaint.number in page and "吊牌是假的" in page and "Withdraw the complaint" in page


def test_a_bad_form_shows_its_errors_and_writes_nothing(world: Any) -> None:
    before = snapshot()
    response = client_for(world["buyer"]).post("/complaints/new/", {
        "subject_kind": "listing", "reference": "L000000-NOPE0", "category": "other", "statement": "",
        "attachments": [SimpleUploadedFile("notes.txt", b"hello", "text/plain")]})
    page = response.content.decode()
    assert response.status_code == 422
    assert "No listing has this number." in page and "This field is required." in page
    assert snapshot() == before


def test_the_seller_answers_and_the_buyer_rejects_from_the_page(world: Any) -> None:
    complaint = filed(world)
    clerk, buyer = client_for(world["clerk_a"]), client_for(world["buyer"])
    assert complaint.number in clerk.get("/complaints/against-us/").content.decode()
    assert clerk.post(f"/complaints/{complaint.pk}/answer/", {"answer": "同意退货"}).status_code == 303
    empty = buyer.post(f"/complaints/{complaint.pk}/reject/", {"reason": ""})
    assert empty.status_code == 422 and "This field is required." in empty.content.decode()
    assert buyer.post(f"/complaints/{complaint.pk}/reject/", {"reason": "没有退款"}).status_code == 303
    complaint.refresh_from_db()
    assert (complaint.state, complaint.answer, complaint.rejection_reason) == ("escalated", "同意退货", "没有退款")


def test_the_supervision_queue_filters_and_says_when_it_is_empty(world: Any) -> None:
    supervision = client_for(world["supervision"])
    assert "No escalated complaints." in supervision.get("/complaints/supervision/").content.decode()
    complaint = escalated(world)
    page = supervision.get("/complaints/supervision/").content.decode()
    assert complaint.number in page and "甲二手" in page
    none = supervision.get("/complaints/supervision/?category=prohibited").content.decode()
    assert "No complaint matches these filters." in none and complaint.number not in none
    found = supervision.get(f"/complaints/supervision/?q={world['jacket'].code}").content.decode()
    assert complaint.number in found
    fragment = supervision.get("/complaints/supervision/?state=escalated", HTTP_HX_REQUEST="true")
    assert fragment.content.decode().lstrip().startswith('<div id="complaint-results">')


def test_supervision_opens_refers_and_the_police_see_the_case(world: Any) -> None:
    complaint = escalated(world)
    supervision = client_for(world["supervision"])
    assert supervision.post(f"/complaints/{complaint.pk}/open_case/", {"findings": "立案"}).status_code == 303
    assert supervision.post(f"/complaints/{complaint.pk}/refer/", {"reason": "疑似赃物"}).status_code == 303
    police = client_for(world["police"])
    assert complaint.number in police.get("/complaints/police/").content.decode()
    page = police.get(f"/complaints/{complaint.pk}/").content.decode()
    assert "Download the evidence package" in page and "Add a note" in page and "Close with a decision" not in page
    download = police.get(f"/complaints/{complaint.pk}/package.zip")
    assert (download.status_code, download["Content-Type"]) == (200, "application/zip")


def test_statistics_page_and_exports(world: Any) -> None:
    escalated(world)
    moderator = client_for(world["moderator"])
    page = moderator.get("/complaints/statistics/").content.decode()
    assert "Complaint statistics" in page and "甲二手" in page
    csv = moderator.get("/complaints/statistics/?format=csv")
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert "Summary,total,Complaints filed,1" in csv.content.decode("utf-8-sig")
    xlsx = moderator.get("/complaints/statistics/?format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    bad = moderator.get("/complaints/statistics/?date_from=2026-12-01&date_to=2026-11-01")
    assert "The end of the period comes before its start." in bad.content.decode()
    assert client_for(world["clerk_a"]).get("/complaints/statistics/").status_code == 403


def test_pages_deny_the_wrong_roles(world: Any) -> None:
    complaint = escalated(world)
    assert client_for(world["clerk_b"]).get(f"/complaints/{complaint.pk}/").status_code == 404
    assert client_for(world["buyer"]).get("/complaints/supervision/").status_code == 403
    assert client_for(world["supervision"]).get("/complaints/police/").status_code == 403
    assert client_for(world["clerk_a"]).get("/complaints/new/").status_code == 403
    assert client_for(world["buyer"]).get(f"/complaints/{complaint.pk}/package.zip").status_code == 403
    assert Client().get("/complaints/").status_code == 302


def test_the_staff_home_shows_complaints_awaiting_an_answer(world: Any) -> None:
    filed(world)
    page = client_for(world["clerk_a"]).get("/").content.decode()
    assert "complaints awaiting your answer" in page and "/complaints/against-us/" in page


def _api(client: Client, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    if method == "get":
        return client.get(f"/api/v1/complaints{path}")
    return client.post(f"/api/v1/complaints{path}", json.dumps(body or {}), content_type="application/json")


def test_the_api_walk(world: Any) -> None:
    buyer, clerk = client_for(world["buyer"]), client_for(world["clerk_a"])
    supervision = client_for(world["supervision"])
    created = _api(buyer, "post", "", {
        "subject_kind": "listing", "reference": world["jacket"].code, "category": "not_as_disclosed",
        "statement": "与描述不符", "evidence": [{"name": "a.png", "content_base64": base64.b64encode(png()).decode()}]})
    assert created.status_code == 201
    body = created.json()
    assert (body["state"], body["listing_code"], len(body["evidence"])) == ("submitted", world["jacket"].code, 1)
    duplicate = _api(buyer, "post", "", {"subject_kind": "listing", "reference": world["jacket"].code,
                                         "category": "other", "statement": "again"})
    assert (duplicate.status_code, duplicate.json()["code"]) == (409, "moderation.complaint_duplicate")
    assert _api(clerk, "post", f"/{body['id']}/answer", {"answer": "可以退"}).json()["state"] == "answered"
    assert _api(buyer, "post", f"/{body['id']}/escalate", {"reason": "不同意"}).json()["state"] == "escalated"
    listing = _api(supervision, "get", "?scope=supervision").json()
    assert [row["number"] for row in listing["items"]] == [body["number"]]
    assert _api(supervision, "post", f"/{body['id']}/case", {"findings": ""}).json()["state"] == "investigating"
    closed = _api(supervision, "post", f"/{body['id']}/close", {"decision": "upheld", "reasons": "属实"})
    assert (closed.json()["state"], closed.json()["decision"]) == ("closed", "upheld")
    assert _api(clerk, "get", "?scope=against").json()["count"] == 1
    assert _api(client_for(world["clerk_b"]), "get", f"/{body['id']}").status_code == 404


def test_the_api_refuses_bad_input_with_codes(world: Any) -> None:
    buyer = client_for(world["buyer"])
    before = snapshot()
    response = _api(buyer, "post", "", {"subject_kind": "listing", "reference": "nope", "category": "bad",
                                        "statement": "x"})
    assert (response.status_code, response.json()["code"]) == (422, "moderation.complaint_invalid")
    assert set(response.json()["errors"]) == {"category", "reference"}
    forbidden = _api(client_for(world["clerk_a"]), "post", "", {"subject_kind": "listing",
                                                                "reference": world["jacket"].code,
                                                                "category": "other", "statement": "x"})
    assert (forbidden.status_code, forbidden.json()["code"]) == (403, "moderation.complaint_file_forbidden")
    assert snapshot() == before


def test_the_queue_and_the_api_list_take_the_same_queries_for_one_or_many(world: Any) -> None:
    supervision = client_for(world["supervision"])
    escalated(world)

    def counted(path: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert supervision.get(path).status_code == 200
        return len(queries)

    one = (counted("/complaints/supervision/"), counted("/api/v1/complaints?scope=supervision"))
    escalated(world, by="other_consumer")
    escalated(world, about="seller", reference=str(world["operator_a"].pk))
    assert (counted("/complaints/supervision/"), counted("/api/v1/complaints?scope=supervision")) == one


def test_a_c2c_seller_finds_the_complaints_about_their_sales(world: Any) -> None:
    filed(world, reference=world["bookcase"].code)
    page = client_for(world["seller"]).get("/complaints/").content.decode()
    assert "1 complaint is about your own sales." in page and "/complaints/against-us/" in page
