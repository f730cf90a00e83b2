"""Public catalogue pages and API."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_category_list_shows_the_tree_with_schemas_and_scales(client: Client) -> None:
    response = client.get(reverse("category-list"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    body = response.content.decode()
    assert response.status_code == 200
    assert "手机" in body and "storage_gb" in body and "99新" in body and "CTIA" in body


def test_category_detail_shows_scales_and_factor(client: Client) -> None:
    response = client.get(reverse("category-detail", args=["mobile-phones"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "T/TAF 173-2023" in body and "50.00" in body and "数码产品" in body


def test_unknown_category_is_404(client: Client) -> None:
    assert client.get(reverse("category-detail", args=["spaceships"])).status_code == 404


def test_api_lists_categories_in_tree_order(client: Client) -> None:
    response = client.get("/api/v1/catalog/categories")
    codes = [row["code"] for row in response.json()]
    assert response.status_code == 200
    assert codes.index("digital-products") < codes.index("mobile-phones") < codes.index("clothing")


def test_api_category_and_scales(client: Client) -> None:
    phones = client.get("/api/v1/catalog/categories/mobile-phones").json()
    assert phones["requires_hardware_identifier"] is True
    storage = next(spec for spec in phones["attribute_schema"] if spec["key"] == "storage_gb")
    assert storage["choices"][3] == {"value": "128", "label": "128 GB", "label_en": "128 GB"}
    scales = client.get("/api/v1/catalog/categories/mobile-phones/grading-scales").json()
    assert {scale["code"] for scale in scales} >= {"ctia-cosmetic", "market-condition"}
    missing = client.get("/api/v1/catalog/categories/spaceships")
    assert (missing.status_code, missing.json()["code"]) == (404, "catalog.category_not_found")
