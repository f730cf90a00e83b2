"""Identity document numbers: GB 11643 resident numbers through python-stdnum, basic shapes for the rest."""

from __future__ import annotations

import datetime as dt

import pytest
from stdnum.cn import ric

from recirc.accounts.errors import InvalidIdNumber
from recirc.accounts.id_documents import age_on, check_document, check_resident_id

# Synthetic numbers only (python-stdnum's test vectors and numbers built with its check digit).
VALID = "11010519491231002X"
VALID_SOUTH = "360426199101010071"


def with_check_digit(first_seventeen: str) -> str:
    return first_seventeen + ric.calc_check_digit(first_seventeen + "0")


def test_the_vectors_are_what_stdnum_says() -> None:
    assert ric.is_valid(VALID)
    assert ric.is_valid(VALID_SOUTH)
    # A classic vector that python-stdnum 2.x rejects: county 440524 (潮阳县) existed only 1983-1993.
    assert not ric.is_valid("440524188001010014")


@pytest.mark.parametrize(("typed", "number", "birth_date", "region"), [
    (VALID, VALID, dt.date(1949, 12, 31), "110105"),
    ("11010519491231002x", VALID, dt.date(1949, 12, 31), "110105"),
    (" 110105 19491231 002X ", VALID, dt.date(1949, 12, 31), "110105"),
    ("１１０１０５１９４９１２３１００２Ｘ", VALID, dt.date(1949, 12, 31), "110105"),
    (VALID_SOUTH, VALID_SOUTH, dt.date(1991, 1, 1), "360426"),
])
def test_valid_resident_numbers(typed, number, birth_date, region) -> None:
    checked = check_resident_id(typed)
    assert (checked.number, checked.birth_date, checked.region_code) == (number, birth_date, region)


@pytest.mark.parametrize(("number", "code"), [
    ("110105194912310021", "accounts.id_check_digit"),
    (with_check_digit("11010519491331002"), "accounts.id_birth_date"),   # month 13
    (with_check_digit("11010520991231002"), "accounts.id_birth_date"),   # born in the future
    (with_check_digit("99010519491231002"), "accounts.id_region"),       # no such province
    (with_check_digit("44999919800101001"), "accounts.id_region"),       # known province, no such county
    ("440524188001010014", "accounts.id_region"),                        # region not assigned in 1880
    ("1101051949123100", "accounts.id_number_format"),
    ("11010519491231002Y", "accounts.id_number_format"),
])
def test_invalid_resident_numbers_name_the_field(number, code) -> None:
    with pytest.raises(InvalidIdNumber) as raised:
        check_resident_id(number)
    assert raised.value.code == code
    assert list(raised.value.errors) == ["id_number"]
    assert number.upper() not in raised.value.text()


@pytest.mark.parametrize(("document_type", "number", "valid"), [
    ("passport", "E12345678", True),
    ("passport", "e1234 5678", True),
    ("passport", "E1", False),
    ("hk_macao_permit", "H12345678", True),
    ("hk_macao_permit", "X12345678", False),
    ("taiwan_permit", "12345678", True),
    ("taiwan_permit", "1234567", False),
    ("foreigner_permit", "USA110012345678", True),
    ("foreigner_permit", with_check_digit("91100019800101001"), True),
    ("foreigner_permit", "91100019800101001" + ("1" if with_check_digit("91100019800101001")[-1] == "0" else "0"),
     False),
])
def test_other_documents_have_basic_format_checks(document_type, number, valid) -> None:
    if valid:
        assert check_document(document_type, number).birth_date is None
    else:
        with pytest.raises(InvalidIdNumber):
            check_document(document_type, number)


@pytest.mark.parametrize(("day", "age"), [
    (dt.date(2026, 12, 30), 76), (dt.date(2026, 12, 31), 77), (dt.date(2027, 1, 1), 77)])
def test_age_on(day, age) -> None:
    assert age_on(dt.date(1949, 12, 31), day) == age
