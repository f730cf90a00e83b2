from __future__ import annotations

import pytest
from stdnum.cn import uscc

from recirc.operators.tests.factories import valid_credit_code
from recirc.operators.validation import (
    is_valid_credit_code,
    is_valid_district_code,
    normalize_credit_code,
)


def test_factory_credit_codes_are_valid_and_distinct() -> None:
    codes = {valid_credit_code(number) for number in range(1, 200)}
    assert len(codes) == 199
    assert all(uscc.is_valid(code) and is_valid_credit_code(code) for code in codes)


@pytest.mark.parametrize("raw, expected", [
    ("91110000600037341L", True),   # python-stdnum's own example
    ("91110000600037341X", False),  # wrong check digit
    ("91110000600037341", False),   # 17 characters
    ("A1110000600037341L", False),  # first eight must be digits
    ("91110000600O37341L", False),  # O is not in the alphabet
    ("", False),
])
def test_credit_code_check_digit(raw: str, expected: bool) -> None:
    assert is_valid_credit_code(raw) is expected


def test_normalize_removes_grouping_and_upper_cases() -> None:
    assert normalize_credit_code(" 9111 0000-600037341l ") == "91110000600037341L"


@pytest.mark.parametrize("code, expected", [("330106", True), ("33010", False), ("3301066", False),
                                            ("33O106", False), ("", False)])
def test_district_code_is_six_digits(code: str, expected: bool) -> None:
    assert is_valid_district_code(code) is expected
