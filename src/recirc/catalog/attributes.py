"""Attribute schemas: validating a schema, and validating an item's attributes against one.

A schema is a list of specs, one per attribute:
    {"key": "storage_gb", "type": "choice", "required": true, "label": "存储容量", "label_en": "Storage",
     "choices": [{"value": "128", "label": "128 GB", "label_en": "128 GB"}], "unit": "GB", "public": true}
Types: text (optional "max_length", default 200), integer and decimal (optional "min", "max"), choice
("choices"), boolean. Cleaned values are JSON-ready: text and choice values are strings, integers are
ints, booleans are bools, decimals are canonical strings (JSON has no exact decimal type).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from recirc.catalog.errors import AttributesInvalid, SchemaInvalid

ATTRIBUTE_TYPES = ("text", "integer", "decimal", "choice", "boolean")
SPEC_KEYS = frozenset({"key", "type", "required", "label", "label_en", "choices", "min", "max", "unit",
                       "max_length", "public"})
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
DEFAULT_TEXT_MAX_LENGTH = 200
TRUE_WORDS = frozenset({"true", "1", "yes", "on", "y", "是"})
FALSE_WORDS = frozenset({"false", "0", "no", "off", "n", "否"})


class _Refused(Exception):
    """A value broke a rule; carries the translated message."""


def spec_label(spec: Mapping[str, Any]) -> str:
    """The attribute's label in the active language."""
    language = (get_language() or "zh-hans").lower()
    if language.startswith("zh"):
        return str(spec.get("label") or spec.get("label_en") or spec["key"])
    return str(spec.get("label_en") or spec.get("label") or spec["key"])


def choice_label(choice: Mapping[str, Any]) -> str:
    language = (get_language() or "zh-hans").lower()
    key = "label" if language.startswith("zh") else "label_en"
    return str(choice.get(key) or choice.get("label") or choice["value"])


# --- schemas -------------------------------------------------------------------------------------------------

def _normalise_choices(spec: Mapping[str, Any], problems: list[str]) -> list[dict[str, str]]:
    raw = spec.get("choices")
    if not isinstance(raw, list) or not raw:
        problems.append(_("%(key)s: a choice attribute needs a non-empty list of choices.") % {"key": spec["key"]})
        return []
    choices = []
    for entry in raw:
        if isinstance(entry, str | int) and not isinstance(entry, bool):
            choices.append({"value": str(entry), "label": str(entry), "label_en": str(entry)})
        elif isinstance(entry, Mapping) and str(entry.get("value", "")).strip():
            value = str(entry["value"]).strip()
            choices.append({"value": value, "label": str(entry.get("label") or value),
                            "label_en": str(entry.get("label_en") or entry.get("label") or value)})
        else:
            problems.append(_("%(key)s: every choice needs a value.") % {"key": spec["key"]})
    if len({choice["value"] for choice in choices}) != len(choices):
        problems.append(_("%(key)s: choice values must be unique.") % {"key": spec["key"]})
    return choices


