"""Grading checklists as data: the definition's rules (validated before any version is stored), the
contracts built from stored rows, and the reads. Evaluating answers is the inspection context's job; this
module only guarantees that every stored definition can be evaluated.

A definition has three parts:
- items: [{"key", "kind": pass_fail|choice|number, "section", "label", "label_en", "required", "default",
  "attribute", "options": [{"value", "label", "label_en"}], "min", "max", "unit", "help", "help_en"}]
- rules: [{"item", "op": eq|ne|lt|lte|gt|gte|in, "value", "cap", "functional", "refuse", "counterfeit",
  "reason", "reason_en"}]: at least one effect each
- mappings: [{"scale", "source": overall|cosmetic|functional, "grades": {source value: scale grade}}]
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from recirc.catalog.contracts import (
    ChecklistItemRef,
    ChecklistMappingRef,
    ChecklistOptionRef,
    ChecklistRuleRef,
    GradingChecklistRef,
)
from recirc.catalog.errors import GradingChecklistInvalid
from recirc.catalog.models import GradingChecklist
from recirc.catalog.selectors import ancestor_ids, grading_scale_ref

ITEM_KINDS = ("pass_fail", "choice", "number")
SECTIONS = ("appearance", "function", "hygiene", "measurements", "authenticity")
OPERATORS = ("eq", "ne", "lt", "lte", "gt", "gte", "in")
NUMERIC_OPERATORS = frozenset({"lt", "lte", "gt", "gte"})
SOURCES = ("overall", "cosmetic", "functional")
FUNCTIONAL_LEVELS = tuple(str(level) for level in range(10))
PASS_FAIL = ("pass", "fail")


class _Errors:
    """Collects messages per part so that one bad definition reports every problem at once."""

    def __init__(self) -> None:
        self.by_part: dict[str, list[str]] = {}

    def add(self, part: str, message: str) -> None:
        self.by_part.setdefault(part, []).append(message)


def _text(entry: dict[str, Any], key: str) -> str:
    return " ".join(str(entry.get(key) or "").split())


def _int_or_none(value: Any) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).lstrip("-").isdigit():
        raise ValueError(value)
    return int(value)


def _options(raw: Any, key: str, errors: _Errors) -> list[dict[str, str]]:
    options = []
    for option in raw if isinstance(raw, list) else []:
        if not isinstance(option, dict) or not all(_text(option, name) for name in ("value", "label", "label_en")):
            errors.add("items", _("Item “%(key)s”: every option needs a value, a label and an English label.")
                       % {"key": key})
            continue
        options.append({name: _text(option, name) for name in ("value", "label", "label_en")})
    if len(options) < 2 or len({option["value"] for option in options}) != len(options):
        errors.add("items", _("Item “%(key)s”: a choice needs at least two options with distinct values.")
                   % {"key": key})
    return options


def _number_bounds(item: dict[str, Any], cleaned: dict[str, Any], errors: _Errors) -> None:
    try:
        cleaned["min"], cleaned["max"] = _int_or_none(item.get("min")), _int_or_none(item.get("max"))
    except ValueError:
        errors.add("items", _("Item “%(key)s”: the bounds must be whole numbers.") % {"key": cleaned["key"]})
        return
    if cleaned["min"] is not None and cleaned["max"] is not None and cleaned["min"] > cleaned["max"]:
        errors.add("items", _("Item “%(key)s”: the minimum is above the maximum.") % {"key": cleaned["key"]})
    cleaned["unit"] = _text(item, "unit")


def _default_ok(cleaned: dict[str, Any]) -> bool:
    default = cleaned["default"]
    if not default:
        return True
    if cleaned["kind"] == "pass_fail":
        return default in PASS_FAIL
    if cleaned["kind"] == "choice":
        return default in {option["value"] for option in cleaned["options"]}
    return default.lstrip("-").isdigit()


def _item_clean(item: Any, errors: _Errors) -> dict[str, Any] | None:
    if not isinstance(item, dict) or not _text(item, "key"):
        errors.add("items", _("Every item needs a key."))
        return None
    key = _text(item, "key")
    cleaned: dict[str, Any] = {"key": key, "kind": _text(item, "kind"), "section": _text(item, "section"),
                               "label": _text(item, "label"), "label_en": _text(item, "label_en"),
                               "required": bool(item.get("required", True)), "default": _text(item, "default"),
                               "attribute": _text(item, "attribute"), "help": _text(item, "help"),
                               "help_en": _text(item, "help_en")}
    if cleaned["kind"] not in ITEM_KINDS:
        errors.add("items", _("Item “%(key)s”: the kind must be pass_fail, choice or number.") % {"key": key})
    if cleaned["section"] not in SECTIONS:
        errors.add("items", _("Item “%(key)s”: unknown section.") % {"key": key})
    if not cleaned["label"] or not cleaned["label_en"]:
        errors.add("items", _("Item “%(key)s”: a label and an English label are required.") % {"key": key})
    if bool(cleaned["help"]) != bool(cleaned["help_en"]):
        errors.add("items", _("Item “%(key)s”: give the help in Chinese and in English, or neither.") % {"key": key})
    if cleaned["kind"] == "choice":
        cleaned["options"] = _options(item.get("options"), key, errors)
    if cleaned["kind"] == "number":
        _number_bounds(item, cleaned, errors)
    if cleaned["kind"] in ITEM_KINDS and not _default_ok(cleaned):
        errors.add("items", _("Item “%(key)s”: the default is not a possible answer.") % {"key": key})
    return cleaned


def _items_clean(items: Any, errors: _Errors) -> list[dict[str, Any]]:
    if not isinstance(items, list) or not items:
        errors.add("items", _("A checklist needs at least one item."))
        return []
    cleaned = [entry for entry in (_item_clean(item, errors) for item in items) if entry is not None]
    if len({entry["key"] for entry in cleaned}) != len(cleaned):
        errors.add("items", _("Item keys must be unique within a checklist."))
    return cleaned


def answer_values(item: dict[str, Any]) -> set[str] | None:
    """The possible answers of a pass/fail or choice item; None for numbers."""
    if item["kind"] == "pass_fail":
        return set(PASS_FAIL)
    if item["kind"] == "choice":
        return {option["value"] for option in item.get("options", [])}
    return None


def _rule_value(rule: dict[str, Any], item: dict[str, Any], errors: _Errors, number: int) -> Any:
    op, value, possible = rule.get("op"), rule.get("value"), answer_values(item)
    if op == "in":
        values = [str(entry) for entry in value] if isinstance(value, list) and value else None
        if values is None or (possible is not None and not set(values) <= possible):
            errors.add("rules", _("Rule %(number)s: “in” needs a list of possible answers.") % {"number": number})
        return values
    if possible is None or op in NUMERIC_OPERATORS:
        if possible is not None or isinstance(value, bool) or not isinstance(value, int | float):
            errors.add("rules", _("Rule %(number)s: compare numbers with a number.") % {"number": number})
        return value
    if str(value) not in possible:
        errors.add("rules", _("Rule %(number)s: “%(value)s” is not a possible answer.")
                   % {"number": number, "value": value})
    return str(value)


def _rule_effects(rule: dict[str, Any], cleaned: dict[str, Any], grades: list[str], errors: _Errors,
                  number: int) -> None:
    cleaned["cap"] = _text(rule, "cap")
    cleaned["refuse"], cleaned["counterfeit"] = bool(rule.get("refuse")), bool(rule.get("counterfeit"))
    try:
        cleaned["functional"] = _int_or_none(rule.get("functional"))
    except ValueError:
        cleaned["functional"] = -1
    if cleaned["cap"] and cleaned["cap"] not in grades:
        errors.add("rules", _("Rule %(number)s: the cap is not a grade of the internal scale.") % {"number": number})
    if cleaned["functional"] is not None and not 0 <= cleaned["functional"] <= 9:
        errors.add("rules", _("Rule %(number)s: the functional grade is 0 to 9.") % {"number": number})
    if not (cleaned["cap"] or cleaned["functional"] is not None or cleaned["refuse"] or cleaned["counterfeit"]):
        errors.add("rules", _("Rule %(number)s: give an effect (cap, functional, refuse or counterfeit).")
                   % {"number": number})
    if not cleaned["reason"] or not cleaned["reason_en"]:
        errors.add("rules", _("Rule %(number)s: a reason and an English reason are required.") % {"number": number})


def _rules_clean(rules: Any, items: list[dict[str, Any]], grades: list[str], errors: _Errors) -> list[dict[str, Any]]:
    by_key = {item["key"]: item for item in items}
    cleaned_rules = []
    for number, rule in enumerate(rules if isinstance(rules, list) else [], start=1):
        item = by_key.get(str(rule.get("item"))) if isinstance(rule, dict) else None
        if item is None or rule.get("op") not in OPERATORS:
            errors.add("rules", _("Rule %(number)s: name an item of the checklist and an operator "
                                  "(eq, ne, lt, lte, gt, gte, in).") % {"number": number})
            continue
        cleaned = {"item": item["key"], "op": rule["op"], "reason": _text(rule, "reason"),
                   "reason_en": _text(rule, "reason_en")}
        cleaned["value"] = _rule_value(rule, item, errors, number)
        _rule_effects(rule, cleaned, grades, errors, number)
        cleaned_rules.append(cleaned)
    return cleaned_rules


def _mapping_clean(mapping: Any, grades: list[str], scales: dict[str, list[str]], errors: _Errors
                   ) -> dict[str, Any] | None:
    if not isinstance(mapping, dict) or mapping.get("source") not in SOURCES:
        errors.add("mappings", _("Every mapping needs a scale and a source (overall, cosmetic or functional)."))
        return None
    scale, source = _text(mapping, "scale"), mapping["source"]
    if scale not in scales:
        errors.add("mappings", _("Mapping to “%(scale)s”: no such scale in force.") % {"scale": scale})
        return None
    table = {str(key): str(value) for key, value in (mapping.get("grades") or {}).items()}
    expected = set(FUNCTIONAL_LEVELS) if source == "functional" else set(grades)
    if set(table) != expected:
        errors.add("mappings", _("Mapping to “%(scale)s”: map every value of the source exactly once.")
                   % {"scale": scale})
    if not set(table.values()) <= set(scales[scale]):
        errors.add("mappings", _("Mapping to “%(scale)s”: a target is not a grade of that scale.") % {"scale": scale})
    return {"scale": scale, "source": source, "grades": table}


def definition_clean(items: Any, rules: Any, mappings: Any, *, grades: list[str],
                     scales: dict[str, list[str]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]],
                                                            list[dict[str, Any]]]:
    """The cleaned definition, or GradingChecklistInvalid listing every problem (keyed items, rules,
    mappings). `grades`: the internal scale's codes, best first; `scales`: code -> grade codes of the scales
    in force for the category."""
    errors = _Errors()
    cleaned_items = _items_clean(items, errors)
    cleaned_rules = _rules_clean(rules, cleaned_items, grades, errors)
    cleaned_mappings = [entry for entry in (_mapping_clean(mapping, grades, scales, errors)
                                            for mapping in (mappings if isinstance(mappings, list) else []))
                        if entry is not None]
    if len({mapping["scale"] for mapping in cleaned_mappings}) != len(cleaned_mappings):
        errors.add("mappings", _("Map onto each scale once."))
    if errors.by_part:
        raise GradingChecklistInvalid(errors=errors.by_part)
    return cleaned_items, cleaned_rules, cleaned_mappings


def _item_ref(item: dict[str, Any]) -> ChecklistItemRef:
    return ChecklistItemRef(
        key=item["key"], kind=item["kind"], section=item["section"], label=item["label"],
        label_en=item["label_en"], required=bool(item.get("required", True)), default=str(item.get("default", "")),
        attribute=str(item.get("attribute", "")),
        options=tuple(ChecklistOptionRef(value=option["value"], label=option["label"], label_en=option["label_en"])
                      for option in item.get("options", [])),
        minimum=item.get("min"), maximum=item.get("max"), unit=str(item.get("unit", "")),
        help=str(item.get("help", "")), help_en=str(item.get("help_en", "")))


def _rule_ref(rule: dict[str, Any]) -> ChecklistRuleRef:
    value = tuple(rule["value"]) if isinstance(rule["value"], list) else rule["value"]
    return ChecklistRuleRef(item=rule["item"], op=rule["op"], value=value, reason=rule["reason"],
                            reason_en=rule["reason_en"], cap=str(rule.get("cap", "")),
                            functional=rule.get("functional"), refuse=bool(rule.get("refuse")),
                            counterfeit=bool(rule.get("counterfeit")))


def checklist_ref(checklist: GradingChecklist) -> GradingChecklistRef:
    return GradingChecklistRef(
        id=checklist.pk, code=checklist.code, version=checklist.version, category_id=checklist.category_id,
        name=checklist.name, name_en=checklist.name_en, scale=grading_scale_ref(checklist.scale),
        items=tuple(_item_ref(item) for item in checklist.items),
        rules=tuple(_rule_ref(rule) for rule in checklist.rules or []),
        mappings=tuple(ChecklistMappingRef(scale=mapping["scale"], source=mapping["source"],
                                           grades=tuple(mapping["grades"].items()))
                       for mapping in checklist.mappings or []),
        effective_from=checklist.effective_from, retired_on=checklist.retired_on)


def _in_force(day: dt.date) -> Q:
    return Q(effective_from__lte=day) & (Q(retired_on__isnull=True) | Q(retired_on__gt=day))


def grading_checklist_for(category_id: int, *, on_date: dt.date | None = None) -> GradingChecklistRef | None:
    """The checklist in force for the category on a date: its own, else its nearest ancestor's; None if none."""
    chain = ancestor_ids(category_id)
    found = {checklist.category_id: checklist for checklist in GradingChecklist.objects.select_related("scale")
             .filter(_in_force(on_date or dt.date.today()), category_id__in=chain).order_by("version")}
    return next((checklist_ref(found[category]) for category in chain if category in found), None)


def grading_checklist_get(checklist_id: int) -> GradingChecklistRef | None:
    """A version by id, in force or not (an inspection names the version it was graded with)."""
    checklist = GradingChecklist.objects.select_related("scale").filter(pk=checklist_id).first()
    return checklist_ref(checklist) if checklist is not None else None


def grading_checklists_current(on_date: dt.date | None = None) -> list[GradingChecklistRef]:
    return [checklist_ref(checklist) for checklist in GradingChecklist.objects.select_related("scale")
            .filter(_in_force(on_date or dt.date.today())).order_by("code")]
