"""Input checks of the listing services: every problem of a request in one translated ListingInvalid (per
field), so a form shows them all at once and nothing is written."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from recirc.core.errors import ValidationFailed
from recirc.core.money import money
from recirc.listings.errors import ListingInvalid

MAX_PRICE = Decimal("10000000.00")
MAX_DEFECTS = 20


class Checker:
    """Collects field errors; `raise_if_any()` raises them together as ListingInvalid."""

    def __init__(self) -> None:
        self.errors: dict[str, list[Any]] = {}

    def add(self, field: str, message: Any) -> None:
        self.errors.setdefault(field, []).append(message)

    def text(self, field: str, value: Any, *, limit: int, required: bool = False, single_line: bool = False) -> str:
        cleaned = str(value or "").strip()
        if single_line:
            cleaned = " ".join(cleaned.split())
        if required and not cleaned:
            self.add(field, _("This field is required."))
        elif len(cleaned) > limit:
            self.add(field, _("At most %(limit)s characters.") % {"limit": limit})
        return cleaned

    def price(self, field: str, value: Any) -> Decimal | None:
        if value is None or str(value).strip() == "":
            return None
        try:
            amount = money(str(value) if isinstance(value, float) else value, field=field)
        except ValidationFailed as error:
            self.add(field, error.text())
            return None
        if amount <= 0 or amount > MAX_PRICE:
            self.add(field, _("Enter a price above ¥0 and at most ¥10,000,000."))
            return None
        return amount

    def days(self, field: str, value: Any, *, high: int = 3650) -> int | None:
        if value is None or str(value).strip() == "":
            return None
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            number = -1
        if not 0 <= number <= high:
            self.add(field, _("Enter a whole number of days from 0 to %(high)s.") % {"high": high})
            return None
        return number

    def percent(self, field: str, value: Any) -> int | None:
        if value is None or str(value).strip() == "":
            return None
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            number = -1
        if not 0 <= number <= 100:
            self.add(field, _("Enter a whole number from 0 to 100."))
            return None
        return number

    def lines(self, field: str, value: Any, *, limit: int = 200) -> list[str]:
        """A list, or text with one entry per line; trimmed, blanks and repeats dropped."""
        items = value.splitlines() if isinstance(value, str) else list(value or [])
        cleaned: list[str] = []
        for item in items:
            text = " ".join(str(item).split())
            if text and text not in cleaned:
                cleaned.append(text)
        if len(cleaned) > MAX_DEFECTS or any(len(text) > limit for text in cleaned):
            self.add(field, _("At most %(count)s entries of at most %(limit)s characters each.")
                     % {"count": MAX_DEFECTS, "limit": limit})
        return cleaned

    def choice(self, field: str, value: Any, choices: Any, *, required: bool = False) -> str:
        text = str(value or "").strip()
        if (required or text) and text not in {str(choice) for choice in choices}:
            self.add(field, _("Choose one of the options."))
        return text

    def raise_if_any(self) -> None:
        if self.errors:
            raise ListingInvalid(errors=self.errors)
