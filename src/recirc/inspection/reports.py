"""The portable inspection report: one JSON document of public facts (no personal data, identifiers masked),
bilingual so that it reads without Recirc, sealed by a SHA-256 over its canonical JSON.

Canonical JSON: UTF-8, keys sorted, no spaces (separators "," and ":"), non-ASCII kept as is; only strings,
whole numbers, booleans, null, lists and objects. Anyone can recompute the hash from a downloaded report:
  sha256(json.dumps(report, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from recirc.catalog.facade import CategoryRef, GradingChecklistRef, GradingScaleRef
from recirc.inspection.grading import Answer, GradingResult
from recirc.items.facade import ItemRef, identifier_mask
from recirc.operators.facade import OperatorRef

REPORT_FORMAT = "recirc.inspection-report/1"
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32, as passport codes
READING_MISTAKES = str.maketrans("OIL", "011")  # what people misread in a printed code
PASS_FAIL_LABELS = {"pass": ("合格", "Pass"), "fail": ("不合格", "Fail")}


def canonical_json(document: Mapping[str, Any]) -> bytes:
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def report_hash(document: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(document)).hexdigest()


def report_code_new() -> str:
    """"IR" and 10 random Crockford base32 characters (about 50 bits): unguessable, easy to read out."""
    return "IR" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


def report_code_normalise(code: str) -> str:
    """Forgive lower case, spaces, dashes, O for 0 and I/L for 1 after the "IR" prefix."""
    text = "".join((code or "").split()).upper().replace("-", "")
    if not text.startswith(("IR", "1R", "LR")):
        return text
    return "IR" + text[2:].translate(READING_MISTAKES)


def _answer_labels(checklist: GradingChecklistRef, key: str, value: Answer) -> tuple[str, str]:
    item = checklist.item(key)
    if item is None:
        return str(value), str(value)
    if item.kind == "number":
        text = f"{value} {item.unit}".strip()
        return text, text
    if item.kind == "pass_fail":
        return PASS_FAIL_LABELS.get(str(value), (str(value), str(value)))
    option = item.option(str(value))
    return (option.label, option.label_en) if option else (str(value), str(value))


def _answers(checklist: GradingChecklistRef, answers: Mapping[str, Answer]) -> list[dict[str, Any]]:
    rows = []
    for item in checklist.items:
        if item.key in answers:
            label, label_en = _answer_labels(checklist, item.key, answers[item.key])
            rows.append({"item": item.key, "section": item.section, "label": item.label, "label_en": item.label_en,
                         "answer": answers[item.key], "answer_label": label, "answer_label_en": label_en})
    return rows


def _grades(result: GradingResult, scales: Mapping[str, GradingScaleRef]) -> list[dict[str, Any]]:
    rows = []
    for entry in result.grades:
        scale = scales[entry.scale_code]
        grade = scale.grade(entry.grade)
        rows.append({"scale": scale.code, "version": scale.version, "name": scale.name, "name_en": scale.name_en,
                     "standard": scale.standard, "grade": entry.grade, "label": grade.label if grade else entry.grade,
                     "label_en": grade.label_en if grade else entry.grade, "internal": entry.is_internal})
    return rows


@dataclass(frozen=True)
class ReportFacts:
    """Everything a report is built from."""

    code: str
    issued_at: dt.datetime
    item: ItemRef
    category: CategoryRef
    operator: OperatorRef | None
    checklist: GradingChecklistRef
    answers: Mapping[str, Answer]
    result: GradingResult
    scales: Mapping[str, GradingScaleRef]
    identification: dict[str, Any]
    indicators: list[dict[str, str]]
    price_estimate: dict[str, str] | None = None


def report_document(facts: ReportFacts) -> dict[str, Any]:
    """The report as plain JSON values (what is stored, shown, printed, downloaded and hashed)."""
    item = facts.item
    return {
        "format": REPORT_FORMAT, "code": facts.code,
        "issued_at": facts.issued_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "item": {"passport_code": item.code, "category_code": facts.category.code,
                 "category_name": facts.category.name, "category_name_en": facts.category.name_en,
                 "title": item.title, "brand": item.brand, "model_name": item.model_name,
                 "identifiers": [{"kind": identifier.kind, "value": identifier_mask(identifier.kind, identifier.value)}
                                 for identifier in sorted(item.identifiers, key=lambda ref: (ref.kind, ref.value))]},
        "operator": ({"name": facts.operator.name, "credit_code": facts.operator.credit_code}
                     if facts.operator else None),
        "checklist": {"code": facts.checklist.code, "version": facts.checklist.version, "name": facts.checklist.name,
                      "name_en": facts.checklist.name_en},
        "outcome": facts.result.outcome,
        "answers": _answers(facts.checklist, facts.answers),
        "findings": [{"item": finding.item, "reason": finding.reason, "reason_en": finding.reason_en,
                      "cap": finding.cap, "functional": finding.functional, "refuse": finding.refuse,
                      "counterfeit": finding.counterfeit} for finding in facts.result.findings],
        "grades": _grades(facts.result, facts.scales),
        "identification": facts.identification,
        "counterfeit_indicators": facts.indicators,
        "referred_to_market_supervision": bool(facts.indicators),
        "price_estimate": facts.price_estimate,
    }


@dataclass(frozen=True)
class Verification:
    """The outcome of recomputing a report's hash: `intact` when it equals the hash stored at issue."""

    code: str
    stored: str
    computed: str

    @property
    def intact(self) -> bool:
        return secrets.compare_digest(self.stored, self.computed)


def verify(code: str, document: Mapping[str, Any], stored_hash: str) -> Verification:
    return Verification(code=code, stored=stored_hash, computed=report_hash(document))
