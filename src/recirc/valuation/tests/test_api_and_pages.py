"""The API's answers and the pages' content: exact estimate JSON on a hand-made set, the registry, lists with
filters and bounded query counts, the CSV export, the estimate form over htmx."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recirc.valuation.models import PriceObservation
from recirc.valuation.tests.conftest import client_for
from recirc.valuation.tests.factories import ObservationFactory, category, registry_row

PRICES = ("1000.00", "1200.00", "1500.00", "1800.00", "2600.00")


@pytest.fixture
def sales(world: dict[str, Any]) -> list[PriceObservation]:
    return [ObservationFactory(price=Decimal(price), observed_on=dt.date(2026, 11, 1) - dt.timedelta(days=index),
                               source_ref=f"POS-{index}", operator=world["operator_a"])
            for index, price in enumerate(PRICES)]


def test_estimate_api_answers_with_the_comparables_fallback(world: dict[str, Any], sales: list[Any]) -> None:
    response = client_for(world, "inspector_a").post("/api/v1/valuation/estimate", json.dumps({
        "category": "mobile-phones", "brand": "Apple", "model_name": "iPhone 13", "on_date": "2026-11-30",
        "attributes": {"storage_gb": "128"}}), content_type="application/json")
    body = response.json()
    assert response.status_code == 200
    assert {key: value for key, value in body["estimate"].items() if key != "comparables"} == {
        "value": "1500.00", "low": "1200.00", "high": "1800.00", "currency": "CNY", "coverage": "0.5",
        "method": "comparables", "model_version": "", "level": "model", "sample_size": 5}
    assert body["known"] is True
    assert body["estimate"]["comparables"][0] == {
        "observation_id": sales[0].pk, "title": "Apple iPhone 13", "details": "128 GB", "grade": "95",
        "grading_scheme": "market-condition", "price": "1000.00", "observed_on": "2026-11-01", "source": "sale",
        "similarity": round(5.5 - 29 / 365.25, 4)}


def test_estimate_api_says_when_nothing_is_known(world: dict[str, Any]) -> None:
    response = client_for(world, "regulator").post("/api/v1/valuation/estimate", json.dumps({
        "category": "clothing", "brand": "优衣库"}), content_type="application/json")
    assert (response.status_code, response.json()) == (200, {"known": False, "estimate": None})
    missing = client_for(world, "regulator").post("/api/v1/valuation/estimate", json.dumps({
        "category": "spaceships"}), content_type="application/json")
    assert (missing.status_code, missing.json()["code"]) == (404, "catalog.category_not_found")


def test_observation_list_api_filters_and_counts_queries(world: dict[str, Any], sales: list[Any]) -> None:
    ObservationFactory(category=category("clothing"), brand="优衣库", model_name="羽绒服", price=Decimal("150"))
    client = client_for(world, "admin")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/valuation/observations", {"category": category().pk, "q": "iphone"})
    assert response.json()["count"] == 5 and len(queries) <= 6
    assert [item["price"] for item in response.json()["items"]] == list(PRICES)
    assert client.get("/api/v1/valuation/observations", {"source": "appraisal"}).json()["count"] == 0


def test_observation_create_api(world: dict[str, Any]) -> None:
    response = client_for(world, "manager_a").post("/api/v1/valuation/observations", json.dumps({
        "category": "mobile-phones", "brand": "Huawei", "model_name": "P50", "price": "1999", "source": "appraisal",
        "observed_on": "2026-11-02", "source_ref": "APR-7", "attributes": {"storage_gb": "256"}}),
        content_type="application/json")
    assert response.status_code == 201
    assert {key: response.json()[key] for key in ("brand", "price", "source", "source_ref", "attributes")} == {
        "brand": "Huawei", "price": "1999.00", "source": "appraisal", "source_ref": "APR-7",
        "attributes": {"storage_gb": "256"}}
    invalid = client_for(world, "manager_a").post("/api/v1/valuation/observations", json.dumps({
        "category": "mobile-phones", "price": "0", "observed_on": "2026-11-02"}), content_type="application/json")
    assert (invalid.status_code, invalid.json()["code"]) == (422, "valuation.observation_invalid")
    assert set(invalid.json()["errors"]) == {"brand", "price"}


def test_model_list_api_and_registry_page(world: dict[str, Any]) -> None:
    registry_row(version=1, is_active=False)
    active = registry_row(version=2, is_active=True)
    client = client_for(world, "regulator")
    with CaptureQueriesContext(connection) as queries:
        items = client.get("/api/v1/valuation/models").json()["items"]
    assert [(item["version"], item["is_active"], item["trained_by"]) for item in items] == [
        (2, True, "system"), (1, False, "system")]
    assert len(queries) <= 5
    page = client.get(reverse("valuation-home")).content.decode()
    assert f'href="/valuation/models/{active.pk}/">v2</a>' in page and "Mobile phones" in page
    assert "Train now" not in page  # regulators read only


def test_observation_page_filters_and_exports(world: dict[str, Any], sales: list[Any]) -> None:
    client = client_for(world, "manager_a")
    page = client.get(reverse("valuation-observations"), {"q": "iPhone"}).content.decode()
    assert "5 past prices" in page and "甲回收" in page
    fragment = client.get(reverse("valuation-observations"), {"q": "Nokia"}, HTTP_HX_REQUEST="true")
    assert "No past price matches." in fragment.content.decode() and "<html" not in fragment.content.decode()
    exported = client.get(reverse("valuation-observations"), {"format": "csv"}).content.decode("utf-8-sig")
    lines = exported.splitlines()
    assert lines[0] == ("Observation,Observed on,Category,Brand,Model,Attributes,Grade,Grading scheme,Price (CNY),"
                        "Source,Source reference,Operator")
    assert lines[1] == (f"{sales[0].pk},2026-11-01,mobile-phones,Apple,iPhone 13,storage_gb=128,95,market-condition,"
                        "1000.00,Sale,POS-0,甲回收")
    xlsx = client.get(reverse("valuation-observations"), {"format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_estimate_form_over_htmx(world: dict[str, Any], sales: list[Any]) -> None:
    client = client_for(world, "clerk_a")
    form = client.get(reverse("valuation-estimate"), {"category": category("clothing").pk}, HTTP_HX_REQUEST="true")
    assert 'name="attr_size"' in form.content.decode() and "<html" not in form.content.decode()
    result = client.post(reverse("valuation-estimate"), {
        "category": category().pk, "brand": "Apple", "model_name": "iPhone 13", "grade": "market-condition:95",
        "attr_storage_gb": "128"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Estimated price: ¥1,500" in result and "Interval: ¥1,200 – ¥1,800" in result
    assert "95 % new" in result  # grades as people read them
    invalid = client.post(reverse("valuation-estimate"), {"category": category().pk, "on_date": "soon"},
                          HTTP_HX_REQUEST="true")
    assert invalid.status_code == 200 and "Valuation date: Enter a valid date." in invalid.content.decode()
