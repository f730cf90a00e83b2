"""The register pages: intake at the counter, list, entry, correction, print, police search; who may see what."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from recirc.acquisitions.models import AcquisitionEntry
from recirc.acquisitions.tests.conftest import snapshot
from recirc.acquisitions.tests.factories import (
    CREDIT_CODE,
    RESIDENT_ID,
    SECOND_RESIDENT_ID,
    VALID_IMEI,
    image_bytes,
    jacket,
    photo,
    record,
)
from recirc.items.tests.factories import category

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"


def client_for(user: Any | None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user, backend=BACKEND)
    return client


def intake_form(outlet: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "transaction_type": "purchase", "outlet_id": str(outlet.pk), "seller_kind": "individual",
        "seller_legal_name": "张三丰", "seller_document_type": "resident_id", "seller_document_number": RESIDENT_ID,
        "seller_address": "浙江省杭州市西湖区文三路90号", "seller_phone": "138 1234 5678",
        "seller_identity_check_method": "id_card_reader", "seller_face_matched": "on",
        "seller_ownership_declared": "on", "seller_handler_document_type": "resident_id",
        "category": str(category("mobile-phones").pk), "title": "iPhone 13", "brand": "Apple",
        "model_name": "iPhone 13", "colour": "黑色", "quantity": "1", "condition": "95",
        "attributes.storage_gb": "128", "identifiers": f"imei: {VALID_IMEI}", "price_paid": "2100",
        "payment_method": "cash",
    }
    return {**data, **overrides}


@pytest.mark.parametrize(("who", "status"), [(None, 302), ("consumer", 403), ("police", 403), ("regulator", 403),
                                             ("inspector_a", 403), ("admin", 403), ("clerk_a", 200),
                                             ("manager_a", 200)])
def test_who_may_open_the_intake_and_post_to_it(world: dict[str, Any], who: str | None, status: int) -> None:
    client = client_for(world[who] if who else None)
    assert client.get(reverse("register-intake")).status_code == status
    if status != 200:
        before = snapshot()
        assert client.post(reverse("register-intake"), intake_form(world["outlet_a"])).status_code == status
        assert snapshot() == before


def test_the_counter_records_a_phone_and_shows_the_checks_and_the_hold(world: dict[str, Any]) -> None:
    client = client_for(world["clerk_a"])
    data = intake_form(world["outlet_a"], item_photos=SimpleUploadedFile("p.jpg", image_bytes(), "image/jpeg"),
                       document_photos=SimpleUploadedFile("d.png", image_bytes("PNG"), "image/png"))

    response = client.post(reverse("register-intake"), data)

    entry = AcquisitionEntry.objects.get()
    assert response.status_code == 303
    assert response["Location"] == reverse("register-entry", args=[entry.pk]) + "?recorded=1"
    assert (entry.seller_document_masked, entry.seller_phone_masked) == ("110105********002X", "138****5678")
    assert entry.photos.count() == 2
    page = client.get(response["Location"]).content.decode()
    assert "Checks at intake" in page and 'id="screening-result"' in page
    assert "Statutory hold" in page and "110105********002X" in page and RESIDENT_ID not in page


def test_the_counter_records_an_organisation(world: dict[str, Any]) -> None:
    response = client_for(world["manager_a"]).post(reverse("register-intake"), intake_form(
        world["outlet_a2"], seller_kind="organisation", seller_legal_name="", seller_document_number="",
        seller_address="", seller_phone="", seller_organisation_name="杭州某某科技有限公司",
        seller_credit_code=CREDIT_CODE, seller_handler_name="李四", seller_handler_document_number=SECOND_RESIDENT_ID,
        seller_proof_of_origin="Asset disposal list", seller_identity_check_method="manual_document"))
    assert response.status_code == 303
    entry = AcquisitionEntry.objects.get()
    assert (entry.seller_kind, entry.organisation_credit_code, entry.handler_document_masked) == (
        "organisation", CREDIT_CODE, "360426********0071")
    assert (entry.seller_document_token, entry.outlet_id) == ("", world["outlet_a2"].pk)


def test_the_counter_shows_every_error_on_its_field_and_writes_nothing(world: dict[str, Any]) -> None:
    before = snapshot()
    response = client_for(world["clerk_a"]).post(reverse("register-intake"), intake_form(
        world["outlet_a"], seller_document_number="110105194912310021", identifiers="imei: 490154203237519",
        quantity="2", seller_ownership_declared=""))
    assert response.status_code == 422
    form = response.context["form"]
    assert sorted(form.errors) == ["identifiers", "quantity", "seller_document_number", "seller_ownership_declared"]
    assert snapshot() == before


def test_the_category_swap_returns_only_its_attribute_fields(world: dict[str, Any]) -> None:
    response = client_for(world["clerk_a"]).get(reverse("register-intake"), {"category": category("clothing").pk},
                                                HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and body.lstrip().startswith('<div id="attribute-fields">')
    assert 'name="attributes.size"' in body and "<html" not in body


@pytest.mark.parametrize(("who", "status", "sees"), [
    (None, 302, []), ("consumer", 403, []), ("supervision", 403, []), ("admin", 403, []),
    ("inspector_a", 403, []), ("clerk_a", 200, ["a"]), ("manager_a", 200, ["a"]), ("clerk_b", 200, ["b"]),
    ("police", 200, ["a", "b"]), ("regulator", 200, ["a", "b"]),
])
def test_the_register_list_is_scoped(world: dict[str, Any], who: str | None, status: int, sees: list[str]) -> None:
    entries = {"a": record(world["clerk_a"], world["outlet_a"], article=jacket(title="Jacket of A")),
               "b": record(world["clerk_b"], world["outlet_b"], article=jacket(title="Jacket of B"))}
    response = client_for(world[who] if who else None).get(reverse("register-list"))
    assert response.status_code == status
    if status == 200:
        assert [row["entry"].pk for row in response.context["rows"]] == [entries[key].pk for key in reversed(sees)]
        entry_status = client_for(world[who]).get(reverse("register-entry", args=[entries["a"].pk])).status_code
        assert entry_status == (200 if "a" in sees else 404)


def test_the_list_filters_and_paginates(world: dict[str, Any]) -> None:
    for index in range(27):
        record(world["clerk_a"], world["outlet_a"], article=jacket(title=f"Coat {index}"))
    record(world["clerk_a"], world["outlet_a"])
    client = client_for(world["clerk_a"])
    assert client.get(reverse("register-list")).context["page"].paginator.num_pages == 2
    phones = client.get(reverse("register-list"), {"category": "mobile-phones"}).context["rows"]
    assert [row["entry"].category_code for row in phones] == ["mobile-phones"]
    assert len(client.get(reverse("register-list"), {"q": "49-015420-323751-8"}).context["rows"]) == 1
    assert len(client.get(reverse("register-list"), {"q": "Coat 1"}).context["rows"]) == 11
    empty = client.get(reverse("register-list"), {"q": "nothing like this"}, HTTP_HX_REQUEST="true")
    assert "No register entry matches these filters." in empty.content.decode()


def test_the_print_view_lists_the_outlet_in_chain_order(world: dict[str, Any]) -> None:
    first = record(world["clerk_a"], world["outlet_a"], article=jacket(title="First coat"))
    record(world["clerk_a"], world["outlet_a"], article=jacket(title="Second coat"))
    response = client_for(world["clerk_a"]).get(reverse("register-print"), {"outlet": world["outlet_a"].pk})
    body = response.content.decode()
    assert response.status_code == 200 and "@media print" in body
    assert body.index("First coat") < body.index("Second coat")
    assert "Chain verified: intact (2 entries)." in body and first.entry_hash[:12] in body
    assert client_for(world["clerk_b"]).get(reverse("register-print"),
                                            {"outlet": world["outlet_a"].pk}).status_code == 404
    assert client_for(world["consumer"]).get(reverse("register-print")).status_code == 403


def test_a_correction_through_the_page(world: dict[str, Any]) -> None:
    original = record(world["clerk_a"], world["outlet_a"])
    client = client_for(world["clerk_a"])
    page = client.get(reverse("register-correct", args=[original.pk]))
    assert page.status_code == 200 and page.context["form"]["price_paid"].value() == original.price_paid
    data = {name: page.context["form"][name].value() or "" for name in page.context["form"].ARTICLE_FACTS}
    data.update(recorded_at=original.recorded_at.strftime("%Y-%m-%dT%H:%M"), price_paid="1999.00",
                reason="Price typed wrong", confirm="on", seller_kind="individual")

    response = client.post(reverse("register-correct", args=[original.pk]), data)

    fixed = AcquisitionEntry.objects.get(corrects=original)
    assert response.status_code == 303 and str(fixed.price_paid) == "1999.00"
    detail = client.get(reverse("register-entry", args=[original.pk])).content.decode()
    assert "This entry has been corrected." in detail
    assert client_for(world["police"]).get(reverse("register-correct", args=[original.pk])).status_code == 403
    assert client_for(world["clerk_b"]).get(reverse("register-correct", args=[original.pk])).status_code == 404


def test_the_police_search_page(world: dict[str, Any]) -> None:
    entry = record(world["clerk_a"], world["outlet_a"])
    police = client_for(world["police"])
    by_imei = police.get(reverse("register-police-search"), {"value": "49 015420 323751 8"})
    assert [row["entry"].pk for row in by_imei.context["rows"]] == [entry.pk]
    by_identity = police.post(reverse("register-police-search"), {
        "document_type": "resident_id", "number": RESIDENT_ID, "purpose": "Case 2026-0412"})
    assert [row["entry"].pk for row in by_identity.context["rows"]] == [entry.pk]
    assert RESIDENT_ID not in by_identity.content.decode().replace(f'value="{RESIDENT_ID}"', "")
    assert client_for(world["clerk_a"]).get(reverse("register-police-search")).status_code == 403
    assert client_for(None).get(reverse("register-police-search")).status_code == 302


def test_photos_are_served_to_readers_only_and_document_photos_to_the_police(world: dict[str, Any]) -> None:
    entry = record(world["clerk_a"], world["outlet_a"], photos=[photo("item"), photo("document")])
    item_photo, document_photo = entry.photos.get(kind="item"), entry.photos.get(kind="document")
    assert client_for(world["clerk_a"]).get(reverse("register-photo", args=[item_photo.pk])).status_code == 200
    assert client_for(world["clerk_b"]).get(reverse("register-photo", args=[item_photo.pk])).status_code == 404
    revealed = client_for(world["police"]).get(reverse("register-document-photo", args=[document_photo.pk]))
    assert revealed.status_code == 200 and revealed.content == image_bytes()
    assert client_for(world["clerk_a"]).get(reverse("register-document-photo",
                                                    args=[document_photo.pk])).status_code == 404
