"""The after-sales pages: a buyer's purchases and the forms to open cases (with uploads), the case page's steps
with confirmation, the queue (tabs, filters, overdue first, export, query count), evidence downloads."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from recirc.aftersales import deadlines, returns
from recirc.aftersales.models import Evidence, ReturnRequest, Warranty
from recirc.aftersales.tests.conftest import snapshot
from recirc.aftersales.tests.factories import delivered, photo, png, record_of


def signed_in(user: Any) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client


def test_my_purchases_pulls_the_delivered_sales(world: dict[str, Any]) -> None:
    order = delivered(world, world["jacket"])
    page = signed_in(world["buyer"]).get("/aftersales/").content.decode()
    record = Warranty.objects.get(order_id=order.pk)
    until = (timezone.localdate() + dt.timedelta(days=89)).isoformat()
    assert f"Warranty until {until}" in page
    assert f'href="/aftersales/records/{record.pk}/return/new/"' in page
    assert f'href="/aftersales/records/{record.pk}/ticket/new/"' in page


def test_the_empty_purchases_page_says_what_to_do(world: dict[str, Any]) -> None:
    page = signed_in(world["other_consumer"]).get("/aftersales/").content.decode()
    assert "No purchases yet." in page


def test_a_return_with_photos_from_the_form(world: dict[str, Any]) -> None:
    record = record_of(world, delivered(world, world["jacket"]))
    client = signed_in(world["buyer"])
    upload = SimpleUploadedFile("zip.png", png(), content_type="image/png")
    response = client.post(f"/aftersales/records/{record.pk}/return/new/", {
        "kind": "defective", "reason": "拉链坏了", "attachments": [upload], "file_note": "The zip"})
    request = ReturnRequest.objects.get()
    assert response.status_code == 303 and response["Location"] == f"/aftersales/return/{request.pk}/"
    evidence = Evidence.objects.get()
    assert (evidence.description, evidence.content_type) == ("The zip", "image/png")
    download = client.get(f"/aftersales/evidence/{evidence.pk}/")
    assert download["Content-Type"] == "image/png"
    assert signed_in(world["other_consumer"]).get(f"/aftersales/evidence/{evidence.pk}/").status_code == 404


def test_a_file_that_is_not_an_image_is_refused_and_nothing_changes(world: dict[str, Any]) -> None:
    record = record_of(world, delivered(world, world["jacket"]))
    before = snapshot()
    upload = SimpleUploadedFile("evil.png", b"<script>alert(1)</script>", content_type="image/png")
    response = signed_in(world["buyer"]).post(f"/aftersales/records/{record.pk}/return/new/", {
        "kind": "defective", "reason": "拉链坏了", "attachments": [upload]})
    assert response.status_code == 422
    assert "“evil.png” is not a JPEG, PNG or WebP photo or a PDF." in response.content.decode()
    assert snapshot() == before


def test_the_seller_refuses_only_with_confirmation_and_a_reason(world: dict[str, Any]) -> None:
    record = record_of(world, delivered(world, world["jacket"]))
    request = returns.return_open(actor=world["buyer"], warranty_id=record.pk, kind="no_reason")
    client = signed_in(world["clerk_a"])
    page = client.get(f"/aftersales/return/{request.pk}/").content.decode()
    assert "Approve the return" in page and "Refuse the return" in page
    before = snapshot()
    response = client.post(f"/aftersales/return/{request.pk}/refuse/", {"refuse-reason": "吊牌已剪"})
    assert response.status_code == 422
    assert snapshot() == before
    response = client.post(f"/aftersales/return/{request.pk}/refuse/",
                           {"refuse-reason": "吊牌已剪", "refuse-confirm": "on"})
    assert response.status_code == 303
    request.refresh_from_db()
    assert (request.state, request.refusal_reason) == ("refused", "吊牌已剪")


def test_the_buyer_sees_no_seller_steps(world: dict[str, Any]) -> None:
    record = record_of(world, delivered(world, world["jacket"]))
    request = returns.return_open(actor=world["buyer"], warranty_id=record.pk, kind="no_reason")
    client = signed_in(world["buyer"])
    page = client.get(f"/aftersales/return/{request.pk}/").content.decode()
    assert "Approve the return" not in page and "Withdraw the return" in page
    before = snapshot()
    response = client.post(f"/aftersales/return/{request.pk}/approve/", {"approve-confirm": "on"})
    assert response.status_code == 403
    assert snapshot() == before


def test_other_operators_and_consumers_get_404(world: dict[str, Any]) -> None:
    record = record_of(world, delivered(world, world["jacket"]))
    request = returns.return_open(actor=world["buyer"], warranty_id=record.pk, kind="no_reason")
    for who in ("clerk_b", "other_consumer"):
        assert signed_in(world[who]).get(f"/aftersales/return/{request.pk}/").status_code == 404
        assert signed_in(world[who]).get(f"/aftersales/records/{record.pk}/").status_code == 404
    assert Client().get(f"/aftersales/return/{request.pk}/").status_code == 302


def test_the_queue_lists_overdue_first_and_exports(world: dict[str, Any]) -> None:
    first = record_of(world, delivered(world, world["jacket"]))
    second = record_of(world, delivered(world, world["coat"]))
    late = returns.return_open(actor=world["buyer"], warranty_id=first.pk, kind="no_reason")
    deadlines.cases_mark_overdue(now=timezone.now() + dt.timedelta(days=4))
    fresh = returns.return_open(actor=world["buyer"], warranty_id=second.pk, kind="defective", reason="破洞",
                                evidence=[photo()])
    client = signed_in(world["manager_a"])
    page = client.get("/aftersales/queue/?kind=return").content.decode()
    assert "1 case overdue" in page
    table = page[page.index("<tbody>"):]
    assert table.index(late.number) < table.index(fresh.number)
    csv = client.get("/aftersales/queue/?kind=return&overdue=on&format=csv")
    text = csv.content.decode("utf-8-sig")
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert late.number in text and fresh.number not in text
    xlsx = client.get("/aftersales/queue/?kind=return&format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert signed_in(world["clerk_b"]).get("/aftersales/queue/?kind=return").content.decode().count(
        late.number) == 0


def test_the_queue_query_count_does_not_grow_with_the_rows(world: dict[str, Any]) -> None:
    record = record_of(world, delivered(world, world["jacket"]))
    returns.return_open(actor=world["buyer"], warranty_id=record.pk, kind="no_reason")
    client = signed_in(world["moderator"])
    with CaptureQueriesContext(connection) as one:
        client.get("/aftersales/queue/?kind=return")
    coat = record_of(world, delivered(world, world["coat"]))
    returns.return_open(actor=world["buyer"], warranty_id=coat.pk, kind="defective", reason="破洞",
                        evidence=[photo()])
    with CaptureQueriesContext(connection) as two:
        client.get("/aftersales/queue/?kind=return")
    assert len(two) == len(one)


def test_the_moderator_decides_a_dispute_from_its_page(world: dict[str, Any]) -> None:
    from recirc.aftersales import disputes

    record = record_of(world, delivered(world, world["jacket"]))
    dispute = disputes.dispute_open(actor=world["buyer"], warranty_id=record.pk, claim="要求退款 50 元",
                                    amount_claimed="50")
    client = signed_in(world["moderator"])
    assert client.post(f"/aftersales/dispute/{dispute.pk}/review/", {"review-confirm": "on"}).status_code == 303
    response = client.post(f"/aftersales/dispute/{dispute.pk}/decide/", {
        "decide-outcome": "refund", "decide-refund_amount": "50.00", "decide-reasons": "卖家未回应。",
        "decide-confirm": "on"})
    assert response.status_code == 303
    dispute.refresh_from_db()
    assert (dispute.state, str(dispute.refund_amount)) == ("decided", "50.00")
    assert "卖家未回应。" in signed_in(world["buyer"]).get(f"/aftersales/dispute/{dispute.pk}/").content.decode()
