"""Frozen dataclasses that other contexts receive from catalog.facade."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _is_chinese() -> bool:
    return (get_language() or "zh-hans").lower().startswith("zh")


def _in_language(chinese: str, english: str) -> str:
    """The text in the active language, else the other one (a missing text is better shown in either)."""
    return (chinese or english) if _is_chinese() else (english or chinese)


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
    # The schema as stored, for attributes_validate without reading the category again.
    attribute_schema: tuple[dict[str, Any], ...] = field(default=(), compare=False, hash=False, repr=False)

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
    """One grade of a scale; `description` is English, `description_zh` Simplified Chinese."""

    code: str
    label: str
    label_en: str
    description: str
    description_zh: str

    @property
    def display(self) -> str:
        return self.label if _is_chinese() else self.label_en

    @property
    def display_description(self) -> str:
        return _in_language(self.description_zh, self.description)


@dataclass(frozen=True)
class GradingScaleRef:
    """A version of a grading scale; `standard` and `description` are English, `standard_zh` and
    `description_zh` Simplified Chinese."""

    id: int
    code: str
    version: int
    name: str
    name_en: str
    standard: str
    standard_zh: str
    description: str
    description_zh: str
    category_id: int | None
    grades: tuple[GradeRef, ...]
    effective_from: dt.date
    retired_on: dt.date | None

    @property
    def display_name(self) -> str:
        return self.name if _is_chinese() else self.name_en

    @property
    def display_standard(self) -> str:
        return _in_language(self.standard_zh, self.standard)

    @property
    def display_description(self) -> str:
        return _in_language(self.description_zh, self.description)

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


@dataclass(frozen=True)
class ChecklistOptionRef:
    value: str
    label: str
    label_en: str

    @property
    def display(self) -> str:
        return self.label if _is_chinese() else self.label_en


@dataclass(frozen=True)
class ChecklistItemRef:
    """One question of a grading checklist. `kind`: "pass_fail" (answers "pass"/"fail"), "choice" (one of
    `options`) or "number" (`minimum`..`maximum`, whole numbers, `unit`). `section`: appearance, function,
    hygiene, measurements or authenticity; appearance caps also set the cosmetic grade. `default` pre-fills the
    form; `attribute` names an item attribute whose value pre-fills it instead (battery health, dimensions)."""

    key: str
    kind: str
    section: str
    label: str
    label_en: str
    required: bool = True
    default: str = ""
    attribute: str = ""
    options: tuple[ChecklistOptionRef, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    unit: str = ""
    help: str = ""
    help_en: str = ""

    @property
    def display_label(self) -> str:
        return self.label if _is_chinese() else self.label_en

    @property
    def display_help(self) -> str:
        return _in_language(self.help, self.help_en)

    def option(self, value: str) -> ChecklistOptionRef | None:
        return next((option for option in self.options if option.value == value), None)


@dataclass(frozen=True)
class ChecklistRuleRef:
    """When the answer to `item` satisfies `op value`: cap the internal grade at `cap`, raise the functional
    grade to at least `functional`, `refuse` the item, or mark a `counterfeit` indicator; `reason` says why."""

    item: str
    op: str
    value: object
    reason: str
    reason_en: str
    cap: str = ""
    functional: int | None = None
    refuse: bool = False
    counterfeit: bool = False

    @property
    def display_reason(self) -> str:
        return self.reason if _is_chinese() else self.reason_en


@dataclass(frozen=True)
class ChecklistMappingRef:
    """How a result maps onto a standard scale: `source` "overall" (the internal grade), "cosmetic" (the worst
    appearance cap) or "functional" (the functional level 0-9); `grades` maps source values to scale grades."""

    scale: str
    source: str
    grades: tuple[tuple[str, str], ...]

    def grade_for(self, value: str) -> str | None:
        return dict(self.grades).get(value)


@dataclass(frozen=True)
class GradingChecklistRef:
    """A published version of a category's grading checklist, graded on `scale` (the internal scheme)."""

    id: int
    code: str
    version: int
    category_id: int
    name: str
    name_en: str
    scale: GradingScaleRef
    items: tuple[ChecklistItemRef, ...]
    rules: tuple[ChecklistRuleRef, ...]
    mappings: tuple[ChecklistMappingRef, ...]
    effective_from: dt.date
    retired_on: dt.date | None

    @property
    def display_name(self) -> str:
        return self.name if _is_chinese() else self.name_en

    def item(self, key: str) -> ChecklistItemRef | None:
        return next((item for item in self.items if item.key == key), None)
