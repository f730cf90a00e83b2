"""Catalogue writes: categories, grading scale versions, carbon factors. Each records an audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.catalog.attributes import schema_validate
from recirc.catalog.checklists import definition_clean
from recirc.catalog.errors import CategoryTreeConflict, GradingChecklistInvalid, GradingScaleInvalid
from recirc.catalog.models import CarbonFactor, Category, GradingChecklist, GradingScale, TacEntry
from recirc.catalog.selectors import ancestor_ids, category_model_get, grading_scales_for
from recirc.catalog.tacdb import TacRow
from recirc.core.audit import audit_record
from recirc.core.errors import PermissionDenied, ValidationFailed, validation_from_django
from recirc.core.roles import Role

CATEGORY_FIELDS = frozenset({"code", "name", "name_en", "parent_id", "attribute_schema", "has_storage",
                             "requires_hardware_identifier", "high_risk", "sort_order", "is_active"})


def may_edit_catalog(actor: Any) -> bool:
    """The catalogue is reference data: platform administrators (and Django superusers) maintain it."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    return bool(getattr(actor, "is_superuser", False)) or getattr(actor, "role", None) == Role.PLATFORM_ADMIN


def _require_editor(actor: Any) -> None:
    if not may_edit_catalog(actor):
        raise PermissionDenied(code="catalog.edit_forbidden")


def _full_clean(instance: Any, *, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude)
    except DjangoValidationError as error:
        raise validation_from_django(error, code="catalog.invalid") from error


def _check_parent(category: Category) -> None:
    if category.parent_id is None:
        return
    category_model_get(category.parent_id)
    if category.pk is not None and category.pk in ancestor_ids(category.parent_id):
        raise CategoryTreeConflict(field="parent_id")


@transaction.atomic
def category_create(*, actor: Any, code: str, name: str, name_en: str, parent_id: int | None = None,
                    attribute_schema: list[dict[str, Any]] | None = None, has_storage: bool = False,
                    requires_hardware_identifier: bool = False, high_risk: bool = False,
                    sort_order: int = 0) -> Category:
    _require_editor(actor)
    category = Category(code=code, name=name, name_en=name_en, parent_id=parent_id,
                        attribute_schema=schema_validate(attribute_schema or []), has_storage=has_storage,
                        requires_hardware_identifier=requires_hardware_identifier, high_risk=high_risk,
                        sort_order=sort_order)
    _check_parent(category)
    _full_clean(category)
    category.save()
    audit_record(actor=actor, action="catalog.category_created", target=category,
                 payload={"code": category.code, "parent_id": parent_id})
    return category


@transaction.atomic
def category_update(*, actor: Any, category: Category, **changes: Any) -> Category:
    """Change the named fields; a new attribute schema is validated before it is stored."""
    _require_editor(actor)
    unknown = sorted(set(changes) - CATEGORY_FIELDS)
    if unknown:
        raise ValidationFailed(errors={name: [_("This field cannot be changed.")] for name in unknown})
    category = Category.objects.select_for_update().get(pk=category.pk)
    if "attribute_schema" in changes:
        changes["attribute_schema"] = schema_validate(changes["attribute_schema"])
    for field, value in changes.items():
        setattr(category, field, value)
    _check_parent(category)
    _full_clean(category)
    category.save()
    audit_record(actor=actor, action="catalog.category_updated", target=category,
                 payload={"code": category.code, "fields": sorted(changes)})
    return category


# "description" is English, "description_zh" Simplified Chinese: both or neither.
GRADE_KEYS = ("code", "label", "label_en", "description", "description_zh")


def _grade_clean(grade: Any) -> dict[str, str]:
    if not isinstance(grade, dict) or not all(str(grade.get(key, "")).strip()
                                              for key in ("code", "label", "label_en")):
        raise GradingScaleInvalid(errors={"grades": [_("Every grade needs a code, a label and an English label.")]})
    cleaned = {key: str(grade.get(key, "")).strip() for key in GRADE_KEYS}
    if bool(cleaned["description"]) != bool(cleaned["description_zh"]):
        raise GradingScaleInvalid(errors={"grades": [_("Grade “%(code)s”: give its description in English and in "
                                                       "Chinese, or neither.") % {"code": cleaned["code"]}]})
    return cleaned


