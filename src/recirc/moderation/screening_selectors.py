"""Reads of the prohibited-goods taxonomy: the version in force, and the engine's spec built from its rows
(cached per version: a published version never changes)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from recirc.moderation.models import (
    CaseState,
    LexiconTerm,
    ProhibitedCategory,
    ScreeningCase,
    ScreeningVerdict,
    TaxonomyState,
    TaxonomyVersion,
)
from recirc.moderation.taxonomy import (
    AttributeRuleSpec,
    BrandFloorSpec,
    CategorySpec,
    TaxonomySpec,
    TermSpec,
    default_spec,
)

_SPECS: dict[tuple[int, Any], TaxonomySpec] = {}


def taxonomy_in_force() -> TaxonomyVersion | None:
    return TaxonomyVersion.objects.filter(state=TaxonomyState.IN_FORCE).first()


def taxonomy_versions() -> list[TaxonomyVersion]:
    return list(TaxonomyVersion.objects.select_related("published_by"))


def spec_of(version: TaxonomyVersion) -> TaxonomySpec:
    """The engine's view of a stored version (built from 5 queries, then cached unless it is a draft)."""
    # A published version never changes; its publication time guards against an id reused by a rolled-back test.
    key = (version.pk, version.published_at)
    cached = _SPECS.get(key)
    if cached is not None and version.state != TaxonomyState.DRAFT:
        return cached
    categories = list(version.categories.prefetch_related(
        Prefetch("terms", queryset=LexiconTerm.objects.order_by("id"))))
    codes = {category.pk: category.code for category in categories}
    spec = TaxonomySpec(
        label=f"v{version.number}",
        categories=tuple(_category(category) for category in categories),
        attribute_rules=tuple(AttributeRuleSpec(catalog_category=rule.catalog_category, attribute=rule.attribute,
                                                op=rule.op, value=rule.value, category=codes[rule.category_id],
                                                note_zh=rule.note_zh, note_en=rule.note_en)
                              for rule in version.attribute_rules.all()),
        brand_floors=tuple(BrandFloorSpec(names=tuple(floor.names), floor=floor.floor)
                           for floor in version.brand_floors.all()))
    if version.state != TaxonomyState.DRAFT:
        _SPECS[key] = spec
    return spec


def _category(category: ProhibitedCategory) -> CategorySpec:
    return CategorySpec(code=category.code, name_zh=category.name_zh, name_en=category.name_en,
                        legal_basis=category.legal_basis, action=category.action, opens_case=category.opens_case,
                        books_exempt=category.books_exempt,
                        terms=tuple(TermSpec(text=term.text, kind=term.kind, action=term.action)
                                    for term in category.terms.all()),
                        prototypes=tuple(category.prototypes))


def spec_in_force() -> tuple[TaxonomyVersion | None, TaxonomySpec]:
    """The version in force and its spec; before any version is published, the default data file."""
    version = taxonomy_in_force()
    return (version, spec_of(version)) if version is not None else (None, default_spec())


def verdicts_for(subject_kind: str, subject_id: int) -> list[ScreeningVerdict]:
    return list(ScreeningVerdict.objects.filter(subject_kind=subject_kind, subject_id=subject_id))


def case_open_for(subject_kind: str, subject_id: int) -> ScreeningCase | None:
    return ScreeningCase.objects.filter(subject_kind=subject_kind, subject_id=subject_id,
                                        state=CaseState.OPEN).first()
