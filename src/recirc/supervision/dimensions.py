"""The dimensions of the statistics: filters (period, region, category, channel, method) and the labels of
their values in the reader's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from recirc.catalog.facade import category_list
from recirc.core.errors import ValidationFailed
from recirc.operators.facade import district_refs, operator_kind_choices
from recirc.supervision.models import AcquisitionKind, ActivityMeasure, Channel, FactSource, Method
from recirc.supervision.policy import policy_int, policy_value


def region_prefix(code: str) -> str:
    """GB/T 2260: 33 province, 3301 city, 330106 district; "330100" covers every code starting "3301"."""
    code = (code or "").strip()
    while code.endswith("00") and len(code) > 2:
        code = code[:-2]
    return code


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Filters:
    first_month: dt.date
    last_month: dt.date
    region: str = ""
    category: str = ""
    channel: str = ""
    method: str = ""

    @property
    def prefix(self) -> str:
        return region_prefix(self.region)

    def categories(self) -> list[str] | None:
        """The category and its descendants' codes; None when every category counts."""
        return category_codes_under(self.category) if self.category else None

    def region_q(self, field: str = "district_code") -> Q:
        return Q(**{f"{field}__startswith": self.prefix}) if self.prefix else Q()

    def with_months(self, first: dt.date, last: dt.date) -> Filters:
        return replace(self, first_month=first, last_month=last)


def default_filters(today: dt.date | None = None) -> Filters:
    """From January of the baseline year to this month, for the whole pilot region."""
    today = today or timezone.localdate()
    return Filters(first_month=dt.date(policy_int("STATISTICS_BASELINE_YEAR"), 1, 1), last_month=month_start(today),
                   region=str(policy_value("PILOT_REGION_CODE")))


def _month(text: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(f"{text.strip()[:7]}-01")
    except ValueError as error:
        raise ValidationFailed(_("Write a month such as 2025-03."), field=field, code="supervision.filter_invalid") \
            from error


def filters_from(data: Mapping[str, Any], *, today: dt.date | None = None) -> Filters:
    """Filters from query parameters (from, to, region, category, channel, method); defaults for the rest."""
    base = default_filters(today)
    first = _month(str(data["from"]), "from") if data.get("from") else base.first_month
    last = _month(str(data["to"]), "to") if data.get("to") else base.last_month
    errors: dict[str, list[Any]] = {}
    if last < first:
        errors["to"] = [_("The last month lies before the first.")]
    region = str(data.get("region", base.region) or "")
    if region and (not region.isdigit() or len(region) != 6):
        errors["region"] = [_("Write a six-digit GB/T 2260 code.")]
    category = str(data.get("category") or "")
    if category and category not in category_labels():
        errors["category"] = [_("Unknown category code.")]
    for name, values in (("channel", Channel.values), ("method", Method.values)):
        if data.get(name) and data[name] not in values:
            errors[name] = [_("Choose one of %(values)s.") % {"values": ", ".join(values)}]
    if errors:
        raise ValidationFailed(errors=errors, code="supervision.filter_invalid")
    return Filters(first_month=first, last_month=last, region=region, category=category,
                   channel=str(data.get("channel") or ""), method=str(data.get("method") or ""))


def category_codes_under(code: str) -> list[str]:
    refs = category_list(include_inactive=True)
    root = next((ref for ref in refs if ref.code == code), None)
    if root is None:
        return [code]
    ids, frontier = {root.id}, [root.id]
    while frontier:
        frontier = [ref.id for ref in refs if ref.parent_id in frontier and ref.id not in ids]
        ids.update(frontier)
    return [ref.code for ref in refs if ref.id in ids]


def category_labels() -> dict[str, str]:
    return {ref.code: ref.display_name for ref in category_list(include_inactive=True)}


def district_labels() -> dict[str, str]:
    english = (get_language() or "").startswith("en")
    return {code: (ref.name_en if english and ref.name_en else ref.name) for code, ref in district_refs().items()}


def choice_labels() -> dict[str, dict[str, str]]:
    """Translated labels of every coded dimension."""
    return {"channel": {str(k): str(v) for k, v in Channel.choices},
            "method": {str(k): str(v) for k, v in Method.choices},
            "source": {str(k): str(v) for k, v in FactSource.choices},
            "measure": {str(k): str(v) for k, v in ActivityMeasure.choices},
            "acquisition_kind": {str(k): str(v) for k, v in AcquisitionKind.choices},
            "operator_kind": dict(operator_kind_choices())}
