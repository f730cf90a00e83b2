"""Recording past prices: validation (every problem at once, nothing written), the operator of a manager's
prices, duplicates per source reference, the facade's idempotency for other contexts, and the file import
with per-row errors."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import Workbook

from recirc.core.models import AuditEvent
from recirc.valuation import facade, imports, services
from recirc.valuation.errors import ImportInvalid, ObservationDuplicate, ObservationInvalid
from recirc.valuation.models import PriceObservation
from recirc.valuation.tests.conftest import snapshot
from recirc.valuation.tests.factories import ObservationFactory, category

GOOD = {"category": "mobile-phones", "brand": "苹果", "model_name": "iPhone 13", "grade": "95",
        "grading_scheme": "market-condition", "price": "2,650.5", "observed_on": "2026-10-08", "source": "sale",
        "source_ref": "POS-1", "attributes": {"storage_gb": "128", "colour": "午夜色"}}
HEADER = "品类代码,品牌,型号,等级,等级标准,价格,日期,来源,参考号,存储容量,colour\n"


def test_a_manager_records_a_sale_of_their_own_operator(world: dict[str, Any]) -> None:
    row = services.observation_record(actor=world["manager_a"], data={**GOOD, "operator": world["operator_b"].pk})
    assert (row.category_id, row.brand, row.model_name, row.grade, row.grading_scheme) == (
        category().pk, "Apple", "iPhone 13", "95", "market-condition")
    assert (row.price, row.observed_on, row.source, row.source_ref, row.operator_id, row.recorded_by) == (
        Decimal("2650.50"), dt.date(2026, 10, 8), "sale", "POS-1", world["operator_a"].pk, world["manager_a"])
    assert row.attributes == {"storage_gb": "128", "colour": "午夜色"}
    event = AuditEvent.objects.get(action="valuation.observation_recorded")
    assert (event.target_id, event.operator_id, event.payload) == (
        str(row.pk), world["operator_a"].pk, {"category_id": category().pk, "source": "sale", "source_ref": "POS-1",
                                              "price": "2650.50"})


def test_every_problem_is_reported_and_nothing_written(world: dict[str, Any]) -> None:
    before = snapshot()
    with pytest.raises(ObservationInvalid) as refused:
        services.observation_record(actor=world["admin"], data={
            **GOOD, "brand": "", "model_name": "", "price": "-5", "observed_on": "2099-01-01", "source": "gift",
            "grade": "96", "attributes": {"storage_gb": "100", "engine": "V8"}, "operator": 999999})
    assert refused.value.code == "valuation.observation_invalid"
    assert {field: [str(message) for message in messages] for field, messages in refused.value.errors.items()} == {
        "brand": ["Give the brand, the model or both."],
        "price": ["The price must be above 0 and at most 10,000,000 yuan."],
        "observed_on": ["The date must be between 2000-01-01 and today."],
        "source": ["Choose sale, appraisal or import."],
        "operator": ["Unknown operator."],
        "attributes.engine": ["“engine” is not an attribute of this category."],
        "attributes.storage_gb": ["Storage must be one of: 16 GB, 32 GB, 64 GB, 128 GB, 256 GB, 512 GB, 1 TB, 2 TB, "
                                  "4 TB."],
        "grade": ["“96” is not a grade of market-condition."]}
    assert snapshot() == before


def test_a_repeated_reference_is_a_conflict_for_people_and_idempotent_for_contexts(world: dict[str, Any]) -> None:
    first = services.observation_record(actor=world["admin"], data=GOOD)
    before = snapshot()
    with pytest.raises(ObservationDuplicate) as refused:
        services.observation_record(actor=world["admin"], data=GOOD)
    assert refused.value.text() == "A price observation from Sale “POS-1” is already recorded."
    assert snapshot() == before
    again = facade.observation_record(actor=None, category_id=category().pk, price=Decimal("1"),
                                      observed_on=dt.date(2026, 10, 8), source="sale", source_ref="POS-1",
                                      brand="Apple", model_name="iPhone 13")
    assert again == first.pk and snapshot() == before


def test_another_context_feeds_a_sale_through_the_facade(world: dict[str, Any]) -> None:
    observation_id = facade.observation_record(
        actor=world["clerk_a"], category_id=category().pk, price=Decimal("1999.00"), observed_on=dt.date(2026, 11, 2),
        source="sale", source_ref="trade.order:55", brand="Huawei", model_name="P50",
        attributes={"storage_gb": "256"}, grade="A", grading_scheme="ctia-cosmetic", operator_id=world["operator_a"].pk)
    row = PriceObservation.objects.get(pk=observation_id)
    assert (row.brand, row.operator_id, row.recorded_by, row.grade) == ("Huawei", world["operator_a"].pk,
                                                                        world["clerk_a"], "A")


def csv_file(*lines: str) -> bytes:
    return (HEADER + "".join(line + "\n" for line in lines)).encode("utf-8")


def test_import_saves_every_row(world: dict[str, Any]) -> None:
    content = csv_file("mobile-phones,Apple,iPhone 13,95,market-condition,2650,2026-10-08,成交,POS-9,128,黑色",
                       "clothing,优衣库,羽绒服,,,180,2026-09-01,,,,")
    rows = imports.observations_import(actor=world["manager_a"], file_name="sales.csv", content=content)
    assert [(row.brand, row.price, row.source, row.source_ref, row.attributes, row.operator_id) for row in rows] == [
        ("Apple", Decimal("2650.00"), "sale", "POS-9", {"storage_gb": "128", "colour": "黑色"},
         world["operator_a"].pk),
        ("优衣库", Decimal("180.00"), "import", "", {}, world["operator_a"].pk)]
    event = AuditEvent.objects.get(action="valuation.observations_imported")
    assert event.payload == {"file": "sales.csv", "count": 2,
                             "categories": sorted([category().pk, category("clothing").pk])}


def test_import_lists_every_bad_row_and_saves_none(world: dict[str, Any]) -> None:
    ObservationFactory(source="sale", source_ref="POS-1")
    content = csv_file("mobile-phones,Apple,iPhone 13,95,market-condition,abc,2026-10-08,sale,POS-2,128,",
                       "toys,Lego,City,,,99,2026-10-08,sale,,,",
                       "mobile-phones,Apple,iPhone 13,,,2000,08/10/2026,sale,POS-3,,",
                       "mobile-phones,Apple,iPhone 13,,,2000,2026-10-08,sale,POS-1,,",
                       "mobile-phones,Apple,iPhone 13,,,2000,2026-10-08,sale,POS-4,,",
                       "mobile-phones,Apple,iPhone 13,,,2100,2026-10-09,sale,POS-4,,")
    before = snapshot()
    with pytest.raises(ImportInvalid) as refused:
        imports.observations_import(actor=world["admin"], file_name="sales.csv", content=content)
    known = PriceObservation.objects.get(source_ref="POS-1").pk
    assert [str(line) for line in refused.value.errors["file"]] == [
        "Line 2: price: Enter the price in yuan, such as 1299.00.",
        "Line 3: category: Unknown category.",
        "Line 4: observed_on: Enter the date as YYYY-MM-DD.",
        f"Line 5: reference POS-1 is already recorded (observation {known}).",
        "Line 7: repeats line 6."]
    assert snapshot() == before


@pytest.mark.parametrize(("name", "content", "message"), [
    ("sales.pdf", b"%PDF", "Upload a .csv or .xlsx file."),
    ("sales.csv", b"", "The file is empty."),
    ("sales.csv", b"brand,price\nApple,1\n", "Line 1: the heading row needs the columns category, price and "
                                              "observed_on (download the template)."),
    ("sales.csv", HEADER.encode(), "The file has a heading but no rows."),
    ("sales.xlsx", b"not a workbook", "The file is not a readable XLSX workbook.")])
def test_unreadable_files_are_refused(world: dict[str, Any], name: str, content: bytes, message: str) -> None:
    with pytest.raises(ImportInvalid) as refused:
        imports.observations_import(actor=world["admin"], file_name=name, content=content)
    assert [str(line) for line in refused.value.errors["file"]] == [message]


def test_xlsx_import_and_the_template(world: dict[str, Any]) -> None:
    workbook = Workbook()
    for row in imports.template_rows():
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows = imports.observations_import(actor=None, file_name="template.xlsx", content=buffer.getvalue())
    assert [(row.brand, row.model_name, row.price, row.observed_on, row.operator_id, row.attributes)
            for row in rows] == [
        ("Apple", "iPhone 13", Decimal("2650.00"), dt.date(2026, 10, 8), None,
         {"storage_gb": "128", "colour": "午夜色", "battery_health_percent": 88})]
    assert imports.template_csv().decode("utf-8-sig").splitlines()[0] == (
        "品类代码,品牌,型号,等级,等级标准,价格,日期,来源,参考号,存储容量,颜色,电池健康度")
