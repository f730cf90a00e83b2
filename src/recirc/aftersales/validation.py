"""Input checks of the after-sales services: every problem collected, then raised at once (422)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from recirc.aftersales.errors import CaseInvalid
from recirc.core.errors import ValidationFailed
from recirc.core.money import money


class Checker:
    def __init__(self) -> None:
        self.errors: dict[str, list[Any]] = {}

    def add(self, field: str, message: Any) -> None:
        self.errors.setdefault(field, []).append(message)

    def text(self, field: str, value: Any, *, limit: int, required: bool = False, single_line: bool = False) -> str:
        text = str(value or "").replace("\r\n", "\n").strip()
        if single_line:
            text = " ".join(text.split())
        if required and not text:
            self.add(field, _("This field is required."))
        elif len(text) > limit:
            self.add(field, _("At most %(limit)s characters.") % {"limit": limit})
        return text

    def amount(self, field: str, value: Any, *, required: bool = True) -> Decimal | None:
        if value in (None, "") and not required:
            return None
        try:
            amount = money(value if value not in (None, "") else "x", field=field)
        except ValidationFailed as error:
            self.add(field, error.text())
            return None
        if amount <= 0:
            self.add(field, _("Enter an amount above zero."))
            return None
        return amount

    def choice(self, field: str, value: Any, choices: Any) -> str:
        text = str(value or "")
        if text not in choices:
            self.add(field, _("Choose one of the options."))
        return text

    def raise_if_any(self) -> None:
        if self.errors:
            raise CaseInvalid(errors=self.errors)
