"""Public numbers: orders, checkouts, payments and refunds (a prefix, the day, five random characters), receipt
codes and pickup codes."""

from __future__ import annotations

import secrets
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
