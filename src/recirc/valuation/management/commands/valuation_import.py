"""`recirc valuation import FILE`: import past prices from a CSV or XLSX file (all rows or none)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from recirc.core.errors import DomainError, ValidationFailed
from recirc.valuation.imports import observations_import


class Command(BaseCommand):
    help = "Import past prices (price observations) from CSV or XLSX; every bad row is listed and nothing is saved."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a .csv or .xlsx file (see the template on the import page)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        bar = tqdm(desc="checking rows", unit="row", disable=options.get("verbosity", 1) == 0,
                   mininterval=0.2 if sys.stderr.isatty() else 5.0)
        try:
            rows = observations_import(actor=None, file_name=path.name, content=path.read_bytes(),
                                       progress=lambda count: bar.update(count - bar.n))
        except ValidationFailed as error:
            bar.close()
            for line in error.errors.get("file", []) or [error.text()]:
                self.stderr.write(str(line))
            raise CommandError("Nothing was imported.") from error
        except DomainError as error:
            bar.close()
            raise CommandError(error.text()) from error
        bar.close()
        self.stdout.write(self.style.SUCCESS(f"{len(rows)} price observations imported from {path.name}."))