def _number_or_none(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _check_limits(spec: dict[str, Any], problems: list[str]) -> None:
    key = spec["key"]
    for bound in ("min", "max"):
        if bound in spec and spec[bound] is not None:
            if spec["type"] not in ("integer", "decimal"):
                problems.append(_("%(key)s: only numbers can have a minimum or maximum.") % {"key": key})
            elif _number_or_none(spec[bound]) is None:
                problems.append(_("%(key)s: the minimum and maximum must be numbers.") % {"key": key})
    low, high = _number_or_none(spec.get("min")), _number_or_none(spec.get("max"))
    if low is not None and high is not None and low > high:
        problems.append(_("%(key)s: the minimum is greater than the maximum.") % {"key": key})
    if "max_length" in spec and (not isinstance(spec["max_length"], int) or spec["max_length"] < 1):
        problems.append(_("%(key)s: the maximum length must be a positive whole number.") % {"key": key})


def _normalise_spec(raw: Any, position: int, problems: list[str]) -> dict[str, Any] | None:
    if not isinstance(raw, Mapping):
        problems.append(_("Entry %(position)s is not an object.") % {"position": position})
        return None
    key = str(raw.get("key", ""))
    if not KEY_PATTERN.match(key):
        problems.append(_("Entry %(position)s: the key must be lower-case letters, digits and underscores.")
                        % {"position": position})
        return None
    unknown = sorted(set(raw) - SPEC_KEYS)
    if unknown:
        problems.append(_("%(key)s: unknown settings %(names)s.") % {"key": key, "names": ", ".join(unknown)})
    if raw.get("type") not in ATTRIBUTE_TYPES:
        problems.append(_("%(key)s: the type must be one of %(types)s.") % {"key": key,
                                                                            "types": ", ".join(ATTRIBUTE_TYPES)})
        return None
    if not str(raw.get("label", "")).strip() or not str(raw.get("label_en", "")).strip():
        problems.append(_("%(key)s: a Chinese and an English label are required.") % {"key": key})
    spec: dict[str, Any] = {name: raw[name] for name in SPEC_KEYS if name in raw}
    spec["required"] = bool(raw.get("required", False))
    spec["public"] = bool(raw.get("public", True))
    if spec["type"] == "choice":
        spec["choices"] = _normalise_choices(spec, problems)
    elif "choices" in spec:
        problems.append(_("%(key)s: only choice attributes have choices.") % {"key": key})
    _check_limits(spec, problems)
    return spec


def schema_validate(schema: Any) -> list[dict[str, Any]]:
    """Check an attribute schema and return it normalised; raise SchemaInvalid listing every problem."""
    if not isinstance(schema, list):
        raise SchemaInvalid(errors={"attribute_schema": [_("The attribute schema must be a list.")]})
    problems: list[str] = []
    normalised = [spec for position, raw in enumerate(schema, start=1)
                  if (spec := _normalise_spec(raw, position, problems)) is not None]
    keys = [spec["key"] for spec in normalised]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        problems.append(_("Keys used more than once: %(keys)s.") % {"keys": ", ".join(duplicates)})
    if problems:
        raise SchemaInvalid(errors={"attribute_schema": problems})
    return normalised


# --- values --------------------------------------------------------------------------------------------------

def _clean_text(spec: Mapping[str, Any], value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise _Refused(_("%(label)s must be text.") % {"label": spec_label(spec)})
    text = " ".join(str(value).split())
    limit = spec.get("max_length", DEFAULT_TEXT_MAX_LENGTH)
    if len(text) > limit:
        raise _Refused(_("%(label)s must be at most %(limit)s characters.") % {"label": spec_label(spec),
                                                                                "limit": limit})
    return text


def _check_range(spec: Mapping[str, Any], number: Decimal) -> None:
    low, high = _number_or_none(spec.get("min")), _number_or_none(spec.get("max"))
    unit = f" {spec['unit']}" if spec.get("unit") else ""
    if low is not None and number < low:
        raise _Refused(_("%(label)s must be at least %(minimum)s.") % {"label": spec_label(spec),
                                                                        "minimum": f"{spec['min']}{unit}"})
    if high is not None and number > high:
        raise _Refused(_("%(label)s must be at most %(maximum)s.") % {"label": spec_label(spec),
                                                                       "maximum": f"{spec['max']}{unit}"})


def _clean_integer(spec: Mapping[str, Any], value: Any) -> int:
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and re.fullmatch(r"[+-]?\d{1,15}", value.strip()):
        number = int(value.strip())
    if number is None:
        raise _Refused(_("%(label)s must be a whole number.") % {"label": spec_label(spec)})
    _check_range(spec, Decimal(number))
    return number


def _clean_decimal(spec: Mapping[str, Any], value: Any) -> str:
    number = None if isinstance(value, bool) else _number_or_none(
        value.strip().replace(",", "") if isinstance(value, str) else value)
    if number is None or not isinstance(value, str | int | float | Decimal):
        raise _Refused(_("%(label)s must be a number.") % {"label": spec_label(spec)})
    _check_range(spec, number)
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


def _clean_choice(spec: Mapping[str, Any], value: Any) -> str:
    candidate = str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else None
    values = [str(choice["value"]) for choice in spec.get("choices", [])]
    if candidate in values:
        return candidate
    for choice in spec.get("choices", []):  # people type the label they see as well as the value
        if candidate is not None and candidate in (choice.get("label"), choice.get("label_en")):
            return str(choice["value"])
    shown = ", ".join(choice_label(choice) for choice in spec.get("choices", []))
    raise _Refused(_("%(label)s must be one of: %(choices)s.") % {"label": spec_label(spec), "choices": shown})


def _clean_boolean(spec: Mapping[str, Any], value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower() if isinstance(value, str | int) else None
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise _Refused(_("%(label)s must be yes or no.") % {"label": spec_label(spec)})


CLEANERS: dict[str, Callable[[Mapping[str, Any], Any], Any]] = {
    "text": _clean_text, "integer": _clean_integer, "decimal": _clean_decimal,
    "choice": _clean_choice, "boolean": _clean_boolean,
}


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def attributes_clean(schema: list[dict[str, Any]], attributes: Any) -> dict[str, Any]:
    """Validate attributes against a schema; return the typed, normalised dict (schema order).

    Raises AttributesInvalid with errors keyed "attributes.<key>" (all problems at once).
    """
    if attributes is None:
        attributes = {}
    if not isinstance(attributes, Mapping):
        raise AttributesInvalid(errors={"attributes": [_("Attributes must be an object of names and values.")]})
    specs = {spec["key"]: spec for spec in schema}
    errors: dict[str, list[str]] = {}
    for key in attributes:
        if key not in specs:
            errors[f"attributes.{key}"] = [_("“%(key)s” is not an attribute of this category.") % {"key": key}]
    cleaned: dict[str, Any] = {}
    for key, spec in specs.items():
        value = attributes.get(key)
        if _is_blank(value):
            if spec.get("required"):
                errors[f"attributes.{key}"] = [_("%(label)s is required.") % {"label": spec_label(spec)}]
            continue
        try:
            cleaned[key] = CLEANERS[spec["type"]](spec, value)
        except _Refused as refusal:
            errors[f"attributes.{key}"] = [str(refusal)]
    if errors:
        raise AttributesInvalid(errors=errors)
    return cleaned


def attribute_display(spec: Mapping[str, Any], value: Any) -> str:
    """A cleaned value as people read it: choice labels, yes/no, units."""
    if spec.get("type") == "boolean":
        return _("Yes") if value else _("No")
    if spec.get("type") == "choice":
        for choice in spec.get("choices", []):
            if str(choice["value"]) == str(value):
                return choice_label(choice)
    unit = spec.get("unit")
    return f"{value} {unit}" if unit and spec.get("type") in ("integer", "decimal") else str(value)
