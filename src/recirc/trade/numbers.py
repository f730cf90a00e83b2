"""Public numbers: orders, checkouts, payments and refunds (a prefix, the day, five random characters), receipt
codes and pickup codes."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U


def _random(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_number(prefix: str, model: Any, field: str = "number", length: int = 6) -> str:
    """Such as T261201-7K3QFA; unique in `model.field` (re-drawn on the rare collision)."""
    while True:
        number = f"{prefix}{timezone.localdate():%y%m%d}-{_random(length)}"
        if not model.objects.filter(**{field: number}).exists():
            return number


def new_receipt_code(model: Any) -> str:
    """A 12-character code printed on the voucher; it carries the warranty of a walk-in buyer."""
    while True:
        code = _random(12)
        if not model.objects.filter(receipt_code=code).exists():
            return code


def new_pickup_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


@dataclass(frozen=True)
class CheckoutNumbers:
    checkout: str
    payment: str
    orders: tuple[str, ...]
    receipts: tuple[str, ...]


def checkout_numbers(orders: int) -> CheckoutNumbers:
    """A checkout's number, its payment's, and a number and receipt code for each of its orders, in the formats
    above, drawn together and checked against every stored one with one query (all re-drawn on the rare
    collision)."""
    from recirc.trade.models import Checkout, Order, Payment

    while True:
        day = f"{timezone.localdate():%y%m%d}"
        drawn = CheckoutNumbers(checkout=f"C{day}-{_random(6)}", payment=f"P{day}-{_random(6)}",
                                orders=tuple(f"T{day}-{_random(6)}" for _ in range(orders)),
                                receipts=tuple(_random(12) for _ in range(orders)))
        if len(set(drawn.orders)) < orders or len(set(drawn.receipts)) < orders:
            continue
        taken = Checkout.objects.filter(number=drawn.checkout).values_list("number").union(
            Payment.objects.filter(number=drawn.payment).values_list("number"),
            Order.objects.filter(number__in=drawn.orders).values_list("number"),
            Order.objects.filter(receipt_code__in=drawn.receipts).values_list("receipt_code"), all=True)
        if not taken.exists():
            return drawn
