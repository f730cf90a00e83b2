"""The only module other contexts import from catalog. Everything returned is a contract."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from recirc.catalog import brands, checklists, selectors
from recirc.catalog.attributes import attributes_clean
from recirc.catalog.contracts import (
    TAC_MATCH,
    TAC_MISMATCH,
    TAC_UNVERIFIED,
    AttributeSpec,
    CategoryNode,
    CategoryRef,
    ChecklistItemRef,
    ChecklistMappingRef,
    ChecklistOptionRef,
    ChecklistRuleRef,
    GradingChecklistRef,
    GradingScaleRef,
    TacRef,
)

__all__ = ["TAC_MATCH", "TAC_MISMATCH", "TAC_UNVERIFIED", "AttributeSpec", "CategoryNode", "CategoryRef",
           "ChecklistItemRef", "ChecklistMappingRef", "ChecklistOptionRef", "ChecklistRuleRef", "GradingChecklistRef",
           "GradingScaleRef", "TacRef", "attributes_validate", "brands_compatible", "canonical_brand",
           "carbon_factor_for", "category_get", "category_list", "category_subtree_ids", "category_tree",
           "grading_checklist_for", "grading_checklist_get", "grading_checklists_current",
           "grading_scales_for", "tac_brand_verdict", "tac_lookup", "tac_lookup_many"]


def category_tree(*, include_inactive: bool = False) -> list[CategoryNode]:
    return selectors.category_tree(include_inactive=include_inactive)


def category_list(*, include_inactive: bool = False) -> list[CategoryRef]:
    """Active categories in tree order, flat."""
    return [node.category for node in selectors.flatten_tree(selectors.category_tree(
        include_inactive=include_inactive))]


def category_get(category: int | str) -> CategoryRef:
    """By id or code; raises CategoryNotFound (a NotFound)."""
    return selectors.category_get(category)


def attributes_validate(category: int | CategoryRef, attributes: Any) -> dict[str, Any]:
    """The cleaned attributes, or AttributesInvalid with errors keyed "attributes.<key>". Given a CategoryRef
    (from category_get), its schema is used as read, with no further query."""
    if isinstance(category, CategoryRef):
        return attributes_clean(list(category.attribute_schema), attributes)
    return attributes_clean(list(selectors.category_model_get(category).attribute_schema or []), attributes)


def grading_scales_for(category_id: int, *, on_date: dt.date | None = None) -> list[GradingScaleRef]:
    return selectors.grading_scales_for(category_id, on_date=on_date)


def grading_checklist_for(category_id: int, *, on_date: dt.date | None = None) -> GradingChecklistRef | None:
    """The checklist in force for the category (its own, else its nearest ancestor's); None when there is none."""
    return checklists.grading_checklist_for(category_id, on_date=on_date)


def grading_checklist_get(checklist_id: int) -> GradingChecklistRef | None:
    """One published version by id, retired or not (inspections name the version they were graded with)."""
    return checklists.grading_checklist_get(checklist_id)


def grading_checklists_current(on_date: dt.date | None = None) -> list[GradingChecklistRef]:
    return checklists.grading_checklists_current(on_date)


def carbon_factor_for(category_id: int, on_date: dt.date | None = None) -> Decimal | None:
    return selectors.carbon_factor_for(category_id, on_date)


def category_subtree_ids(category: int | str) -> list[int]:
    """The category's id and the ids of all its descendants (active or not)."""
    root = selectors.category_get(category)
    refs = selectors.category_list(include_inactive=True)
    ids, frontier = [root.id], [root.id]
    while frontier:
        frontier = [ref.id for ref in refs if ref.parent_id in frontier and ref.id not in ids]
        ids.extend(frontier)
    return ids


def tac_lookup(imei_or_tac: str) -> TacRef | None:
    """The TAC database entry for an IMEI (or IMEISV, or bare 8-digit TAC); None when unknown or unreadable."""
    return selectors.tac_lookup(imei_or_tac)


def tac_lookup_many(imeis_or_tacs: Iterable[str]) -> dict[str, TacRef]:
    """TAC (8 digits) -> entry for every known TAC among the inputs; unknown and unreadable inputs are left out."""
    return selectors.tac_lookup_many(imeis_or_tacs)


def tac_brand_verdict(imei: str, declared_brand: str) -> str:
    """"match" when the TAC's brand and the declared one are the same family (苹果 = Apple, Redmi = Xiaomi,
    Honor ~ Huawei); "mismatch" when they differ; "unverified" when the TAC is unknown or either brand is blank
    (never "mismatch" for lack of data)."""
    entry = selectors.tac_lookup(imei)
    if entry is None or not brands.brand_key(entry.brand) or not brands.brand_key(declared_brand):
        return TAC_UNVERIFIED
    return TAC_MATCH if brands.brands_compatible(entry.brand, declared_brand) else TAC_MISMATCH


def canonical_brand(name: str) -> str:
    """The family name of a brand ("苹果" -> "Apple", "红米" -> "Xiaomi"); other names tidied, unchanged."""
    return brands.canonical_brand(name)


def brands_compatible(first: str, second: str) -> bool:
    """Whether two brand names may describe one device (same family, or Huawei and Honor)."""
    return brands.brands_compatible(first, second)


# --- read-only aggregates for the supervision statistics (catalog/statistics.py) --------------------------
from recirc.catalog.statistics import CarbonFactorRow, carbon_factor_table  # noqa: E402

__all__ += ["CarbonFactorRow", "carbon_factor_table"]