def _grades_validate(grades: Any) -> list[dict[str, str]]:
    if not isinstance(grades, list) or not grades:
        raise GradingScaleInvalid(errors={"grades": [_("A scale needs at least one grade.")]})
    cleaned = [_grade_clean(grade) for grade in grades]
    if len({grade["code"] for grade in cleaned}) != len(cleaned):
        raise GradingScaleInvalid(errors={"grades": [_("Grade codes must be unique within a scale.")]})
    return cleaned


@transaction.atomic
def grading_scale_publish(*, actor: Any, code: str, name: str, name_en: str, standard: str,
                          grades: list[dict[str, Any]], effective_from: dt.date, category_id: int | None = None,
                          description: str = "", description_zh: str = "", standard_zh: str = "") -> GradingScale:
    """Publish the next version of a scale; the version in force until now retires on `effective_from`.
    Descriptions come in English and Simplified Chinese (`description_zh`), for the scale and each grade;
    `standard_zh` only where the standard's name differs in Chinese."""
    _require_editor(actor)
    if bool(description.strip()) != bool(description_zh.strip()):
        raise GradingScaleInvalid(errors={"description_zh": [_("Give the description in English and in Chinese, "
                                                               "or neither.")]})
    if category_id is not None:
        category_model_get(category_id)
    current = list(GradingScale.objects.select_for_update().filter(code=code, retired_on__isnull=True))
    latest = GradingScale.objects.filter(code=code).order_by("-version").first()
    scale = GradingScale(code=code, version=(latest.version + 1) if latest else 1, name=name, name_en=name_en,
                         standard=standard, standard_zh=standard_zh.strip(), description=description.strip(),
                         description_zh=description_zh.strip(), grades=_grades_validate(grades),
                         effective_from=effective_from, category_id=category_id)
    if latest is not None and effective_from < latest.effective_from:
        raise GradingScaleInvalid(errors={"effective_from": [_("A new version cannot take effect before the "
                                                               "version it replaces.")]})
    _full_clean(scale)
    scale.save()
    for old in current:
        old.retired_on = effective_from
        old.save(update_fields=["retired_on"])
    audit_record(actor=actor, action="catalog.grading_scale_published", target=scale,
                 payload={"code": code, "version": scale.version, "retired": [old.version for old in current]})
    return scale


def _checklist_scale(scale_code: str, category_id: int, on_date: dt.date) -> tuple[GradingScale, dict[str, list[str]]]:
    in_force = {scale.code: scale for scale in grading_scales_for(category_id, on_date=on_date)}
    if scale_code not in in_force:
        raise GradingChecklistInvalid(errors={"scale": [_("Choose a grading scale in force for this category.")]})
    scales = {code: [grade.code for grade in scale.grades] for code, scale in in_force.items()}
    return GradingScale.objects.get(pk=in_force[scale_code].id), scales


@transaction.atomic
def grading_checklist_publish(*, actor: Any, code: str, category_id: int, name: str, name_en: str,
                              scale_code: str, items: list[dict[str, Any]], rules: list[dict[str, Any]],
                              mappings: list[dict[str, Any]], effective_from: dt.date) -> GradingChecklist:
    """Publish the next version of a checklist (validated whole: items, rules, mappings onto scales in force
    on `effective_from`); the version in force until now retires on that day. Versions are never edited."""
    _require_editor(actor)
    category_model_get(category_id)
    scale, scales = _checklist_scale(scale_code, category_id, effective_from)
    cleaned_items, cleaned_rules, cleaned_mappings = definition_clean(items, rules, mappings, grades=scales[scale_code],
                                                                      scales=scales)
    current = list(GradingChecklist.objects.select_for_update().filter(code=code, retired_on__isnull=True))
    latest = GradingChecklist.objects.filter(code=code).order_by("-version").first()
    if latest is not None and (effective_from < latest.effective_from or latest.category_id != category_id):
        raise GradingChecklistInvalid(errors={"effective_from": [_("A new version keeps the category and cannot "
                                                                   "take effect before the version it replaces.")]})
    checklist = GradingChecklist(code=code, version=(latest.version + 1) if latest else 1, category_id=category_id,
                                 name=name, name_en=name_en, scale=scale, items=cleaned_items, rules=cleaned_rules,
                                 mappings=cleaned_mappings, effective_from=effective_from)
    _full_clean(checklist)
    checklist.save()
    for old in current:
        old.retired_on = effective_from
        old.save(update_fields=["retired_on"])
    audit_record(actor=actor, action="catalog.grading_checklist_published", target=checklist,
                 payload={"code": code, "version": checklist.version, "retired": [old.version for old in current]})
    return checklist


