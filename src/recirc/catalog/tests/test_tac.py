"""The TAC database: reading Osmocom files, the import command, lookups and the brand verdict."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils.translation import override

from recirc.catalog import facade
from recirc.catalog.contracts import TacRef
from recirc.catalog.errors import TacFileInvalid
from recirc.catalog.models import TacEntry
from recirc.catalog.services import tac_entries_import
from recirc.catalog.tacdb import parse_lines
from recirc.catalog.tests.factories import UserFactory
from recirc.core.errors import PermissionDenied
from recirc.core.models import AuditEvent
from recirc.core.roles import Role

OSMOCOM_FILE = Path("/work/shared/data/osmocom_tacdb.csv")
BANNER = "Osmocom TAC database under CC-BY-SA v3.0 (c) Harald Welte 2016\n"
HEADER = "tac,name,name,contributor,comment,gsmarena,gsmarena,aka\r\n"
SMALL = BANNER + HEADER + (
    "35332510,Apple,iPhone 13,someone,,,,\"A2634,A2482\"\r\n"
    "86751502,Xiaomi,Redmi Note 2,someone,,,,Redmi Note 2 Prime\r\n"
    "86123456,Huawei,Honor 8,someone,,,,\r\n"
    "3533251,Apple,short TAC,someone,,,,\r\n"
    "35999999,,no brand,someone,,,,\r\n"
    " 35123401,Nokia,3310,someone,,,,\r\n"
    "\r\n"
    "35123401,Nokia,3310 (2017),someone,,,,\r\n"
)


def run(path: Path, **options: Any) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    with override("en"):
        call_command("import_tac", str(path), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def small_file(tmp_path: Path) -> Path:
    path = tmp_path / "tacdb.csv"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_parsing_reports_bad_lines_and_lets_the_later_repeat_win() -> None:
    with override("en"):
        parsed = parse_lines(io.StringIO(SMALL, newline=""))
        errors, notes = [str(problem) for problem in parsed.errors], [str(problem) for problem in parsed.notes]
    assert [(row.line, row.tac, row.brand, row.model, row.aka) for row in parsed.rows] == [
        (3, "35332510", "Apple", "iPhone 13", "A2634,A2482"), (4, "86751502", "Xiaomi", "Redmi Note 2",
                                                                 "Redmi Note 2 Prime"),
        (5, "86123456", "Huawei", "Honor 8", ""), (10, "35123401", "Nokia", "3310 (2017)", "")]
    assert errors == ["line 6: the TAC must be 8 digits, not “3533251”",
                      "line 7: the brand (first “name” column) is missing"]
    assert notes == ["line 10: TAC 35123401 repeats line 8; this later line wins"]


@pytest.mark.parametrize("text", ["", BANNER, BANNER + "imei,brand\n35332510,Apple\n", "35332510,Apple,iPhone\n"])
def test_files_without_the_osmocom_header_are_refused(text: str) -> None:
    with pytest.raises(TacFileInvalid) as caught:
        parse_lines(io.StringIO(text))
    assert caught.value.code == "catalog.tac_file_invalid"


def test_the_command_imports_reports_and_is_idempotent(db: Any, small_file: Path) -> None:
    out, err = run(small_file)
    assert out.strip() == "TAC entries: 4 new, 0 updated, 0 unchanged; 2 line(s) skipped."
    assert err.splitlines() == ["line 6: the TAC must be 8 digits, not “3533251”",
                                "line 7: the brand (first “name” column) is missing",
                                "line 10: TAC 35123401 repeats line 8; this later line wins"]
    stamps = dict(TacEntry.objects.values_list("tac", "imported_at"))
    again, _err = run(small_file)
    assert again.strip() == "TAC entries: 0 new, 0 updated, 4 unchanged; 2 line(s) skipped."
    assert dict(TacEntry.objects.values_list("tac", "imported_at")) == stamps
    small_file.write_text(SMALL.replace("iPhone 13,", "iPhone 13 mini,"), encoding="utf-8")
    changed, _err = run(small_file, batch_size=2)
    assert changed.strip() == "TAC entries: 0 new, 1 updated, 3 unchanged; 2 line(s) skipped."
    assert TacEntry.objects.get(tac="35332510").model == "iPhone 13 mini"
    audits = AuditEvent.objects.filter(action="catalog.tac_imported").order_by("id")
    assert list(audits.values_list("actor_label", "payload")) == [
        ("system", {"source": "osmocom", "created": 4, "updated": 0, "unchanged": 0}),
        ("system", {"source": "osmocom", "created": 0, "updated": 0, "unchanged": 4}),
        ("system", {"source": "osmocom", "created": 0, "updated": 1, "unchanged": 3}),
    ]


@pytest.mark.parametrize(("text", "message"), [
    (BANNER + HEADER + "123,Apple,x,,,,,\n", "No TAC could be read from"),
    (BANNER + "imei,brand\n", "Line 2: expected the header"),
    ((BANNER + HEADER + "35332510,Apple,iPhone 13\n").encode("gb18030") + "苹果".encode("gb18030"),
     "The file is not UTF-8 text."),
    (None, "No such file"),
])
def test_the_command_fails_when_nothing_can_be_read(db: Any, tmp_path: Path, text: str | bytes | None,
                                                    message: str) -> None:
    path = tmp_path / "tacdb.csv"
    if isinstance(text, bytes):
        path.write_bytes(text)
    elif text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        run(path)
    assert message in str(caught.value)
    assert (TacEntry.objects.count(), AuditEvent.objects.count()) == (0, 0)


@pytest.mark.parametrize("role", [Role.CLERK, Role.POLICE, Role.COMMERCE_REGULATOR, Role.CONSUMER])
def test_only_the_system_and_catalogue_editors_import(db: Any, role: str) -> None:
    rows = parse_lines(io.StringIO(SMALL)).rows
    with pytest.raises(PermissionDenied):
        tac_entries_import(actor=UserFactory(role=role), rows=rows)
    assert (TacEntry.objects.count(), AuditEvent.objects.count()) == (0, 0)
    assert tac_entries_import(actor=UserFactory(role=Role.PLATFORM_ADMIN), rows=rows).created == 4


@pytest.mark.parametrize("given", ["35332510", "353325-10-123456-7", "35 332510 123456 7", "3533251012345678",
                                   "３５３３２５１０１２３４５６７"])
def test_lookup_accepts_imeis_imeisvs_and_bare_tacs(db: Any, small_file: Path, given: str) -> None:
    run(small_file)
    assert facade.tac_lookup(given) == TacRef(tac="35332510", brand="Apple", model="iPhone 13",
                                              canonical_brand="Apple", aka=("A2634", "A2482"))


@pytest.mark.parametrize("given", ["", "3533251", "35332510x", "99999999", "IMEI 35332510"])
def test_lookup_of_unknown_or_unreadable_input_is_none(db: Any, small_file: Path, given: str) -> None:
    run(small_file)
    assert facade.tac_lookup(given) is None


@pytest.mark.parametrize(("imei", "declared", "verdict"), [
    ("353325101234567", "苹果", "match"), ("353325101234567", "Apple", "match"),
    ("353325101234567", "Samsung", "mismatch"), ("353325101234567", "华为", "mismatch"),
    ("867515021234567", "Redmi", "match"), ("867515021234567", "小米", "match"),
    ("867515021234567", "vivo", "mismatch"), ("861234561234567", "荣耀", "match"),
    ("990000001234567", "Apple", "unverified"), ("353325101234567", "", "unverified"),
    ("353325101234567", "   ", "unverified"), ("not an imei", "Apple", "unverified"),
])
def test_brand_verdict(db: Any, small_file: Path, imei: str, declared: str, verdict: str) -> None:
    run(small_file)
    assert facade.tac_brand_verdict(imei, declared) == verdict


def expected_from(path: Path) -> dict[str, tuple[str, str]]:
    """The file read independently: TACs trimmed, the later line of a repeated TAC wins."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = handle.readlines()
    expected: dict[str, tuple[str, str]] = {}
    for row in csv.reader(lines[2:]):
        if row and row[0].strip().isdigit() and len(row[0].strip()) == 8 and row[1].strip():
            expected[row[0].strip()] = (" ".join(row[1].split()), " ".join(row[2].split()))
    return expected


