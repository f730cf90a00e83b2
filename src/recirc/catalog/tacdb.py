"""Reading a TAC database file in the Osmocom format (https://tacdb.osmocom.org, CC-BY-SA 3.0).

Line 1 is a copyright banner (optional here), then the header `tac,name,name,contributor,comment,gsmarena,
gsmarena,aka`: the first `name` is the brand, the second the model; `aka` lists other names of the model.
Every bad line is reported with its number and skipped; the good lines are kept.

Rules: TACs are trimmed (the Osmocom file has a few with a leading space) and must then be 8 digits; a
brand is required; when a TAC appears twice, the later line wins (like a re-import) and the repeat is noted.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from recirc.catalog.errors import TacFileInvalid

TAC_PATTERN = re.compile(r"^[0-9]{8}$")
BRAND_MAX, MODEL_MAX = 80, 120
BRAND_COLUMN, MODEL_COLUMN, AKA_COLUMN = 1, 2, 7


@dataclass(frozen=True)
class TacRow:
    line: int
    tac: str
    brand: str
    model: str
    aka: str = ""


@dataclass(frozen=True)
class LineProblem:
    line: int
    message: str

    def __str__(self) -> str:
        return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class TacFile:
    rows: list[TacRow] = field(default_factory=list)  # unique TACs, in file order of their winning line
    errors: list[LineProblem] = field(default_factory=list)  # lines skipped
    notes: list[LineProblem] = field(default_factory=list)  # repeated TACs (the later line won)


def _tidy(value: str) -> str:
    return " ".join(value.split())


def _cell(row: list[str], column: int) -> str:
    return _tidy(row[column]) if len(row) > column else ""


def parse_row(line: int, row: list[str]) -> TacRow | LineProblem:
    tac = row[0].strip() if row else ""
    if not TAC_PATTERN.match(tac):
        return LineProblem(line, _("the TAC must be 8 digits, not “%(value)s”") % {"value": tac[:20]})
    brand, model = _cell(row, BRAND_COLUMN), _cell(row, MODEL_COLUMN)
    if not brand:
        return LineProblem(line, _("the brand (first “name” column) is missing"))
    if len(brand) > BRAND_MAX or len(model) > MODEL_MAX:
        return LineProblem(line, _("the brand or model name is too long"))
    return TacRow(line=line, tac=tac, brand=brand, model=model, aka=_cell(row, AKA_COLUMN))


def _is_header(row: list[str]) -> bool:
    return len(row) >= 3 and row[0].strip().casefold() == "tac" and row[1].strip().casefold() == "name"


def parse_lines(lines: Iterable[str]) -> TacFile:
    """Parse the file's lines (banner optional, header required before the data)."""
    reader = csv.reader(lines)
    parsed = TacFile()
    winners: dict[str, TacRow] = {}
    header_seen = False
    for row in reader:
        if not header_seen:
            header_seen = _is_header(row)
            if not header_seen and reader.line_num >= 2:
                raise TacFileInvalid(params={"line": reader.line_num})
            continue
        if not any(cell.strip() for cell in row):
            continue
        result = parse_row(reader.line_num, row)
        if isinstance(result, LineProblem):
            parsed.errors.append(result)
            continue
        if result.tac in winners:
            parsed.notes.append(LineProblem(result.line, _("TAC %(tac)s repeats line %(first)s; this later line "
                                                           "wins") % {"tac": result.tac,
                                                                      "first": winners[result.tac].line}))
        winners[result.tac] = result
    if not header_seen:
        raise TacFileInvalid(params={"line": reader.line_num or 1})
    parsed.rows = sorted(winners.values(), key=lambda row: row.line)
    return parsed


def read_tac_file(path: Path) -> TacFile:
    """Parse an Osmocom-format TAC file (UTF-8, a BOM is allowed)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return parse_lines(handle)
    except UnicodeDecodeError as error:
        raise TacFileInvalid(_("The file is not UTF-8 text."), code="catalog.tac_file_invalid") from error
