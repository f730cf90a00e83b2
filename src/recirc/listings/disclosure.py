"""The sale-time disclosure (REGULATIONS.md section 4), composed from the passport and sealed.

`compose()` reads the facts other contexts own (the inspection report and its grades, the repair history with
its parts, the erasure certificate, the passport's battery health) and adds what the seller declared (known
defects, notes; for a C2C listing without an inspection report, the seller's own condition, repairs and
battery). The result is canonical JSON (sorted keys, no spaces) sealed with its SHA-256. The seller cannot
edit a composed fact: there is no field for it; a change of the passport composes a new version.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.utils.translation import get_language

from recirc.catalog.facade import category_get, grading_scales_for
from recirc.erasure.facade import certificate_for_item
from recirc.inspection.facade import latest_report_for_item
from recirc.items.facade import ItemRef, item_ref
from recirc.listings.models import Listing, SellerKind
from recirc.listings.policy import BATTERY_ATTRIBUTE
from recirc.repairs.facade import repair_history

SCHEMA_VERSION = 1
DECLARED_SCALE = "market-condition"


def canonical_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def seal(canonical: str) -> str:
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _grade_entries(category_id: int, grades: list[tuple[str, str]]) -> list[dict[str, Any]]:
    scales = {scale.code: scale for scale in grading_scales_for(category_id)}
    entries = []
    for scale_code, code in grades:
        scale = scales.get(scale_code)
        grade = scale.grade(code) if scale else None
        entries.append({"scale": scale_code, "scale_name": scale.name if scale else scale_code,
                        "scale_name_en": scale.name_en if scale else scale_code,
                        "standard": scale.standard if scale else "", "grade": code,
                        "label": grade.label if grade else code, "label_en": grade.label_en if grade else code})
    return entries


def _inspection(listing: Listing) -> dict[str, Any] | None:
    report = latest_report_for_item(listing.item_id)
    if report is None:
        return None
    ordered = sorted(report.grades, key=lambda grade: (not grade.is_internal, grade.scale_code))
    return {"report_code": report.code, "report_sha256": report.sha256, "outcome": report.outcome,
            "issued_at": report.issued_at.isoformat(), "counterfeit_indicators": report.counterfeit_indicators,
            "grades": _grade_entries(listing.category_id, [(grade.scale_code, grade.grade) for grade in ordered])}


def _repairs(listing: Listing) -> dict[str, Any]:
    history = repair_history(listing.item_id)
    records = [{"work_order": record.work_order_number, "completed_at": record.completed_at.date().isoformat(),
                "faults": list(record.faults), "refurbished": record.is_refurbished,
                "main_part_replaced": record.main_part_replaced,
                "parts": [{"kind": part.kind, "main_part": part.is_main_part, "origin": part.origin,
                           "original": part.is_original, "brand": part.brand, "producer": part.producer,
                           "part_number": part.part_number} for part in record.parts]}
               for record in history.records]
    return {"records": records, "refurbished": history.is_refurbished,
            "non_original_parts": history.has_non_original_parts,
            "main_parts_replaced": list(history.main_parts_replaced)}


def _battery(listing: Listing, attributes: dict[str, Any], category_schema: set[str]) -> dict[str, Any] | None:
    if BATTERY_ATTRIBUTE not in category_schema:
        return None
    value = attributes.get(BATTERY_ATTRIBUTE)
    if value is not None and value != "":
        return {"percent": int(value), "source": "passport"}
    if listing.declared_battery_percent is not None:
        return {"percent": listing.declared_battery_percent, "source": "seller"}
    return {"percent": None, "source": ""}


def _certificate(item_id: int, has_storage: bool) -> dict[str, Any] | None:
    if not has_storage:
        return None
    certificate = certificate_for_item(item_id)
    if certificate is None or not certificate.is_valid:
        return {"code": "", "required": True}
    return {"code": certificate.code, "method": certificate.method, "level": certificate.level,
            "issued_at": certificate.issued_at.isoformat(), "required": True}


def _declared(listing: Listing) -> dict[str, Any] | None:
    """A consumer's own statements (C2C): shown as the seller's, never as the platform's."""
    if listing.seller_kind != SellerKind.CONSUMER:
        return None
    grade = _grade_entries(listing.category_id, [(DECLARED_SCALE, listing.declared_grade)]) \
        if listing.declared_grade else []
    return {"grade": grade[0] if grade else None, "condition": listing.declared_condition.strip(),
            "repairs": listing.declared_repairs.strip(), "no_repairs": listing.declared_no_repairs}


def compose(listing: Listing, item: ItemRef | None = None) -> dict[str, Any]:
    """The disclosure's content, from the passport and the seller's declarations (no timestamps of its own:
    the same facts give the same hash). `item` is the listing's passport when the caller has just read it."""
    item = item if item is not None and item.id == listing.item_id else item_ref(listing.item_id)
    category = category_get(item.category_id)
    schema_keys = {spec.key for spec in category.schema}
    inspection = _inspection(listing)
    return {
        "schema": SCHEMA_VERSION, "listing": listing.code, "item": item.code, "category": category.code,
        "category_name": category.name, "category_name_en": category.name_en, "title": listing.title,
        "brand": item.brand, "model": item.model_name, "used_label": True,
        "seller_kind": listing.seller_kind, "inspection": inspection,
        "inspected_by_platform": inspection is not None, "declared": _declared(listing),
        "repairs": _repairs(listing), "battery": _battery(listing, item.attributes, schema_keys),
        "erasure": _certificate(item.id, category.has_storage),
        "known_defects": list(listing.known_defects), "no_known_defects": listing.no_known_defects,
        "seller_notes": listing.seller_notes.strip(),
    }


def primary_grade(data: dict[str, Any]) -> dict[str, Any] | None:
    """The grade a buyer filters by: the report's first (internal first), else the seller's declared one."""
    inspection = data.get("inspection") or {}
    if inspection.get("grades"):
        return dict(inspection["grades"][0])
    declared = data.get("declared") or {}
    return dict(declared["grade"]) if declared.get("grade") else None


def grade_key(data: dict[str, Any]) -> str:
    grade = primary_grade(data)
    return f"{grade['scale']}:{grade['grade']}" if grade else ""


def is_chinese() -> bool:
    return (get_language() or "").lower().startswith("zh")


def localised(entry: dict[str, Any], key: str) -> str:
    return str(entry.get(key) if is_chinese() else entry.get(f"{key}_en") or entry.get(key) or "")
