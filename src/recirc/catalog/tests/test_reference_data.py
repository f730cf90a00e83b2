"""The reference data migration: present on every database, including a fresh test database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from recirc.catalog import facade
from recirc.catalog.models import CarbonFactor, Category, GradingScale

pytestmark = pytest.mark.django_db


def test_the_pilot_categories_exist_with_their_rules() -> None:
    phones = facade.category_get("mobile-phones")
    assert (phones.name, phones.name_en) == ("手机", "Mobile phones")
    assert (phones.has_storage, phones.requires_hardware_identifier, phones.high_risk) == (True, True, True)
    assert [spec.key for spec in phones.schema] == ["brand", "model", "storage_gb", "colour",
                                                    "network_access_licence", "battery_health_percent"]
    battery = phones.spec("battery_health_percent")
    assert battery is not None and (battery.min, battery.max, battery.unit) == (Decimal(0), Decimal(100), "%")
    assert facade.category_get("clothing").spec("size") is not None
    assert facade.category_get("furniture").spec("assembly_required") is not None


def test_the_tree_has_parents_and_leaves() -> None:
    digital = facade.category_get("digital-products")
    assert digital.is_leaf is False
    children = {ref.code for ref in facade.category_list() if ref.parent_id == digital.id}
    assert children == {"mobile-phones", "tablets", "laptops", "desktop-computers"}
    roots = {node.category.code for node in facade.category_tree()}
    assert {"clothing", "furniture", "household-appliances", "bicycles", "books", "luxury-bags-watches",
            "baby-goods", "digital-products"} <= roots


def test_every_stored_schema_is_valid() -> None:
    from recirc.catalog.attributes import schema_validate

    for category in Category.objects.all():
        assert schema_validate(category.attribute_schema) == category.attribute_schema


def test_grading_scales_name_their_standards() -> None:
    standards = dict(GradingScale.objects.values_list("code", "standard"))
    assert standards == {
        "market-condition": "market practice (成色)",
        "ctia-cosmetic": "CTIA Wireless Device Grading Scales",
        "ctia-functional": "CTIA Wireless Device Grading Scales",
        "gbt-45656-usability": "GB/T 45656-2025",
        "t-taf-173": "T/TAF 173-2023",
        "clothing-condition": "GB/T 21667-2024 (quality grades)",
        "furniture-condition": "GB/T 21667-2024 (quality grades)",
        "recirc-grade": "Recirc internal grade (mapped per checklist)",  # migration 0006: the checklists' scale
    }
    market = GradingScale.objects.get(code="market-condition")
    assert [grade["label"] for grade in market.grades] == ["99新", "95新", "9新", "8新", "7新及以下"]
    assert "per that structure" in GradingScale.objects.get(code="gbt-45656-usability").description


def test_phones_get_their_own_inherited_and_general_scales() -> None:
    phones = facade.category_get("mobile-phones")
    codes = {scale.code for scale in facade.grading_scales_for(phones.id)}
    assert codes == {"market-condition", "ctia-cosmetic", "ctia-functional", "gbt-45656-usability", "t-taf-173",
                     "recirc-grade"}
    clothing = facade.category_get("clothing")
    assert {scale.code for scale in facade.grading_scales_for(clothing.id)} == {"market-condition",
                                                                                  "clothing-condition", "recirc-grade"}


def test_carbon_factors_have_sources_and_estimate_marks() -> None:
    factors = {factor.category.code: factor for factor in CarbonFactor.objects.select_related("category")}
    assert factors["mobile-phones"].kg_co2e_per_item == Decimal("50.00")
    assert factors["mobile-phones"].is_estimate is True
    assert "Product Environmental Report" in factors["mobile-phones"].source
    assert "Valuing our clothes" in factors["clothing"].source
    assert factors["books"].is_estimate is False
    assert all(len(factor.source) > 40 for factor in factors.values())


def test_carbon_factor_falls_back_to_nothing_before_it_is_valid() -> None:
    phones = facade.category_get("mobile-phones")
    assert facade.carbon_factor_for(phones.id, dt.date(2025, 1, 1)) == Decimal("50.00")
    assert facade.carbon_factor_for(phones.id, dt.date(2024, 12, 31)) is None
    assert facade.carbon_factor_for(facade.category_get("baby-goods").id, dt.date(2026, 1, 1)) is None
