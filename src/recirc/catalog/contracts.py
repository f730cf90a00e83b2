"""Frozen dataclasses that other contexts receive from catalog.facade."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _is_chinese() -> bool:
    return (get_language() or "zh-hans").lower().startswith("zh")


@dataclass(frozen=True)
class ChoiceRef:
    value: str
    label: str
    label_en: str

    @property
    def display(self) -> str:
        return self.label if _is_chinese() else self.label_en


@dataclass(frozen=True)
class AttributeSpec:
    """One attribute of a category's schema (see catalog.attributes)."""

    key: str
    type: str
    required: bool
    label: str
    label_en: str
    choices: tuple[ChoiceRef, ...] = ()
    min: Decimal | None = None
    max: Decimal | None = None
    unit: str = ""
    max_length: int | None = None
    public: bool = True

    @property
    def display_label(self) -> str:
        return self.label if _is_chinese() else self.label_en

    def display_value(self, value: object) -> str:
        """A cleaned value as people read it: choice labels, yes/no, units."""
        if self.type == "boolean":
            return str(_("Yes") if value else _("No"))
        if self.type == "choice":
            choice = next((choice for choice in self.choices if choice.value == str(value)), None)
            return choice.display if choice else str(value)
        if self.unit and self.type in ("integer", "decimal"):
            return f"{value} {self.unit}"
        return str(value)


@dataclass(frozen=True)
class CategoryRef:
    id: int
    code: str
    name: str
    name_en: str
    parent_id: int | None
    has_storage: bool
    requires_hardware_identifier: bool
    high_risk: bool
    is_active: bool
    schema: tuple[AttributeSpec, ...]
    is_leaf: bool = True

    @property
    def display_name(self) -> str:
        return self.name if _is_chinese() else self.name_en

    def spec(self, key: str) -> AttributeSpec | None:
        return next((spec for spec in self.schema if spec.key == key), None)


@dataclass(frozen=True)
class CategoryNode:
    """A category with its children, for trees."""

    category: CategoryRef
    depth: int
    children: tuple[CategoryNode, ...]


@dataclass(frozen=True)
class GradeRef:
    code: str
    label: str
    label_en: str
    description: str

    @property
    def display(self) -> str:
        return self.label if _is_chinese() else self.label_en


@dataclass(frozen=True)
class GradingScaleRef:
    id: int
    code: str
    version: int
    name: str
    name_en: str
    standard: str
    description: str
    category_id: int | None
    grades: tuple[GradeRef, ...]
    effective_from: dt.date
    retired_on: dt.date | None

    @property
    def display_name(self) -> str:
        return self.name if _is_chinese() else self.name_en

    def grade(self, code: str) -> GradeRef | None:
        return next((grade for grade in self.grades if grade.code == code), None)


@dataclass(frozen=True)
class TacRef:
    """What a TAC database says about the first 8 digits of an IMEI. `canonical_brand`: see catalog.brands."""

    tac: str
    brand: str
    model: str
    canonical_brand: str
    aka: tuple[str, ...] = ()


TAC_MATCH, TAC_MISMATCH, TAC_UNVERIFIED = "match", "mismatch", "unverified"
