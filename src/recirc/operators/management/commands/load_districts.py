"""`manage.py load_districts --file districts.csv`: load a deployment's own city (GB/T 2260 codes).

Columns: code,name,name_en,parent_code,population (a header row with these names is required).
Every row is checked first; if any row is bad, each problem is printed with its line number and
nothing is loaded.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from recirc.operators.errors import DistrictFileInvalid
from recirc.operators.services import DistrictRow, districts_load

COLUMNS = ("code", "name", "name_en", "parent_code", "population")


def read_rows(path: Path) -> list[DistrictRow]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in ("code", "name") if column not in (reader.fieldnames or [])]
        if missing:
            raise CommandError(_("The file needs a header row with the columns: %(columns)s")
                               % {"columns": ",".join(COLUMNS)})
        return [DistrictRow(line=reader.line_num, **{column: (raw.get(column) or "").strip() for column in COLUMNS})
                for raw in reader]


class Command(BaseCommand):
    help = "Load or update districts (GB/T 2260) from a CSV file: code,name,name_en,parent_code,population."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", required=True, type=Path, help="CSV file, UTF-8, with a header row")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        try:
            result = districts_load(actor=None, rows=read_rows(path))
        except DistrictFileInvalid as error:
            for message in error.errors.get("file", []):
                self.stderr.write(message)
            raise CommandError(_("%(count)s problem(s) found; nothing was loaded.")
                               % {"count": len(error.errors.get("file", []))}) from error
        self.stdout.write(self.style.SUCCESS(_("Districts loaded: %(created)s new, %(updated)s updated.")
                                             % {"created": result.created, "updated": result.updated}))
