"""The repair pages: list (filters, tabs, export, empty states), opening an order, the order's page with its
next steps as forms (plain and htmx posts), the consumer's quote page, and the printable receipt."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.test import Client
from openpyxl import load_workbook

from recirc.items.tests.factories import VALID_IMEI
from recirc.repairs.models import WorkOrder
from recirc.repairs.tests.conftest import snapshot
from recirc.repairs.tests.factories import all_pass, opened, screen, walk

BACKEND = "django.contrib.auth.backends.ModelBackend"


def client_for(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user, backend=BACKEND)
    return client


def test_the_list_shows_the_operators_work_orders_with_state_tabs(world: dict[str, Any]) -> None:
    order = opened(world)
    walk(world, opened(world, world["sofa"]), "completed")
    page = client_for(world["technician_a"]).get("/repairs/")
    html = page.content.decode()
    assert page.status_code == 200
    assert order.number in html and "Open a work order" in html
    assert 'href="?state=intake"' in html and 'href="?state=completed"' in html
    assert 'href="?state=quoted"' not in html  # no quoted orders, no tab
    filtered = client_for(world["technician_a"]).get("/repairs/?state=completed").content.decode()
    assert order.number not in filtered and "Three-seat sofa" in filtered


def test_htmx_asks_only_for_the_results(world: dict[str, Any]) -> None:
    opened(world)
    html = client_for(world["technician_a"]).get("/repairs/?q=iphone", HTTP_HX_REQUEST="true").content.decode()
    assert html.lstrip().startswith('<div id="repair-results">') and "<html" not in html


def test_empty_states_explain_what_to_do(world: dict[str, Any]) -> None:
    staff = client_for(world["technician_a"]).get("/repairs/").content.decode()
    assert "Open the first work order" in staff
    consumer = client_for(world["consumer"]).get("/repairs/").content.decode()
    assert "You have no repairs." in consumer and "Open a work order" not in consumer
    filtered = client_for(world["technician_a"]).get("/repairs/?q=nothing-like-this").content.decode()
    assert "No work order matches these filters." in filtered


def test_csv_and_xlsx_exports(world: dict[str, Any]) -> None:
    order = walk(world, opened(world), "completed")
    client = client_for(world["technician_a"])
    response = client.get("/repairs/?format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Disposition"].startswith('attachment; filename="work-orders-')
    assert rows[0][:4] == ["Work order", "Opened", "State", "Whose item"]
    assert rows[1][0] == order.number and rows[1][2:8] == ["Completed", "Operator's stock", world["phone"].code,
                                                           "Apple iPhone 13", "Apple", "iPhone 13"]
    assert rows[1][9:14] == ["张维修", "1", "1", "yes", "530.00"]
    workbook = load_workbook(io.BytesIO(client.get("/repairs/?format=xlsx").content))
    assert workbook.active["A2"].value == order.number


def test_opening_by_imei_leads_to_the_work_order(world: dict[str, Any]) -> None:
    client = client_for(world["clerk_a"])
    assert client.get("/repairs/new/").status_code == 200
    response = client.post("/repairs/new/", {"item": VALID_IMEI, "reported_fault": "不开机"})
    order = WorkOrder.objects.get()
    assert (response.status_code, response["Location"]) == (303, f"/repairs/{order.pk}/")
    assert (order.item_id, order.reported_fault, order.opened_by) == (world["phone"].pk, "不开机", world["clerk_a"])


def test_opening_by_passport_code_in_lower_case_with_dashes(world: dict[str, Any]) -> None:
    code = world["phone"].code
    typed = f"{code[:5].lower()}-{code[5:].lower()}"
    response = client_for(world["technician_a"]).post("/repairs/new/", {"item": typed, "reported_fault": "屏幕碎"})
    order = WorkOrder.objects.get()
    assert (response.status_code, order.item_id) == (303, world["phone"].pk)
    before = snapshot()
    other = client_for(world["technician_b"]).post("/repairs/new/", {"item": code, "reported_fault": "x"})
    assert other.status_code == 422 and snapshot() == before


def test_opening_an_unknown_item_is_refused_on_the_form(world: dict[str, Any]) -> None:
    before = snapshot()
    response = client_for(world["technician_a"]).post("/repairs/new/", {"item": "490154203237519",
                                                                        "reported_fault": "x"})
    assert response.status_code == 422
    assert "No item of yours matches." in response.content.decode()
    other = client_for(world["technician_b"]).post("/repairs/new/", {"item": str(world["phone"].pk),
                                                                     "reported_fault": "x"})
    assert other.status_code == 422
    assert snapshot() == before


def test_the_work_order_page_offers_the_next_step(world: dict[str, Any]) -> None:
    order = opened(world)
    html = client_for(world["technician_a"]).get(f"/repairs/{order.pk}/").content.decode()
    assert "Record the diagnosis" in html and "Cancel the work order" in html
    assert f'hx-post="/repairs/{order.pk}/diagnose/"' in html
    inspector = client_for(world["inspector_a"]).get(f"/repairs/{order.pk}/").content.decode()
    assert "Nothing for you to do on this work order now." in inspector


def test_a_bad_post_shows_errors_and_writes_nothing(world: dict[str, Any]) -> None:
    order = opened(world)
    client = client_for(world["technician_a"])
    before = snapshot()
    plain = client.post(f"/repairs/{order.pk}/diagnose/", {"diagnose-diagnosis": ""})
    assert plain.status_code == 422 and "This field is required." in plain.content.decode()
    htmx = client.post(f"/repairs/{order.pk}/start_repair/", {}, HTTP_HX_REQUEST="true")
    html = htmx.content.decode()
    assert htmx.status_code == 409 and html.lstrip().startswith('<div id="actions"')
    assert "A work order that is “Taken in” cannot become “In repair”." in html
    assert snapshot() == before


def test_a_good_htmx_post_navigates_to_the_order(world: dict[str, Any]) -> None:
    order = opened(world)
    response = client_for(world["technician_a"]).post(
        f"/repairs/{order.pk}/diagnose/", {"diagnose-diagnosis": "Battery swollen", "diagnose-faults": "Swollen"},
        HTTP_HX_REQUEST="true")
    assert (response.status_code, response["HX-Redirect"]) == (200, f"/repairs/{order.pk}/")
    order.refresh_from_db()
    assert (order.state, order.found_faults) == ("diagnosed", ["Swollen"])


def test_the_consumer_approves_on_the_quote_page(world: dict[str, Any]) -> None:
    order = walk(world, opened(world, world["customer_phone"]), "quoted")
    client = client_for(world["consumer"])
    assert client.get(f"/repairs/{order.pk}/")["Location"] == f"/repairs/{order.pk}/quote/"
    html = client.get(f"/repairs/{order.pk}/quote/").content.decode()
    assert "¥530.00" in html and "Approve the quote" in html and "Decline the quote" in html
    assert "Log labour" not in html and "Cost" not in html
    refused = client.post(f"/repairs/{order.pk}/approve/", {"next": "quote"})
    assert refused.status_code == 422
    response = client.post(f"/repairs/{order.pk}/approve/", {"approve-confirm": "on", "next": "quote"})
    assert response["Location"] == f"/repairs/{order.pk}/quote/"
    order.refresh_from_db()
    assert (order.state, order.decided_by) == ("approved", world["consumer"])


def test_the_quality_check_form(world: dict[str, Any]) -> None:
    order = walk(world, opened(world), "quality_check")
    client = client_for(world["inspector_a"])
    assert "Mark every check as passed" in client.get(f"/repairs/{order.pk}/").content.decode()
    data = {f"check-{code}": result for code, result in all_pass(order).items()}
    assert client.post(f"/repairs/{order.pk}/check/", data).status_code == 303
    order.refresh_from_db()
    assert order.state == "completed"


def test_a_part_can_be_removed_from_the_page(world: dict[str, Any]) -> None:
    order = walk(world, opened(world), "in_repair")
    part = screen(order, world["technician_a"])
    client = client_for(world["technician_a"])
    assert "Remove this part from the record?" in client.get(f"/repairs/{order.pk}/").content.decode()
    assert client.post(f"/repairs/{order.pk}/parts/{part.pk}/remove/").status_code == 303
    assert order.parts.count() == 0


def test_the_printable_receipt(world: dict[str, Any]) -> None:
    order = walk(world, opened(world), "completed")
    html = client_for(world["technician_a"]).get(f"/repairs/{order.pk}/print/").content.decode()
    for text in (order.number, "Repair work order (维修工单)", "Original (new, from the brand)", "BOE",
                 "Refurbished: a main part was replaced", "49015420******8"):
        assert text in html, text
    consumer = walk(world, opened(world, world["customer_phone"]), "quoted")
    customer_copy = client_for(world["consumer"]).get(f"/repairs/{consumer.pk}/print/").content.decode()
    assert consumer.number in customer_copy and "Labour:" not in customer_copy
