"""Loading a deployment's districts (GB/T 2260) from rows: all rows valid, or nothing is written."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from recirc.core.audit import audit_record
from recirc.operators.errors import DistrictFileInvalid
from recirc.operators.models import District
from recirc.operators.validation import is_valid_district_code

MAX_DEPTH = 8


@dataclass(frozen=True)
class DistrictRow:
    """One row as read from a file; `line` is its line number there, for error messages."""

    line: int
    code: str
    name: str
    name_en: str = ""
    parent_code: str = ""
    population: str = ""


@dataclass(frozen=True)
class DistrictLoadResult:
    created: int
    updated: int


def _row_problems(row: DistrictRow, seen: set[str]) -> list[str]:
    problems = []
    if not is_valid_district_code(row.code):
        problems.append(_("code %(code)r is not a six-digit GB/T 2260 code") % {"code": row.code})
    elif row.code in seen:
        problems.append(_("code %(code)s appears twice in the file") % {"code": row.code})
    if not row.name.strip() or len(row.name) > 60:
        problems.append(_("name is required (at most 60 characters)"))
    if len(row.name_en) > 80:
        problems.append(_("English name is longer than 80 characters"))
    if row.parent_code and not is_valid_district_code(row.parent_code):
        problems.append(_("parent code %(code)r is not a six-digit code") % {"code": row.parent_code})
    if row.parent_code and row.parent_code == row.code:
        problems.append(_("a district cannot be its own parent"))
    if row.population and not (row.population.isdigit() and int(row.population) < 2**31):
        problems.append(_("population %(value)r is not a whole number") % {"value": row.population})
    return problems


def _ancestry_problem(row: DistrictRow, parents: dict[str, str | None]) -> str | None:
    code: str | None = row.parent_code
    for _step in range(MAX_DEPTH):
        if not code:
            return None
        if code not in parents:
            return _("parent %(code)s is neither in the file nor loaded") % {"code": code}
        if code == row.code:
            return _("parent codes form a loop")
        code = parents[code]
    return _("parent codes form a loop")


def district_rows_problems(rows: list[DistrictRow]) -> list[str]:
    """Every problem of every row, as "line N: problem" (translated)."""
    known: dict[str, str | None] = {
        code: parent for code, parent in District.objects.values_list("code", "parent__code")}
    parents = known | {row.code: row.parent_code or None for row in rows}
    errors: list[str] = []
    seen: set[str] = set()
    for row in rows:
        problems = _row_problems(row, seen)
        seen.add(row.code)
        well_formed = is_valid_district_code(row.code) and (not row.parent_code
                                                             or is_valid_district_code(row.parent_code))
        if well_formed and row.parent_code != row.code and (problem := _ancestry_problem(row, parents)):
            problems.append(problem)
        errors.extend(_("line %(line)s: %(problem)s") % {"line": row.line, "problem": problem}
                      for problem in problems)
    return errors


def _parents_first(rows: Iterable[DistrictRow]) -> list[DistrictRow]:
    pending, ordered, in_file = list(rows), [], {row.code for row in rows}
    placed: set[str] = set()
    while pending:
        ready = [row for row in pending if row.parent_code not in in_file or row.parent_code in placed]
        if not ready:  # a loop; district_rows_problems() refuses those before we get here
            raise DistrictFileInvalid()
        ordered.extend(ready)
        placed.update(row.code for row in ready)
        pending = [row for row in pending if row.code not in placed]
    return ordered


@transaction.atomic
def districts_load(*, actor: Any, rows: list[DistrictRow]) -> DistrictLoadResult:
    """Create or update districts by code. Any bad row refuses the whole file (DistrictFileInvalid)."""
    errors = district_rows_problems(rows)
    if errors:
        raise DistrictFileInvalid(errors={"file": errors})
    created = updated = 0
    for row in _parents_first(rows):
        parent = District.objects.get(code=row.parent_code) if row.parent_code else None
        _district, was_created = District.objects.update_or_create(
            code=row.code, defaults={"name": row.name.strip(), "name_en": row.name_en.strip(), "parent": parent,
                                     "population": int(row.population) if row.population else None})
        created, updated = created + was_created, updated + (not was_created)
    audit_record(actor=actor, action="districts.loaded", payload={"created": created, "updated": updated,
                                                                   "codes": [row.code for row in rows]})
    return DistrictLoadResult(created=created, updated=updated)
