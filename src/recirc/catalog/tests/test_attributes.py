"""Attribute validation against a category's schema: every type, required, unknown keys, labels."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from recirc.catalog.attributes import attributes_clean, schema_validate
from recirc.catalog.errors import AttributesInvalid, SchemaInvalid

SCHEMA = schema_validate([
    {"key": "brand", "type": "text", "label": "品牌", "label_en": "Brand", "required": True, "max_length": 10},
    {"key": "battery", "type": "integer", "label": "电池健康度", "label_en": "Battery health", "min": 0, "max": 100,
     "unit": "%"},
    {"key": "weight_kg", "type": "decimal", "label": "重量", "label_en": "Weight", "min": "0.1", "max": 50},
    {"key": "storage_gb", "type": "choice", "label": "存储容量", "label_en": "Storage",
     "choices": [{"value": "128", "label": "128 GB", "label_en": "128 GB"}, "256"]},
    {"key": "washed", "type": "boolean", "label": "已清洗", "label_en": "Washed"},
])


def errors_of(attributes: object) -> dict[str, list[str]]:
    with pytest.raises(AttributesInvalid) as caught, translation.override("en"):
        attributes_clean(SCHEMA, attributes)
    assert caught.value.code == "catalog.attributes_invalid"
    return caught.value.errors


def test_valid_values_are_typed_and_normalised() -> None:
    # given strings as a form sends them, when cleaned, then typed JSON-ready values come back
    cleaned = attributes_clean(SCHEMA, {"brand": "  Apple  ", "battery": "87", "weight_kg": "1.50",
                                        "storage_gb": 256, "washed": "yes"})
    assert cleaned == {"brand": "Apple", "battery": 87, "weight_kg": "1.5", "storage_gb": "256", "washed": True}


def test_json_types_are_accepted_too() -> None:
    cleaned = attributes_clean(SCHEMA, {"brand": "Apple", "battery": 100.0, "weight_kg": Decimal("2"),
                                        "storage_gb": "128 GB", "washed": False})
    assert cleaned == {"brand": "Apple", "battery": 100, "weight_kg": "2", "storage_gb": "128", "washed": False}


def test_blank_optional_values_are_dropped() -> None:
    assert attributes_clean(SCHEMA, {"brand": "Apple", "battery": "", "washed": None}) == {"brand": "Apple"}


@pytest.mark.parametrize(("attributes", "field", "message"), [
    ({}, "attributes.brand", "Brand is required."),
    ({"brand": "A" * 11}, "attributes.brand", "Brand must be at most 10 characters."),
    ({"brand": True}, "attributes.brand", "Brand must be text."),
    ({"brand": "A", "battery": "ninety"}, "attributes.battery", "Battery health must be a whole number."),
    ({"brand": "A", "battery": 9.5}, "attributes.battery", "Battery health must be a whole number."),
    ({"brand": "A", "battery": True}, "attributes.battery", "Battery health must be a whole number."),
    ({"brand": "A", "battery": 101}, "attributes.battery", "Battery health must be at most 100 %."),
    ({"brand": "A", "battery": -1}, "attributes.battery", "Battery health must be at least 0 %."),
    ({"brand": "A", "weight_kg": "heavy"}, "attributes.weight_kg", "Weight must be a number."),
    ({"brand": "A", "weight_kg": "NaN"}, "attributes.weight_kg", "Weight must be a number."),
    ({"brand": "A", "weight_kg": "0.05"}, "attributes.weight_kg", "Weight must be at least 0.1."),
    ({"brand": "A", "storage_gb": "64"}, "attributes.storage_gb", "Storage must be one of: 128 GB, 256."),
    ({"brand": "A", "washed": "maybe"}, "attributes.washed", "Washed must be yes or no."),
    ({"brand": "A", "colour": "red"}, "attributes.colour", "“colour” is not an attribute of this category."),
])
def test_each_rule_reports_on_its_attribute(attributes: dict[str, object], field: str, message: str) -> None:
    assert errors_of(attributes) == {field: [message]}


def test_all_problems_are_reported_at_once() -> None:
    errors = errors_of({"battery": "x", "unknown": 1})
    assert sorted(errors) == ["attributes.battery", "attributes.brand", "attributes.unknown"]


def test_messages_name_the_label_in_the_current_language() -> None:
    with pytest.raises(AttributesInvalid) as caught, translation.override("zh-hans"):
        attributes_clean(SCHEMA, {"brand": "A", "battery": "x"})
    assert "电池健康度" in caught.value.errors["attributes.battery"][0]


def test_attributes_must_be_an_object() -> None:
    assert errors_of(["brand"]) == {"attributes": ["Attributes must be an object of names and values."]}


@pytest.mark.parametrize(("schema", "fragment"), [
    ("not a list", "must be a list"),
    ([{"key": "Bad Key", "type": "text", "label": "x", "label_en": "x"}], "key must be lower-case"),
    ([{"key": "a", "type": "colour", "label": "x", "label_en": "x"}], "type must be one of"),
    ([{"key": "a", "type": "text", "label": "", "label_en": "x"}], "Chinese and an English label"),
    ([{"key": "a", "type": "choice", "label": "x", "label_en": "x", "choices": []}], "non-empty list of choices"),
    ([{"key": "a", "type": "choice", "label": "x", "label_en": "x", "choices": ["1", "1"]}], "must be unique"),
    ([{"key": "a", "type": "text", "label": "x", "label_en": "x", "min": 1}], "only numbers"),
    ([{"key": "a", "type": "integer", "label": "x", "label_en": "x", "min": 5, "max": 1}], "minimum is greater"),
    ([{"key": "a", "type": "text", "label": "x", "label_en": "x", "colour": 1}], "unknown settings colour"),
    ([{"key": "a", "type": "text", "label": "x", "label_en": "x"}] * 2, "more than once: a"),
])
def test_schema_problems_are_refused(schema: object, fragment: str) -> None:
    with pytest.raises(SchemaInvalid) as caught, translation.override("en"):
        schema_validate(schema)
    assert caught.value.code == "catalog.schema_invalid"
    assert any(fragment in message for message in caught.value.errors["attribute_schema"])