@pytest.mark.skipif(not OSMOCOM_FILE.is_file(), reason=f"{OSMOCOM_FILE} is absent: the Osmocom TAC database "
                    "(https://tacdb.osmocom.org/export/tacdb.csv) is needed for this test")
def test_every_tac_of_the_osmocom_file_resolves_to_its_brand_and_model(db: Any) -> None:
    out, _err = run(OSMOCOM_FILE)
    expected = expected_from(OSMOCOM_FILE)
    assert len(expected) > 20_000
    assert out.strip() == f"TAC entries: {len(expected)} new, 0 updated, 0 unchanged; 0 line(s) skipped."
    resolved = facade.tac_lookup_many(expected)
    assert {tac: (ref.brand, ref.model) for tac, ref in resolved.items()} == expected
    sample = sorted(expected)[::50]  # the single lookup too, on every 50th TAC (each is one query)
    assert {tac: (ref.brand, ref.model) for tac in sample if (ref := facade.tac_lookup(tac + "1234567"))} == {
        tac: expected[tac] for tac in sample}
    apple = next(tac for tac, (brand, _model) in expected.items() if brand == "Apple")
    xiaomi = next(tac for tac, (brand, _model) in expected.items() if brand == "Xiaomi")
    assert (facade.tac_brand_verdict(apple + "0000000", "苹果"), facade.tac_brand_verdict(apple, "三星"),
            facade.tac_brand_verdict(xiaomi + "0000000", "Redmi")) == ("match", "mismatch", "match")
    unknown = next(f"{number:08d}" for number in range(10_000_000, 99_999_999) if f"{number:08d}" not in expected)
    assert facade.tac_lookup(unknown) is None
    assert facade.tac_brand_verdict(unknown + "0000000", "Apple") == "unverified"
