"""Input checks of the rules services: every problem collected, then raised at once (422)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _

from recirc.moderation.errors import RulesInvalid


class Checker:
    def __init__(self) -> None:
        self.errors: dict[str, list[Any]] = {}

    def add(self, field: str, message: Any) -> None:
        self.errors.setdefault(field, []).append(message)

    def text(self, field: str, value: Any, *, limit: int, required: bool = False) -> str:
        text = str(value or "").replace("\r\n", "\n").strip()
        if required and not text:
            self.add(field, _("This field is required."))
        elif len(text) > limit:
            self.add(field, _("At most %(limit)s characters.") % {"limit": limit})
        return text

    def moment(self, field: str, value: Any) -> dt.datetime | None:
        """A date (taken as local midnight) or a date and time; naive times are local."""
        moment = as_moment(value)
        if moment is None:
            self.add(field, _("Enter a date such as 2027-01-01, or a date and time."))
        return moment

    def raise_if_any(self) -> None:
        if self.errors:
            raise RulesInvalid(errors=self.errors)


def as_moment(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        moment: dt.datetime | None = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time.min)
    else:
        text = str(value or "").strip()
        try:
            moment = parse_datetime(text)
            if moment is None:
                day = parse_date(text)
                moment = dt.datetime.combine(day, dt.time.min) if day else None
        except ValueError:
            moment = None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment
