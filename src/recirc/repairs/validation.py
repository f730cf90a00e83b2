"""Input checks shared by the repairs services. They collect every problem of a request into one translated
ValidationFailed (per field), so a form shows them all at once and nothing is written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from recirc.core.errors import ValidationFailed
from recirc.core.money import money_non_negative
from recirc.repairs.errors import WorkOrderInvalid

MAX_AMOUNT = Decimal("1000000.00")


class Checker:
    """Collects field errors; `raise_if_any()` raises them together as WorkOrderInvalid."""

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

    def amount(self, field: str, value: Any) -> Decimal | None:
        if value is None or str(value).strip() == "":
            self.add(field, _("This field is required."))
            return None
        if isinstance(value, float):
            value = str(value)  # JSON numbers arrive as floats; their decimal text is what the person typed
        try:
            amount = money_non_negative(value, field=field)
        except ValidationFailed as error:
            self.add(field, error.text())
            return None
        if amount > MAX_AMOUNT:
            self.add(field, _("At most ¥1,000,000.00."))
            return None
        return amount

    def whole_number(self, field: str, value: Any, *, low: int, high: int) -> int:
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            number = low - 1
        if not low <= number <= high:
            self.add(field, _("Enter a whole number from %(low)s to %(high)s.") % {"low": low, "high": high})
        return number

    def date_within(self, field: str, value: Any, *, first: dt.date, last: dt.date) -> dt.date | None:
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            try:
                value = dt.date.fromisoformat(str(value or "").strip())
            except ValueError:
                self.add(field, _("Enter a date such as 2026-12-31."))
                return None
        if not first <= value <= last:
            self.add(field, _("Choose a date from %(first)s to %(last)s.") % {"first": first.isoformat(),
                                                                             "last": last.isoformat()})
            return None
        return value

    def raise_if_any(self) -> None:
        if self.errors:
            raise WorkOrderInvalid(errors=self.errors)


def fault_lines(faults: Any) -> list[str]:
    """Faults from a list or from text (one per line), trimmed, blanks and repeats dropped."""
    items = faults.splitlines() if isinstance(faults, str) else list(faults or [])
    cleaned: list[str] = []
    for item in items:
        text = " ".join(str(item).split())
        if text and text not in cleaned:
            cleaned.append(text)
    return cleaned
