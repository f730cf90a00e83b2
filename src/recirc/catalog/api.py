"""Catalogue API: public reference data (categories, attribute schemas, grading scales)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from recirc.catalog import selectors
from recirc.catalog.contracts import CategoryRef, GradingScaleRef
from recirc.catalog.schemas import CategoryOut, GradingScaleOut

router = Router(tags=["catalog"])


def _category_out(category: CategoryRef) -> dict[str, Any]:
    return {"id": category.id, "code": category.code, "name": category.name, "name_en": category.name_en,
            "parent_id": category.parent_id, "is_leaf": category.is_leaf, "has_storage": category.has_storage,
            "requires_hardware_identifier": category.requires_hardware_identifier,
            "high_risk": category.high_risk,
            "attribute_schema": [{**spec.__dict__, "choices": [choice.__dict__ for choice in spec.choices]}
                                 for spec in category.schema]}


def _scale_out(scale: GradingScaleRef) -> dict[str, Any]:
    return {**scale.__dict__, "grades": [grade.__dict__ for grade in scale.grades]}


@router.get("/categories", response=list[CategoryOut], auth=None)
def category_list_api(request: HttpRequest) -> list[dict[str, Any]]:
    """Every active category in tree order, with its attribute schema."""
    return [_category_out(node.category) for node in selectors.flatten_tree(selectors.category_tree())]


@router.get("/categories/{code}", response=CategoryOut, auth=None)
def category_get_api(request: HttpRequest, code: str) -> dict[str, Any]:
    return _category_out(selectors.category_get(code))


@router.get("/categories/{code}/grading-scales", response=list[GradingScaleOut], auth=None)
def category_grading_scales_api(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    """Scales in force for the category: its own, its ancestors' and the general ones."""
    return [_scale_out(scale) for scale in selectors.grading_scales_for(selectors.category_get(code).id)]
