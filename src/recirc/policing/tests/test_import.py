"""Watchlist import from CSV and XLSX: headings in English or Chinese, identifiers in any notation, every bad
row reported as "Line N: reason" and nothing imported then; the template round-trips."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from recirc.core.errors import PermissionDenied
from recirc.policing import imports
from recirc.policing.errors import WatchlistImportInvalid
from recirc.policing.models import Alert, WatchlistEntry, WatchlistIdentifier
from recirc.policing.tests.conftest import snapshot
from recirc.policing.tests.factories import imei, register_phone

FIRST, SECOND = imei(101), imei(102)


def as_csv(rows: list[list[str]], encoding: str = "utf-8-sig") -> bytes:
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    return text.getvalue().encode(encoding)


def as_xlsx(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


GOOD = [["case_number", "reporting_unit", "kind", "brand", "model", "description", "imei", "mac"],
        ["A-1", "西湖区分局", "被盗", "苹果", "iPhone 13", "背面刻字 ZL4821", f"{FIRST[:8]}-{FIRST[8:]}", ""],
        ["A-2", "西湖区分局", "lost", "", "", "", f"{SECOND}; {imei(103)}", "3c22.fb12.3456"]]


def test_a_csv_file_is_imported(world: dict[str, Any]) -> None:
    result = imports.watchlist_import(actor=world["police"], file_name="circular.csv", content=as_csv(GOOD))
    assert result.count == 2
    assert list(WatchlistEntry.objects.order_by("pk").values_list("case_number", "kind", "brand_key", "source")) == [
        ("A-1", "stolen", "apple", "import"), ("A-2", "lost", "", "import")]
    assert sorted(WatchlistIdentifier.objects.values_list("kind", "value")) == sorted([
        ("imei", FIRST), ("imei", SECOND), ("imei", imei(103)), ("mac", "3C:22:FB:12:34:56")])


def test_an_xlsx_file_with_chinese_headings_and_numeric_cells(world: dict[str, Any]) -> None:
    rows = [["案件编号", "报案单位", "类型", "品牌", "型号", "特征描述", "IMEI"],
            ["B-1", "滨江区分局", "通缉", "华为", "Mate 40 Pro", "壳上印有 QX 字样", int(FIRST)],
            [None, None, None, None, None, None, None]]  # blank rows are skipped
    result = imports.watchlist_import(actor=world["police"], file_name="通报.xlsx", content=as_xlsx(rows))
    entry = result.entries[0]
    assert (result.count, entry.kind, entry.brand_key, list(entry.identifiers.values_list("value", flat=True))) == (
        1, "wanted", "huawei", [FIRST])


def test_a_gb18030_csv_from_excel(world: dict[str, Any]) -> None:
    result = imports.watchlist_import(actor=world["police"], file_name="c.csv", content=as_csv(GOOD, "gb18030"))
    assert result.count == 2 and WatchlistEntry.objects.filter(reporting_unit="西湖区分局").count() == 2


def test_every_bad_row_is_reported_and_nothing_is_imported(world: dict[str, Any]) -> None:
    bad_check_digit = FIRST[:14] + str((int(FIRST[14]) + 1) % 10)
    rows = [GOOD[0],
            ["C-1", "西湖区分局", "stolen", "", "", "", bad_check_digit, ""],
            ["", "西湖区分局", "stolen", "", "", "", SECOND, ""],
            ["C-3", "西湖区分局", "burgled", "", "", "", imei(104), ""],
            ["C-4", "西湖区分局", "stolen", "Apple", "", "", "", ""],
            ["C-5", "西湖区分局", "stolen", "", "", "", imei(105), ""],
            ["C-5", "西湖区分局", "stolen", "", "", "", imei(105), ""]]
    before = snapshot()
    with pytest.raises(WatchlistImportInvalid) as refused:
        imports.watchlist_import(actor=world["police"], file_name="c.csv", content=as_csv(rows))
    assert refused.value.errors["file"] == [
        "Line 2: imei: The IMEI check digit is wrong: check for a mistyped digit.",
        "Line 3: case_number: This field is required.",
        "Line 4: kind: Choose stolen, lost, wanted or seized.",
        "Line 5: Give at least one identifier (IMEI, MEID, serial number or MAC address) or a brand with a "
        "description of distinguishing features.",
        "Line 7: repeats line 6."]
    assert snapshot() == before


def test_an_entry_already_on_the_watchlist_is_not_imported_twice(world: dict[str, Any]) -> None:
    imports.watchlist_import(actor=world["police"], file_name="c.csv", content=as_csv(GOOD))
    with pytest.raises(WatchlistImportInvalid) as refused:
        imports.watchlist_import(actor=world["police"], file_name="c.csv", content=as_csv(GOOD[:2]))
    first = WatchlistEntry.objects.get(case_number="A-1")
    assert refused.value.errors["file"] == [
        f"Line 2: {FIRST} of case A-1 is already on the watchlist (entry {first.pk})."]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("c.csv", b"", "The file is empty."),
    ("c.csv", as_csv([["brand", "imei"], ["Apple", FIRST]]), "Line 1: the heading row needs at least the columns "
                                                             "case_number and reporting_unit (download the template)."),
    ("c.csv", as_csv([GOOD[0]]), "The file has a heading but no rows."),
    ("c.pdf", b"%PDF", "Upload a .csv or .xlsx file."),
    ("c.xlsx", b"not a zip", "The file is not a readable XLSX workbook."),
])
def test_unreadable_files_are_refused(world: dict[str, Any], name: str, content: bytes, message: str) -> None:
    with pytest.raises(WatchlistImportInvalid) as refused:
        imports.watchlist_import(actor=world["police"], file_name=name, content=content)
    assert refused.value.errors["file"] == [message] and WatchlistEntry.objects.count() == 0


@pytest.mark.parametrize("actor_key", ["clerk_a", "regulator", "consumer"])
def test_only_the_police_import(world: dict[str, Any], actor_key: str) -> None:
    before = snapshot()
    with pytest.raises(PermissionDenied):
        imports.watchlist_import(actor=world[actor_key], file_name="c.csv", content=as_csv(GOOD))
    assert snapshot() == before


def test_imported_entries_are_matched_against_past_registrations(world: dict[str, Any],
                                                                 django_capture_on_commit_callbacks: Any) -> None:
    item = register_phone(world["clerk_a"], identifiers=[("imei", SECOND)])
    with django_capture_on_commit_callbacks(execute=True):
        imports.watchlist_import(actor=world["police"], file_name="c.csv", content=as_csv(GOOD))
    assert list(Alert.objects.values_list("kind", "item_id")) == [("watchlist_exact", item.pk)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_imports_as_it_is(world: dict[str, Any], fmt: str) -> None:
    content = imports.template_csv() if fmt == "csv" else imports.template_xlsx()
    if fmt == "xlsx":
        assert [cell.value for cell in next(load_workbook(io.BytesIO(content)).active.iter_rows())][:2] == [
            "案件编号", "报案单位"]
    result = imports.watchlist_import(actor=world["police"], file_name=f"template.{fmt}", content=content)
    assert result.count == 1 and result.entries[0].identifiers.get().value == "490154203237518"
