"""The only module other contexts import from catalog. Everything returned is a contract."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from recirc.catalog import selectors
from recirc.catalog.attributes import attributes_clean
from recirc.catalog.contracts import AttributeSpec, CategoryNode, CategoryRef, GradingScaleRef

__all__ = ["AttributeSpec", "CategoryNode", "CategoryRef", "GradingScaleRef",
           "attributes_validate", "carbon_factor_for", "category_get", "category_list", "category_subtree_ids",
           "category_tree",
           "grading_scales_for"]


def category_tree(*, include_inactive: bool = False) -> list[CategoryNode]:
    return selectors.category_tree(include_inactive=include_inactive)


def category_list(*, include_inactive: bool = False) -> list[CategoryRef]:
    """Active categories in tree order, flat."""
    return [node.category for node in selectors.flatten_tree(selectors.category_tree(
        include_inactive=include_inactive))]


def category_get(category: int | str) -> CategoryRef:
    """By id or code; raises CategoryNotFound (a NotFound)."""
    return selectors.category_get(category)


def attributes_validate(category_id: int, attributes: Any) -> dict[str, Any]:
    """The cleaned attributes, or AttributesInvalid with errors keyed "attributes.<key>"."""
    category = selectors.category_model_get(category_id)
    return attributes_clean(list(category.attribute_schema or []), attributes)


def grading_scales_for(category_id: int, *, on_date: dt.date | None = None) -> list[GradingScaleRef]:
    return selectors.grading_scales_for(category_id, on_date=on_date)


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
