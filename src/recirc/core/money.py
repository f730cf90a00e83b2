"""Money is Decimal yuan (CNY) with two places, never float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from recirc.core.errors import ValidationFailed

CENT = Decimal("0.01")
CURRENCY = "CNY"


def money(value: Decimal | int | str, *, field: str = "amount") -> Decimal:
    """Parse and round to cents (half up). Floats are refused: they are not exact."""
    if isinstance(value, float):
        raise TypeError("money() refuses float; pass Decimal, int or str")
    try:
        amount = Decimal(str(value).strip().replace(",", "").lstrip("¥￥"))
    except (InvalidOperation, ValueError) as error:
        raise ValidationFailed(_("Enter an amount of money such as 1299.00."), field=field,
                               code="core.money_invalid") from error
    if not amount.is_finite():
        raise ValidationFailed(_("Enter an amount of money such as 1299.00."), field=field,
                               code="core.money_invalid")
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def money_non_negative(value: Decimal | int | str, *, field: str = "amount") -> Decimal:
    amount = money(value, field=field)
    if amount < 0:
        raise ValidationFailed(_("The amount cannot be negative."), field=field, code="core.money_negative")
    return amount


def format_cny(amount: Decimal) -> str:
    return f"¥{amount.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"
