"""`manage.py import_tac FILE` (`recirc import-tac FILE`): import or update the TAC database from a file in
the Osmocom format (https://tacdb.osmocom.org/export/tacdb.csv, CC-BY-SA 3.0).

Bad lines are reported as "line N: reason" and skipped; the good ones are upserted in batches (a progress
bar on a terminal). Running it again with the same file changes nothing. The exit code is non-zero when the
file cannot be read or holds no usable line.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from tqdm import tqdm

from recirc.catalog.errors import TacFileInvalid
from recirc.catalog.services import tac_entries_import
from recirc.catalog.tacdb import read_tac_file


class Command(BaseCommand):
    help = "Import or update the TAC database from an Osmocom-format CSV file (tac,name,name,...,aka)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the TAC database file, UTF-8 CSV in the Osmocom format")
        parser.add_argument("--source", default="osmocom", help="name of the source stored with each entry")
        parser.add_argument("--batch-size", type=int, default=500, help="entries written per batch")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        try:
            parsed = read_tac_file(path)
        except TacFileInvalid as error:
            raise CommandError(error.text()) from error
        for problem in [*parsed.errors, *parsed.notes]:
            self.stderr.write(str(problem))
        if not parsed.rows:
            raise CommandError(_("No TAC could be read from %(path)s.") % {"path": path})
        quiet = options["verbosity"] < 1
        with tqdm(total=len(parsed.rows), unit="TAC", disable=True if quiet else None,
                  file=getattr(self.stderr, "_out", sys.stderr)) as bar:
            result = tac_entries_import(actor=None, rows=parsed.rows, source=options["source"],
                                        batch_size=options["batch_size"], progress=bar.update)
        self.stdout.write(self.style.SUCCESS(
            _("TAC entries: %(created)s new, %(updated)s updated, %(unchanged)s unchanged; %(skipped)s line(s) "
              "skipped.") % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged,
                             "skipped": len(parsed.errors)}))
