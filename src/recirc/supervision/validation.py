"""Row-by-row validation of submitted records: every bad cell of every row is reported at once ("Line 7:
amount: ..."), so a submitter fixes the file in one pass. Valid rows come back as the model fields to store."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.cn import uscc

from recirc.catalog.facade import category_list
from recirc.core.errors import ValidationFailed
from recirc.core.money import money_non_negative
from recirc.operators.facade import district_refs, operator_kind_choices
from recirc.supervision.exchange import COLUMNS
from recirc.supervision.models import AcquisitionKind, Channel, Method

KEY_PATTERN = re.compile(r"^[\w.:/#\-]{1,80}$")
MAX_AMOUNT = Decimal("1000000000000")
MAX_QUANTITY = 100_000
ENUM_ALIASES: dict[str, dict[str, str]] = {
    "channel": {"门店": "store", "实体店": "store", "市场": "market", "交易市场": "market", "线上": "online",
                "网络平台": "online", "平台": "online", "社区": "community", "以旧换新": "trade_in",
                "trade-in": "trade_in"},
    "method": {"销售": "sale", "出售": "sale", "拍卖": "auction", "租赁": "rental", "寄卖": "consignment",
               "寄售": "consignment", "回购": "buy_back", "buy-back": "buy_back", "置换": "swap", "交换": "swap"},
    "acquisition_kind": {"收购": "purchase", "以旧换新": "trade_in", "trade-in": "trade_in",
                         "寄卖": "consignment_intake",
                         "批量收购": "bulk_purchase", "捐赠": "donation", "置换": "exchange"},
    "operator_kind": {"二手交易市场": "transaction_market", "农村交易中心": "rural_trade_centre",
                      "网络平台": "online_platform", "企业": "enterprise", "流通企业": "enterprise",
                      "个体工商户": "individual_operator", "个体经营者": "individual_operator",
                      "社区寄卖店": "community_consignment_shop"},
}


def enum_values() -> dict[str, list[str]]:
    return {"channel": list(Channel.values), "method": list(Method.values),
            "acquisition_kind": list(AcquisitionKind.values),
            "operator_kind": [value for value, _label in operator_kind_choices()]}


@dataclass
class Lookups:
    """Reference data read once per submission."""

    districts: set[str] = field(default_factory=set)
    categories: set[str] = field(default_factory=set)
    enums: dict[str, list[str]] = field(default_factory=dict)
    now: dt.datetime = field(default_factory=timezone.now)

    @classmethod
    def load(cls) -> Lookups:
        categories = {ref.code for ref in category_list(include_inactive=True)}
        return cls(districts=set(district_refs()), categories=categories, enums=enum_values())


class CellError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _datetime(text: str, lookups: Lookups) -> dt.datetime:
    cleaned = text.strip().replace("/", "-")
    try:
        moment = dt.datetime.fromisoformat(cleaned)
    except ValueError as error:
        raise CellError(_("write a date and time such as 2025-03-08 14:20")) from error
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_current_timezone())
    if moment > lookups.now + dt.timedelta(minutes=5):
        raise CellError(_("lies in the future"))
    if moment.year < 2000:
        raise CellError(_("lies before 2000"))
    return moment


def _date(text: str, lookups: Lookups) -> dt.date:
    try:
        day = dt.date.fromisoformat(text.strip().replace("/", "-")[:10])
    except ValueError as error:
        raise CellError(_("write a date such as 2025-03-08")) from error
    if day > timezone.localdate(lookups.now) or day.year < 1950:
        raise CellError(_("is not a plausible date"))
    return day


def _amount(text: str, lookups: Lookups) -> Decimal:
    try:
        amount = money_non_negative(text)
    except ValidationFailed as error:
        raise CellError(error.text()) from error
    if amount >= MAX_AMOUNT:
        raise CellError(_("is too large"))
    return amount


def _quantity(text: str, lookups: Lookups) -> int:
    if not text.isdigit() or not 1 <= int(text) <= MAX_QUANTITY:
        raise CellError(_("write a whole number from 1 to %(limit)s") % {"limit": MAX_QUANTITY})
    return int(text)


def _enum(name: str) -> Callable[[str, Lookups], str]:
    def parse(text: str, lookups: Lookups) -> str:
        value = text.strip()
        value = ENUM_ALIASES[name].get(value, value.lower())
        if value not in lookups.enums[name]:
            raise CellError(_("must be one of %(values)s") % {"values": ", ".join(lookups.enums[name])})
        return value
    return parse


def _key(text: str, lookups: Lookups) -> str:
    if not KEY_PATTERN.match(text):
        raise CellError(_("use 1 to 80 letters, digits or . : / # - _"))
    return text


def _district(text: str, lookups: Lookups) -> str:
    if text not in lookups.districts:
        raise CellError(_("is not a known GB/T 2260 district code"))
    return text


def _category(text: str, lookups: Lookups) -> str:
    if text not in lookups.categories:
        raise CellError(_("is not a Recirc category code"))
    return text


def _credit_code(text: str, lookups: Lookups) -> str:
    code = text.strip().upper()
    if not uscc.is_valid(code):
        raise CellError(_("is not a valid unified social credit code"))
    return code


PARSERS: dict[str, Callable[[str, Lookups], Any]] = {
    "key": _key, "district_code": _district, "category_code": _category, "amount": _amount, "quantity": _quantity,
    "credit_code": _credit_code, "datetime": _datetime, "date": _date,
}


def _parser(column: Any) -> Callable[[str, Lookups], Any]:
    if column.key in PARSERS:
        return PARSERS[column.key]
    if column.kind.startswith("enum:"):
        return _enum(column.kind.removeprefix("enum:"))
    return PARSERS[column.kind]


def parse_row(kind: str, cells: dict[str, str], lookups: Lookups) -> tuple[dict[str, Any], list[str]]:
    """The row's typed values and its problems ("amount: is too large"); values of bad cells are left out."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    if cells.get("__unknown__"):
        problems.append(_("unknown fields: %(fields)s") % {"fields": cells["__unknown__"]})
    for column in COLUMNS[kind]:
        text = (cells.get(column.key) or "").strip()
        if not text:
            if column.required:
                problems.append(_("%(field)s: this field is required") % {"field": column.key})
            continue
        try:
            values[column.key] = _parser(column)(text, lookups)
        except CellError as error:
            problems.append(f"{column.key}: {error.message}")
    problems.extend(_cross_checks(kind, values))
    return values, problems


def _cross_checks(kind: str, values: dict[str, Any]) -> list[str]:
    problems = []
    if kind == "transactions" and "acquired_on" in values and "occurred_at" in values \
            and values["acquired_on"] > timezone.localdate(values["occurred_at"]):
        problems.append(_("acquired_on: lies after the transaction"))
    if kind == "entities" and values.get("closed_on") and values.get("opened_on") \
            and values["closed_on"] < values["opened_on"]:
        problems.append(_("closed_on: lies before opened_on"))
    return problems
