"""Staff pages (list, detail, register, transition) and the public passport page."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from recirc.core.models import AuditEvent
from recirc.items import facade, services
from recirc.items.models import Item, ItemState
from recirc.items.tests.conftest import snapshot
from recirc.items.tests.factories import VALID_IMEI, ItemFactory, category, phone_attributes

BACKEND = "django.contrib.auth.backends.ModelBackend"


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def phone(world: dict[str, Any], actor_key: str = "clerk_a", **overrides: Any) -> Item:
    arguments: dict[str, Any] = {"actor": world[actor_key], "category_id": category("mobile-phones").pk,
                                 "title": "iPhone 13", "brand": "Apple", "model_name": "iPhone 13",
                                 "attributes": phone_attributes(), "identifiers": [("imei", VALID_IMEI)]}
    return services.item_register(**{**arguments, **overrides})


def test_list_requires_sign_in(world: dict[str, Any]) -> None:
    response = Client().get(reverse("item-list"))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize(("actor_key", "visible"), [
    ("clerk_a", {"a"}), ("clerk_b", {"b"}), ("consumer", {"own"}), ("regulator", {"a", "b", "own"}),
])
def test_list_is_scoped(world: dict[str, Any], actor_key: str, visible: set[str]) -> None:
    items = {"a": ItemFactory(owner_operator=world["operator_a"], title="item-a"),
             "b": ItemFactory(owner_operator=world["operator_b"], title="item-b"),
             "own": ItemFactory(owner_operator=None, owner_user=world["consumer"], title="item-own")}
    body = signed_in(world[actor_key]).get(reverse("item-list")).content.decode()
    assert {key for key, item in items.items() if item.code in body} == visible


def test_search_and_filters(world: dict[str, Any]) -> None:
    registered = phone(world)
    jacket = ItemFactory(owner_operator=world["operator_a"], title="Down jacket", state=ItemState.IN_STOCK)
    client = signed_in(world["clerk_a"])

    def codes(**params: str) -> set[str]:
        body = client.get(reverse("item-list"), params).content.decode()
        return {code for code in (registered.code, jacket.code) if code in body}

    assert codes(q="49-015420") == {registered.code}
    assert codes(q=registered.code.lower()) == {registered.code}
    assert codes(q="down") == {jacket.code}
    assert codes(category=str(category("digital-products").pk)) == {registered.code}
    assert codes(state=ItemState.INTAKE) == {registered.code}
    assert "No item matches these filters" in client.get(reverse("item-list"), {"q": "nothing"},
                                                         HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_empty_state_invites_registration(world: dict[str, Any]) -> None:
    body = signed_in(world["clerk_a"]).get(reverse("item-list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No item passports yet" in body and reverse("item-register") in body


def test_htmx_gets_only_the_results_partial(world: dict[str, Any]) -> None:
    ItemFactory(owner_operator=world["operator_a"])
    body = signed_in(world["clerk_a"]).get(reverse("item-list"), HTTP_HX_REQUEST="true").content.decode()
    assert 'id="item-results"' in body and "<html" not in body


def test_list_query_count_does_not_grow_with_items(world: dict[str, Any]) -> None:
    client = signed_in(world["clerk_a"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("item-list")).status_code == 200
        return len(captured.captured_queries)

    ItemFactory.create_batch(3, owner_operator=world["operator_a"])
    with_three = queries()
    ItemFactory.create_batch(27, owner_operator=world["operator_a"])
    assert queries() == with_three


def test_csv_and_xlsx_exports_mask_identifiers(world: dict[str, Any]) -> None:
    item = phone(world)
    client = signed_in(world["clerk_a"])
    csv_text = client.get(reverse("item-list"), {"format": "csv"}).content.decode("utf-8-sig")
    assert item.code in csv_text and "imei:49015420******8" in csv_text and VALID_IMEI not in csv_text
    response = client.get(reverse("item-list"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=1).value == item.code and sheet.max_row == 2


def test_detail_for_owner_staff_and_regulators_only(world: dict[str, Any]) -> None:
    item = phone(world)
    for actor_key in ("clerk_a", "regulator"):
        response = signed_in(world[actor_key]).get(reverse("item-detail", args=[item.pk]))
        assert response.status_code == 200 and VALID_IMEI in response.content.decode()
    assert signed_in(world["clerk_b"]).get(reverse("item-detail", args=[item.pk])).status_code == 404
    assert signed_in(world["consumer"]).get(reverse("item-detail", args=[item.pk])).status_code == 404
    assert signed_in(world["clerk_a"]).get(reverse("item-detail", args=[999999])).status_code == 404


def test_register_page_swaps_the_attribute_fieldset(world: dict[str, Any]) -> None:
    client = signed_in(world["clerk_a"])
    assert client.get(reverse("item-register")).status_code == 200
    fragment = client.get(reverse("item-register"), {"category": category("mobile-phones").pk},
                          HTTP_HX_REQUEST="true").content.decode()
    assert 'id="attribute-fields"' in fragment and 'name="attributes.storage_gb"' in fragment
    assert "<html" not in fragment and 'name="attributes.brand"' not in fragment


def test_register_page_creates_a_passport(world: dict[str, Any]) -> None:
    response = signed_in(world["clerk_a"]).post(reverse("item-register"), {
        "category": category("mobile-phones").pk, "title": "iPhone 13", "brand": "Apple", "model_name": "iPhone 13",
        "attributes.storage_gb": "128", "attributes.battery_health_percent": "90",
        "identifiers": "imei: 49-015420-323751-8\nmac: 3c-22-fb-12-34-56"})
    item = Item.objects.get()
    assert response.status_code == 303 and response["Location"] == reverse("item-detail", args=[item.pk])
    assert sorted(item.identifiers.values_list("value", flat=True)) == ["3C:22:FB:12:34:56", VALID_IMEI]


def test_register_page_shows_errors_and_writes_nothing(world: dict[str, Any]) -> None:
    before = snapshot()
    response = signed_in(world["clerk_a"]).post(reverse("item-register"), {
        "category": category("mobile-phones").pk, "title": "iPhone 13", "brand": "Apple", "model_name": "iPhone 13",
        "attributes.storage_gb": "128", "identifiers": "imei: 490154203237519"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "The IMEI check digit is wrong" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("actor_key", ["regulator", "admin"])
def test_register_page_is_forbidden_to_read_only_roles(world: dict[str, Any], actor_key: str) -> None:
    assert signed_in(world[actor_key]).get(reverse("item-register")).status_code == 403


def test_transition_page_needs_confirmation(world: dict[str, Any]) -> None:
    item = phone(world)
    client = signed_in(world["clerk_a"])
    page = client.get(reverse("item-transition", args=[item.pk]), {"to": "in_stock"})
    assert page.status_code == 200
    client.post(reverse("item-transition", args=[item.pk]), {"to_state": "in_stock"})
    item.refresh_from_db()
    assert item.state == ItemState.INTAKE
    response = client.post(reverse("item-transition", args=[item.pk]), {"to_state": "in_stock", "confirm": "on"})
    item.refresh_from_db()
    assert response.status_code == 303 and item.state == ItemState.IN_STOCK


@pytest.mark.parametrize(("actor_key", "status"), [("regulator", 403), ("clerk_b", 404), ("consumer", 404)])
def test_transition_page_denials(world: dict[str, Any], actor_key: str, status: int) -> None:
    item = phone(world)
    before = snapshot()
    response = signed_in(world[actor_key]).post(reverse("item-transition", args=[item.pk]),
                                                {"to_state": "in_stock", "confirm": "on"})
    assert response.status_code == status
    assert snapshot() == before


def test_public_passport_shows_public_facts_only(world: dict[str, Any]) -> None:
    consumer = world["consumer"]
    item = phone(world, owner_user_id=consumer.pk)
    facade.item_record_event(actor=world["clerk_a"], item_id=item.pk, kind="graded", is_public=True,
                             data={"grade": "A", "grade_scale": "ctia-cosmetic"})
    facade.item_record_event(actor=world["clerk_a"], item_id=item.pk, kind="internal_note", is_public=False,
                             data={"note": "secret note"})
    services.item_transition(actor=world["clerk_a"], item=item, to_state=ItemState.ON_HOLD, reason="police ask")
    response = Client().get(reverse("item-passport", args=[item.code.lower()]), HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert response.status_code == 200
    assert "49015420******8" in body and VALID_IMEI not in body
    assert "Passport created" in body and "Graded" in body and "甲回收" in body
    assert "internal note" not in body and "On hold" not in body and "police ask" not in body
    assert "<svg" in body and f"/items/p/{item.code}/" in body
    assert "A" in body and "CTIA cosmetic grade" in body
    for secret in (consumer.username, consumer.display_name, consumer.phone_token, world["clerk_a"].username):
        assert secret not in body


def test_unknown_passport_is_a_404_page(world: dict[str, Any]) -> None:
    response = Client().get(reverse("item-passport", args=["ZZZZZZZZZZ"]))
    assert response.status_code == 404 and "items.passport_not_found" in response.content.decode()


def test_registration_audit_names_the_actor(world: dict[str, Any]) -> None:
    item = phone(world)
    assert AuditEvent.objects.filter(action="item.registered", target_id=str(item.pk),
                                     actor=world["clerk_a"]).count() == 1
