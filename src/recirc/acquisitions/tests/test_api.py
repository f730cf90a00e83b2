"""The register API: record, bulk, list, detail, corrections, chain status, exports, police search."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from recirc.acquisitions.tests.conftest import snapshot
from recirc.acquisitions.tests.factories import (
    CREDIT_CODE,
    RESIDENT_ID,
    SECOND_RESIDENT_ID,
    VALID_IMEI,
    image_bytes,
    jacket,
    organisation,
    record,
)

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"
BASE = "/api/v1/acquisitions/"
SELLER = {"kind": "individual", "legal_name": "张三丰", "document_type": "resident_id", "document_number": RESIDENT_ID,
          "address": "浙江省杭州市西湖区文三路90号", "phone": "13812345678", "identity_check_method": "id_card_reader",
          "face_matched": True, "ownership_declared": True}
ARTICLE = {"category_code": "mobile-phones", "title": "iPhone 13", "brand": "Apple", "model_name": "iPhone 13",
           "colour": "黑色", "condition": "95", "price_paid": "2100.00", "attributes": {"storage_gb": "128"},
           "identifiers": [{"kind": "imei", "value": "49-015420-323751-8"}]}


def signed_in(user: Any | None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user, backend=BACKEND)
    return client


def post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def intake(outlet: Any, **overrides: Any) -> dict[str, Any]:
    return {"outlet_id": outlet.pk, "transaction_type": "purchase", "seller": SELLER, "article": ARTICLE,
            "payment_method": "cash", **overrides}


def test_record_answers_masked_values_only(world: dict[str, Any]) -> None:
    photo = {"kind": "item", "name": "front.jpg", "content_base64": base64.b64encode(image_bytes()).decode()}
    response = post(signed_in(world["clerk_a"]), BASE, intake(world["outlet_a"], photos=[photo]))

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["sequence"], body["seller_document_masked"], body["quantity"]) == (1, "110105********002X", 1)
    assert body["identifiers"] == [{"kind": "imei", "value": VALID_IMEI}]
    assert body["checks"] and body["hold_until"] is not None and body["personal_data_erased"] is False
    assert RESIDENT_ID not in response.content.decode() and "张三丰" not in response.content.decode()
    assert "seller_document_pseudonym" not in body and "seller_document_token" not in body


@pytest.mark.parametrize(("who", "status"), [(None, 401), ("consumer", 403), ("police", 403), ("regulator", 403),
                                             ("inspector_a", 403), ("clerk_b", 422)])
def test_record_refusals_change_nothing(world: dict[str, Any], who: str | None, status: int) -> None:
    before = snapshot()
    response = post(signed_in(world[who] if who else None), BASE, intake(world["outlet_a"]))
    assert response.status_code == status
    if status == 422:
        assert response.json()["code"] == "acquisitions.outlet_not_yours"
        assert list(response.json()["errors"]) == ["outlet_id"]
    assert snapshot() == before


def test_a_bad_intake_names_each_field(world: dict[str, Any]) -> None:
    before = snapshot()
    response = post(signed_in(world["clerk_a"]), BASE, intake(
        world["outlet_a"], seller={**SELLER, "document_number": "", "ownership_declared": False},
        article={**ARTICLE, "quantity": 2, "identifiers": [{"kind": "imei", "value": "490154203237519"}]}))
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "acquisitions.invalid"
    assert sorted(body["errors"]) == ["article.identifiers", "article.quantity", "seller.document_number",
                                      "seller.ownership_declared"]
    assert snapshot() == before


def test_bulk_purchase(world: dict[str, Any]) -> None:
    seller = {"kind": "organisation", "organisation_name": "某公司", "credit_code": CREDIT_CODE,
              "handler_name": "李四", "handler_document_type": "resident_id",
              "handler_document_number": SECOND_RESIDENT_ID, "proof_of_origin": "Disposal list",
              "identity_check_method": "manual_document", "ownership_declared": True}
    books = {"category_code": "books", "title": "新华字典", "condition": "90", "price_paid": "2",
             "attributes": {"title": "新华字典"}, "quantity": 4}
    response = post(signed_in(world["clerk_a"]), f"{BASE}bulk", {
        "outlet_id": world["outlet_a"].pk, "seller": seller, "articles": [books], "payment_method": "bank_transfer"})
    assert response.status_code == 201, response.content
    assert [entry["sequence"] for entry in response.json()] == [1, 2, 3, 4]


def test_list_is_scoped_paginated_and_its_query_count_is_constant(world: dict[str, Any]) -> None:
    record(world["clerk_b"], world["outlet_b"], article=jacket())
    client = signed_in(world["clerk_a"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(BASE).status_code == 200
        return len(captured.captured_queries)

    record(world["clerk_a"], world["outlet_a"], article=jacket())
    one = queries()
    for _index in range(4):
        record(world["clerk_a"], world["outlet_a"], article=jacket())
    assert queries() == one
    body = client.get(BASE).json()
    assert body["count"] == 5
    assert signed_in(world["police"]).get(BASE).json()["count"] == 6
    assert signed_in(world["consumer"]).get(BASE).status_code == 403


def test_detail_and_correction(world: dict[str, Any]) -> None:
    entry = record(world["clerk_a"], world["outlet_a"])
    client = signed_in(world["clerk_a"])
    assert client.get(f"{BASE}{entry.pk}").json()["entry_hash"] == entry.entry_hash
    assert signed_in(world["clerk_b"]).get(f"{BASE}{entry.pk}").status_code == 404

    response = post(client, f"{BASE}{entry.pk}/corrections", {"reason": "Typo", "price_paid": "1999.00"})

    assert response.status_code == 201
    assert (response.json()["corrects_id"], response.json()["price_paid"]) == (entry.pk, "1999.00")
    again = post(client, f"{BASE}{entry.pk}/corrections", {"reason": "Again", "price_paid": "1800"})
    assert (again.status_code, again.json()["code"]) == (409, "acquisitions.already_corrected")


def test_verify_status_export_and_search(world: dict[str, Any]) -> None:
    entry = record(world["clerk_a"], world["outlet_a"])
    record(world["clerk_b"], world["outlet_b"], seller=organisation(), article=jacket())
    assert signed_in(world["clerk_a"]).get(f"{BASE}verify").json() == [{
        "outlet_id": world["outlet_a"].pk, "intact": True, "checked": 1, "length": 1, "first_bad_sequence": None,
        "first_bad_id": None, "reason": "intact"}]
    assert len(signed_in(world["police"]).get(f"{BASE}verify").json()) == 2
    police = signed_in(world["police"])
    lines = police.get(f"{BASE}export", {"format": "police"}).content.decode().splitlines()
    assert json.loads(lines[0])["seller_document_number"] == RESIDENT_ID
    found = police.get(f"{BASE}search/identifier", {"value": "4901542032375181"}).json()
    assert [row["id"] for row in found] == [entry.pk]
    by_identity = post(police, f"{BASE}search/identity", {"number": RESIDENT_ID, "purpose": "Case 7"})
    assert [row["id"] for row in by_identity.json()] == [entry.pk]
    refused = post(signed_in(world["clerk_a"]), f"{BASE}search/identity", {"number": RESIDENT_ID, "purpose": "x"})
    assert (refused.status_code, refused.json()["code"]) == (403, "acquisitions.police_only")
