"""Catalogue reads. Reference data is public, so reads need no actor; they return contracts."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Q

from recirc.catalog.brands import canonical_brand
from recirc.catalog.contracts import (
    AttributeSpec,
    CategoryNode,
    CategoryRef,
    ChoiceRef,
    GradeRef,
    GradingScaleRef,
    TacRef,
)
from recirc.catalog.errors import CategoryNotFound
from recirc.catalog.models import CarbonFactor, Category, GradingScale, TacEntry


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def spec_from_dict(spec: dict[str, Any]) -> AttributeSpec:
    return AttributeSpec(
        key=spec["key"], type=spec["type"], required=bool(spec.get("required")),
        label=str(spec.get("label", spec["key"])), label_en=str(spec.get("label_en", spec["key"])),
        choices=tuple(ChoiceRef(value=str(choice["value"]), label=str(choice.get("label", choice["value"])),
                                label_en=str(choice.get("label_en", choice["value"])))
                      for choice in spec.get("choices", [])),
        min=_decimal(spec.get("min")), max=_decimal(spec.get("max")), unit=str(spec.get("unit", "")),
        max_length=spec.get("max_length"), public=bool(spec.get("public", True)),
    )


def category_ref(category: Category, *, is_leaf: bool = True) -> CategoryRef:
    return CategoryRef(
        id=category.pk, code=category.code, name=category.name, name_en=category.name_en,
        parent_id=category.parent_id, has_storage=category.has_storage,
        requires_hardware_identifier=category.requires_hardware_identifier, high_risk=category.high_risk,
        is_active=category.is_active, schema=tuple(spec_from_dict(spec) for spec in category.attribute_schema or []),
        is_leaf=is_leaf, attribute_schema=tuple(category.attribute_schema or ()),
    )


def grading_scale_ref(scale: GradingScale) -> GradingScaleRef:
    return GradingScaleRef(
        id=scale.pk, code=scale.code, version=scale.version, name=scale.name, name_en=scale.name_en,
        standard=scale.standard, standard_zh=scale.standard_zh, description=scale.description,
        description_zh=scale.description_zh,
        category_id=scale.category_id,
        grades=tuple(GradeRef(code=str(grade["code"]), label=str(grade.get("label", grade["code"])),
                              label_en=str(grade.get("label_en", grade["code"])),
                              description=str(grade.get("description", "")),
                              description_zh=str(grade.get("description_zh", "")))
                     for grade in scale.grades or []),
        effective_from=scale.effective_from, retired_on=scale.retired_on,
    )


def category_model_get(category: int | str) -> Category:
    """The model row by id or code; CategoryNotFound otherwise."""
    lookup = {"pk": category} if isinstance(category, int) or str(category).isdigit() else {"code": category}
    found = Category.objects.filter(**lookup).first()
    if found is None:
        raise CategoryNotFound()
    return found


def category_get(category: int | str) -> CategoryRef:
    """By id or code, with whether it has active children, in one query; CategoryNotFound otherwise."""
    lookup = {"pk": category} if isinstance(category, int) or str(category).isdigit() else {"code": category}
    found = Category.objects.filter(**lookup).annotate(has_children=Exists(
        Category.objects.filter(parent_id=OuterRef("pk"), is_active=True))).first()
    if found is None:
        raise CategoryNotFound()
    return category_ref(found, is_leaf=not found.has_children)


def category_list(*, include_inactive: bool = False) -> list[CategoryRef]:
    queryset = Category.objects.all() if include_inactive else Category.objects.filter(is_active=True)
    categories = list(queryset.order_by("sort_order", "code"))
    parents = {category.parent_id for category in categories if category.parent_id}
    return [category_ref(category, is_leaf=category.pk not in parents) for category in categories]


def _build_nodes(parent_id: int | None, by_parent: dict[int | None, list[CategoryRef]],
                 depth: int) -> tuple[CategoryNode, ...]:
    return tuple(CategoryNode(category=ref, depth=depth, children=_build_nodes(ref.id, by_parent, depth + 1))
                 for ref in by_parent.get(parent_id, []))


def category_tree(*, include_inactive: bool = False) -> list[CategoryNode]:
    """Root categories with their descendants, in sort order (one query)."""
    refs = category_list(include_inactive=include_inactive)
    known = {ref.id for ref in refs}
    by_parent: dict[int | None, list[CategoryRef]] = {}
    for ref in refs:
        parent = ref.parent_id if ref.parent_id in known else None
        by_parent.setdefault(parent, []).append(ref)
    return list(_build_nodes(None, by_parent, 0))


def flatten_tree(nodes: Iterable[CategoryNode]) -> list[CategoryNode]:
    """Depth-first order, for indented lists."""
    flat: list[CategoryNode] = []
    for node in nodes:
        flat.append(node)
        flat.extend(flatten_tree(node.children))
    return flat


def ancestor_ids(category_id: int) -> list[int]:
    """The category itself, then its parent, up to the root (one query: the tree is small)."""
    parents = dict(Category.objects.values_list("id", "parent_id"))
    chain: list[int] = []
    current: int | None = category_id
    while current is not None and current not in chain:
        chain.append(current)
        current = parents.get(current)
    return chain


def grading_scales_for(category_id: int, *, on_date: dt.date | None = None) -> list[GradingScaleRef]:
    """Scales in force for a category: its own, its ancestors', and the general ones (category empty)."""
    day = on_date or dt.date.today()
    scales = (GradingScale.objects
              .filter(Q(category_id__in=ancestor_ids(category_id)) | Q(category__isnull=True))
              .filter(effective_from__lte=day)
              .filter(Q(retired_on__isnull=True) | Q(retired_on__gt=day))
              .order_by("category_id", "code", "-version"))
    return [grading_scale_ref(scale) for scale in scales]