@transaction.atomic
def carbon_factor_set(*, actor: Any, category_id: int, kg_co2e_per_item: Decimal, source: str,
                      valid_from: dt.date, is_estimate: bool = True) -> CarbonFactor:
    """Set the factor from a date on (replacing one set for the same date). A source is required."""
    _require_editor(actor)
    category_model_get(category_id)
    if not source or not source.strip():
        raise ValidationFailed(field="source", message=_("Name the source of the factor."),
                               code="catalog.carbon_source_missing")
    factor = (CarbonFactor.objects.select_for_update().filter(category_id=category_id, valid_from=valid_from).first()
              or CarbonFactor(category_id=category_id, valid_from=valid_from))
    factor.kg_co2e_per_item = Decimal(str(kg_co2e_per_item))
    factor.source = source.strip()
    factor.is_estimate = is_estimate
    _full_clean(factor)
    factor.save()
    audit_record(actor=actor, action="catalog.carbon_factor_set", target=factor,
                 payload={"category_id": category_id, "kg_co2e_per_item": factor.kg_co2e_per_item,
                          "valid_from": valid_from.isoformat()})
    return factor


@dataclass(frozen=True)
class TacImportResult:
    created: int
    updated: int
    unchanged: int


TAC_FIELDS = ("brand", "model", "aka", "source")


def _tac_batch(batch: list[TacRow], source: str, now: dt.datetime) -> TacImportResult:
    existing = {entry.tac: entry for entry in TacEntry.objects.filter(tac__in=[row.tac for row in batch])}
    new, changed = [], []
    for row in batch:
        entry = existing.get(row.tac)
        wanted = {"brand": row.brand, "model": row.model, "aka": row.aka, "source": source}
        if entry is None:
            new.append(TacEntry(tac=row.tac, imported_at=now, **wanted))
        elif any(getattr(entry, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(entry, name, value)
            entry.imported_at = now
            changed.append(entry)
    TacEntry.objects.bulk_create(new)
    TacEntry.objects.bulk_update(changed, [*TAC_FIELDS, "imported_at"])
    return TacImportResult(created=len(new), updated=len(changed), unchanged=len(batch) - len(new) - len(changed))


@transaction.atomic
def tac_entries_import(*, actor: Any, rows: Iterable[TacRow], source: str = "osmocom", batch_size: int = 500,
                       progress: Callable[[int], object] | None = None) -> TacImportResult:
    """Upsert TAC entries in batches (one read, one insert and one update per batch); entries missing from
    the rows are kept. Rows are validated by catalog.tacdb; a repeated TAC: the later row wins. Idempotent:
    a second import of the same rows changes nothing. The system (actor None) or a catalogue editor."""
    if actor is not None:
        _require_editor(actor)
    unique = list({row.tac: row for row in rows}.values())
    now, totals = timezone.now(), [0, 0, 0]
    for start in range(0, len(unique), max(batch_size, 1)):
        batch = unique[start:start + max(batch_size, 1)]
        result = _tac_batch(batch, source, now)
        totals = [totals[0] + result.created, totals[1] + result.updated, totals[2] + result.unchanged]
        if progress is not None:
            progress(len(batch))
    result = TacImportResult(created=totals[0], updated=totals[1], unchanged=totals[2])
    audit_record(actor=actor, action="catalog.tac_imported",
                 payload={"source": source, "created": result.created, "updated": result.updated,
                          "unchanged": result.unchanged})
    return result
