"""Money is Decimal yuan with two places, rounded half up; floats and nonsense are refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils.translation import override
from hypothesis import given
from hypothesis import strategies as st

from recirc.core.errors import ValidationFailed
from recirc.core.money import format_cny, money, money_non_negative


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1,299.5", Decimal("1299.50")),
        ("¥12", Decimal("12.00")),
        ("￥12", Decimal("12.00")),
        (" 7.1 ", Decimal("7.10")),
        ("0.005", Decimal("0.01")),
        ("0.004", Decimal("0.00")),
        ("2.675", Decimal("2.68")),
        ("-0.005", Decimal("-0.01")),
        (12, Decimal("12.00")),
        (Decimal("3.14159"), Decimal("3.14")),
    ],
)
def test_amounts_are_parsed_and_rounded_half_up_to_cents(raw: object, expected: Decimal) -> None:
    amount = money(raw)  # type: ignore[arg-type]

    assert amount == expected
    assert amount.as_tuple().exponent == -2


def test_a_float_is_refused() -> None:
    with pytest.raises(TypeError, match="refuses float"):
        money(12.5)  # type: ignore[arg-type]


@pytest.mark.parametrize("raw", ["abc", "", "12..5", "NaN", "Infinity", "1e", "¥"])
def test_nonsense_is_a_validation_error_on_the_named_field(raw: str) -> None:
    with override("en"), pytest.raises(ValidationFailed) as caught:
        money(raw, field="price")

    assert caught.value.code == "core.money_invalid"
    assert caught.value.status == 422
    with override("en"):
        assert caught.value.errors == {"price": ["Enter an amount of money such as 1299.00."]}


def test_a_negative_amount_is_refused_where_it_must_not_be_negative() -> None:
    with override("en"), pytest.raises(ValidationFailed) as caught:
        money_non_negative("-0.01", field="deposit")

    assert caught.value.code == "core.money_negative"
    assert caught.value.errors == {"deposit": ["The amount cannot be negative."]}
    assert money_non_negative("0") == Decimal("0.00")
    assert money_non_negative("¥1,000") == Decimal("1000.00")


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("1299.5"), "¥1,299.50"),
        (Decimal("0"), "¥0.00"),
        (Decimal("1234567.891"), "¥1,234,567.89"),
        (Decimal("0.005"), "¥0.01"),
        (Decimal("12"), "¥12.00"),
    ],
)
def test_format_cny_is_exact(amount: Decimal, text: str) -> None:
    assert format_cny(amount) == text


@given(st.decimals(min_value=Decimal("-1000000000"), max_value=Decimal("1000000000"), places=2,
                   allow_nan=False, allow_infinity=False))
def test_formatted_amounts_parse_back_to_the_same_amount(amount: Decimal) -> None:
    assert money(format_cny(amount)) == amount
    assert money(str(amount)) == amount
