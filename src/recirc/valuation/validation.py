"""Checking one price observation (from a form, the API, an import row or another context) before it is saved.
Every problem is reported at once, keyed by field; nothing is written by this module."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from recirc.catalog.facade import CategoryRef, attributes_validate, canonical_brand, category_get, grading_scales_for
from recirc.core.errors import DomainError, NotFound, ValidationFailed
from recirc.core.money import money
from recirc.operators.facade import operator_refs
from recirc.valuation.errors import ObservationInvalid
from recirc.valuation.models import ObservationSource

MAX_PRICE = Decimal("10000000")
EARLIEST = dt.date(2000, 1, 1)
NOT_ATTRIBUTES = frozenset({"brand", "model"})
LIMITS = {"brand": 60, "model_name": 80, "grade": 16, "grading_scheme": 40, "source_ref": 120}


@dataclass(frozen=True)
class PreparedObservation:
    """A valid observation, not yet saved."""

    fields: dict[str, Any]


@dataclass
class Lookups:
    """Categories, grading scales and operators read once per batch (an import of many rows)."""

    categories: dict[str, CategoryRef | None] = field(default_factory=dict)
    scales: dict[tuple[int, dt.date | None], dict[str, Any]] = field(default_factory=dict)
    operators: dict[int, bool] = field(default_factory=dict)

    def category(self, value: Any) -> CategoryRef | None:
        key = str(value or "").strip()
        if key not in self.categories:
            try:
                self.categories[key] = category_get(int(key) if key.isdigit() else key)
            except (NotFound, ValueError):
                self.categories[key] = None
        return self.categories[key]

    def scales_for(self, category_id: int, day: dt.date | None) -> dict[str, Any]:
        if (category_id, day) not in self.scales:
            self.scales[(category_id, day)] = {scale.code: scale for scale in grading_scales_for(category_id,
                                                                                                 on_date=day)}
        return self.scales[(category_id, day)]

    def operator_exists(self, operator_id: int) -> bool:
        if operator_id not in self.operators:
            self.operators[operator_id] = operator_id in operator_refs([operator_id])
        return self.operators[operator_id]


def _category(value: Any, errors: dict[str, list[Any]], lookups: Lookups) -> CategoryRef | None:
    category = lookups.category(value)
    if category is None:
        errors["category"] = [_("Unknown category.")]
        return None
    if not category.is_active:
        errors["category"] = [_("This category is no longer in use.")]
        return None
    return category


def _placeholder(spec: Any) -> Any:
    """A value that satisfies a required attribute the observation does not give (then dropped again)."""
    if spec.type == "choice":
        return spec.choices[0].value if spec.choices else "x"
    if spec.type in ("integer", "decimal"):
        return int(spec.min) if spec.min is not None else 0
    return False if spec.type == "boolean" else "x"


def attributes_partial(category: CategoryRef, attributes: Any, errors: dict[str, list[Any]]) -> dict[str, Any]:
    """The given attributes cleaned by the category's schema; a past price need not name every attribute
    an item passport requires, so absent required ones are not errors."""
    if not isinstance(attributes, Mapping):
        errors["attributes"] = [_("Attributes must be an object of names and values.")]
        return {}
    given = {key: value for key, value in attributes.items()
             if key not in NOT_ATTRIBUTES and value not in (None, "")}
    filled = {**{spec.key: _placeholder(spec) for spec in category.schema
                 if spec.required and spec.key not in given}, **given}
    try:
        cleaned = attributes_validate(category.id, filled)
    except ValidationFailed as error:
        errors.update({key: list(messages) for key, messages in error.errors.items()})
        return {}
    return {key: value for key, value in cleaned.items() if key in given}


def _grade(category: CategoryRef, grade: str, scheme: str, on_date: dt.date | None,
           errors: dict[str, list[Any]], lookups: Lookups) -> None:
    if not grade and not scheme:
        return
    if not grade or not scheme:
        errors["grade"] = [_("Give both the grade and its grading scheme, or neither.")]
        return
    scales = lookups.scales_for(category.id, on_date)
    if scheme not in scales:
        errors["grading_scheme"] = [_("“%(scheme)s” is not a grading scheme of this category.") % {"scheme": scheme}]
    elif scales[scheme].grade(grade) is None:
        errors["grade"] = [_("“%(grade)s” is not a grade of %(scheme)s.") % {"grade": grade, "scheme": scheme}]


def _price(value: Any, errors: dict[str, list[Any]]) -> Decimal | None:
    try:
        price = money(value if isinstance(value, Decimal | int | str) else str(value), field="price")
    except DomainError:
        errors["price"] = [_("Enter the price in yuan, such as 1299.00.")]
        return None
    if not Decimal("0") < price <= MAX_PRICE:
        errors["price"] = [_("The price must be above 0 and at most 10,000,000 yuan.")]
        return None
    return price


def _day(value: Any, errors: dict[str, list[Any]]) -> dt.date | None:
    day = value if isinstance(value, dt.date) else parse_date(str(value or "").strip()) if value else None
    if day is None:
        errors["observed_on"] = [_("Enter the date as YYYY-MM-DD.")]
        return None
    if not EARLIEST <= day <= timezone.localdate():
        errors["observed_on"] = [_("The date must be between 2000-01-01 and today.")]
        return None
    return day


def _texts(data: Mapping[str, Any], errors: dict[str, list[Any]]) -> dict[str, str]:
    texts = {name: " ".join(str(data.get(name) or "").split()) for name in LIMITS}
    for name, limit in LIMITS.items():
        if len(texts[name]) > limit:
            errors[name] = [_("At most %(limit)s characters.") % {"limit": limit}]
    if not texts["brand"] and not texts["model_name"]:
        errors["brand"] = [_("Give the brand, the model or both.")]
    return texts


def _operator(value: Any, errors: dict[str, list[Any]], lookups: Lookups) -> int | None:
    if value in (None, ""):
        return None
    if not str(value).isdigit() or not lookups.operator_exists(int(value)):
        errors["operator"] = [_("Unknown operator.")]
        return None
    return int(value)


def observation_prepare(data: Mapping[str, Any], lookups: Lookups | None = None) -> PreparedObservation:
    """Validate one observation; ObservationInvalid with every problem keyed by field otherwise."""
    lookups = lookups or Lookups()
    errors: dict[str, list[Any]] = {}
    texts = _texts(data, errors)
    category = _category(data.get("category"), errors, lookups)
    price, day = _price(data.get("price"), errors), _day(data.get("observed_on"), errors)
    source = str(data.get("source") or "").strip()
    if source not in ObservationSource.values:
        errors["source"] = [_("Choose sale, appraisal or import.")]
    operator_id = _operator(data.get("operator"), errors, lookups)
    attributes: dict[str, Any] = {}
    if category is not None:
        attributes = attributes_partial(category, data.get("attributes") or {}, errors)
        _grade(category, texts["grade"], texts["grading_scheme"], day, errors, lookups)
    if errors or category is None:
        raise ObservationInvalid(errors=errors)
    brand = canonical_brand(texts["brand"])[:60] if texts["brand"] else ""
    return PreparedObservation(fields={
        **texts, "brand": brand, "category_id": category.id, "operator_id": operator_id, "attributes": attributes,
        "price": price, "observed_on": day, "source": source})
