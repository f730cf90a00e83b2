"""Grading: answers to a checklist version -> the internal grade, its mapping on each standard scale, the
findings that explain it, and counterfeit indicators. Pure functions of the checklist data (catalog).

- Every rule whose condition holds becomes a finding. The internal grade is the worst `cap` of the findings
  (the scale's best grade when none caps it); the cosmetic grade the worst cap of appearance items; the
  functional level the highest `functional` (0 when none).
- A finding with `refuse` refuses the item: no grade on any scale.
- Mappings turn the overall grade, the cosmetic grade or the functional level into each standard's grade.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from recirc.catalog.facade import ChecklistItemRef, ChecklistRuleRef, GradingChecklistRef, GradingScaleRef
from recirc.inspection.errors import AnswersInvalid, ChecklistIncomplete
from recirc.inspection.models import InspectionOutcome

Answer = str | int


@dataclass(frozen=True)
class Finding:
    item: str
    reason: str
    reason_en: str
    cap: str = ""
    functional: int | None = None
    refuse: bool = False
    counterfeit: bool = False


@dataclass(frozen=True)
class ScaleGrade:
    scale_code: str
    scale_version: int
    grade: str
    is_internal: bool
    source: str = "overall"


@dataclass(frozen=True)
class GradingResult:
    outcome: str
    grade: str
    cosmetic: str
    functional_level: int
    findings: tuple[Finding, ...]
    grades: tuple[ScaleGrade, ...]

    @property
    def counterfeit_findings(self) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.counterfeit)


def _answer(item: ChecklistItemRef, raw: Any) -> Answer:
    """The cleaned answer, or ValueError with a translated message."""
    text = str(raw).strip()
    if item.kind == "number":
        if not text.lstrip("-").isdigit():
            raise ValueError(_("Enter a whole number."))
        number = int(text)
        if (item.minimum is not None and number < item.minimum) or (item.maximum is not None and number > item.maximum):
            raise ValueError(_("Enter a number from %(minimum)s to %(maximum)s.")
                             % {"minimum": item.minimum, "maximum": item.maximum})
        return number
    allowed = ("pass", "fail") if item.kind == "pass_fail" else tuple(option.value for option in item.options)
    if text not in allowed:
        raise ValueError(_("Choose one of the answers offered."))
    return text


def answers_clean(checklist: GradingChecklistRef, raw: Mapping[str, Any]) -> dict[str, Answer]:
    """Every required item answered with a possible answer; else ChecklistIncomplete naming the missing items
    (or AnswersInvalid), with a message per item."""
    cleaned: dict[str, Answer] = {}
    missing: list[ChecklistItemRef] = []
    errors: dict[str, list[Any]] = {}
    for item in checklist.items:
        value = raw.get(item.key)
        if value is None or str(value).strip() == "":
            if item.required:
                missing.append(item)
                errors[item.key] = [_("Answer this item.")]
            continue
        try:
            cleaned[item.key] = _answer(item, value)
        except ValueError as error:
            errors[item.key] = [str(error)]
    if missing:
        separator = "、" if (get_language() or "zh-hans").startswith("zh") else ", "
        names = separator.join(item.display_label for item in missing)
        raise ChecklistIncomplete(errors=errors, params={"items": names})
    if errors:
        raise AnswersInvalid(errors=errors)
    return cleaned


def rule_holds(rule: ChecklistRuleRef, value: Answer) -> bool:
    if rule.op == "in":
        return str(value) in {str(entry) for entry in rule.value}  # type: ignore[attr-defined]
    if isinstance(value, int) and not isinstance(rule.value, str):
        number, limit = value, rule.value
        return {"eq": number == limit, "ne": number != limit, "lt": number < limit, "lte": number <= limit,  # type: ignore[operator]
                "gt": number > limit, "gte": number >= limit}[rule.op]  # type: ignore[operator]
    return {"eq": str(value) == str(rule.value), "ne": str(value) != str(rule.value)}.get(rule.op, False)


def findings_for(checklist: GradingChecklistRef, answers: Mapping[str, Answer]) -> list[Finding]:
    return [Finding(item=rule.item, reason=rule.reason, reason_en=rule.reason_en, cap=rule.cap,
                    functional=rule.functional, refuse=rule.refuse, counterfeit=rule.counterfeit)
            for rule in checklist.rules if rule.item in answers and rule_holds(rule, answers[rule.item])]


def _worst(grades: list[str], caps: list[str]) -> str:
    return grades[max((grades.index(cap) for cap in caps), default=0)]


def _mapped(checklist: GradingChecklistRef, values: dict[str, str],
            scales: Mapping[str, GradingScaleRef]) -> list[ScaleGrade]:
    mapped = []
    for mapping in checklist.mappings:
        scale = scales.get(mapping.scale)
        grade = mapping.grade_for(values[mapping.source])
        if scale is not None and grade is not None and scale.grade(grade) is not None:
            mapped.append(ScaleGrade(scale_code=scale.code, scale_version=scale.version, grade=grade,
                                     is_internal=False, source=mapping.source))
    return mapped


def grade(checklist: GradingChecklistRef, answers: Mapping[str, Answer],
          scales: Mapping[str, GradingScaleRef]) -> GradingResult:
    """Grade cleaned answers. `scales`: the scales in force on the inspection day, by code."""
    findings = findings_for(checklist, answers)
    grades = [entry.code for entry in checklist.scale.grades]
    sections = {item.key: item.section for item in checklist.items}
    overall = _worst(grades, [finding.cap for finding in findings if finding.cap])
    cosmetic = _worst(grades, [finding.cap for finding in findings
                               if finding.cap and sections.get(finding.item) == "appearance"])
    functional = max((finding.functional for finding in findings if finding.functional is not None), default=0)
    if any(finding.refuse for finding in findings):
        return GradingResult(outcome=InspectionOutcome.REFUSED, grade="", cosmetic="", functional_level=functional,
                             findings=tuple(findings), grades=())
    internal = ScaleGrade(scale_code=checklist.scale.code, scale_version=checklist.scale.version, grade=overall,
                          is_internal=True)
    values = {"overall": overall, "cosmetic": cosmetic, "functional": str(functional)}
    return GradingResult(outcome=InspectionOutcome.GRADED, grade=overall, cosmetic=cosmetic,
                         functional_level=functional, findings=tuple(findings),
                         grades=(internal, *_mapped(checklist, values, scales)))