def grading_scales_current() -> list[GradingScaleRef]:
    """Every scale in force today (for the public category list)."""
    today = dt.date.today()
    scales = (GradingScale.objects.filter(effective_from__lte=today)
              .filter(Q(retired_on__isnull=True) | Q(retired_on__gt=today)).order_by("code", "-version"))
    return [grading_scale_ref(scale) for scale in scales]


def carbon_factor_for(category_id: int, on_date: dt.date | None = None) -> Decimal | None:
    """kg CO2e avoided per reused item on a date: the category's own factor, else the nearest ancestor's."""
    day = on_date or dt.date.today()
    chain = ancestor_ids(category_id)
    first_seen: dict[int, Decimal] = {}
    for category, factor in (CarbonFactor.objects.filter(category_id__in=chain, valid_from__lte=day)
                             .order_by("-valid_from").values_list("category_id", "kg_co2e_per_item")):
        first_seen.setdefault(category, factor)
    return next((first_seen[category] for category in chain if category in first_seen), None)


def carbon_factor_rows(category_id: int) -> list[CarbonFactor]:
    return list(CarbonFactor.objects.filter(category_id=category_id).order_by("-valid_from"))


def carbon_factors_current(on_date: dt.date | None = None) -> dict[int, CarbonFactor]:
    """Each category's own factor in force on a date (the newest valid_from not after it)."""
    day = on_date or dt.date.today()
    current: dict[int, CarbonFactor] = {}
    for factor in CarbonFactor.objects.filter(valid_from__lte=day).order_by("-valid_from"):
        current.setdefault(factor.category_id, factor)
    return current


def category_overview() -> list[dict[str, Any]]:
    """The public category page: every active category in tree order with its own scales and factor."""
    scales = grading_scales_current()
    factors = carbon_factors_current()
    return [{"node": node, "category": node.category,
             "scales": [scale for scale in scales if scale.category_id == node.category.id],
             "carbon_factor": factors.get(node.category.id)}
            for node in flatten_tree(category_tree())]


def category_detail(code: str) -> dict[str, Any]:
    """One category with its path from the root, children, scales in force and factor history."""
    category = category_get(code)
    refs = {ref.id: ref for ref in category_list(include_inactive=True)}
    path = [refs[ancestor] for ancestor in reversed(ancestor_ids(category.id)) if ancestor in refs]
    return {"category": category, "path": path[:-1],
            "children": [ref for ref in refs.values() if ref.parent_id == category.id and ref.is_active],
            "scales": grading_scales_for(category.id), "carbon_factors": carbon_factor_rows(category.id),
            "carbon_factor": carbon_factor_for(category.id)}


_IMEI_SEPARATORS = re.compile(r"[\s\-/]+")


def tac_of(imei_or_tac: str) -> str | None:
    """The TAC (first 8 digits) of an IMEI, IMEISV or bare TAC, separators and full-width digits allowed;
    None when the input is not at least 8 digits."""
    digits = _IMEI_SEPARATORS.sub("", unicodedata.normalize("NFKC", imei_or_tac or ""))
    if len(digits) < 8 or not digits.isascii() or not digits.isdigit():
        return None
    return digits[:8]


def _tac_ref(entry: TacEntry) -> TacRef:
    return TacRef(tac=entry.tac, brand=entry.brand, model=entry.model, canonical_brand=canonical_brand(entry.brand),
                  aka=tuple(name.strip() for name in entry.aka.split(",") if name.strip()))


def tac_lookup(imei_or_tac: str) -> TacRef | None:
    tac = tac_of(imei_or_tac)
    entry = TacEntry.objects.filter(tac=tac).first() if tac is not None else None
    return _tac_ref(entry) if entry is not None else None


TAC_CHUNK = 500


def tac_lookup_many(imeis_or_tacs: Iterable[str]) -> dict[str, TacRef]:
    """TAC -> entry for every known TAC among the inputs (one query per 500 TACs)."""
    tacs = sorted({tac for tac in map(tac_of, imeis_or_tacs) if tac is not None})
    found: dict[str, TacRef] = {}
    for start in range(0, len(tacs), TAC_CHUNK):
        for entry in TacEntry.objects.filter(tac__in=tacs[start:start + TAC_CHUNK]):
            found[entry.tac] = _tac_ref(entry)
    return found
