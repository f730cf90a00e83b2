"""`manage.py statistics_refresh [--rebuild]`: bring the supervision roll-ups up to date now (the beat schedule
does it every 15 minutes); --rebuild recomputes every roll-up from the facts."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from recirc.supervision.refresh import rollups_refresh


class Command(BaseCommand):
    help = "Refresh the supervision statistics roll-ups (incremental; --rebuild for all of them)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="recompute every roll-up from the facts")

    def handle(self, *args: Any, **options: Any) -> None:
        report = rollups_refresh(rebuild=options["rebuild"])
        self.stdout.write(f"transaction days: {report.transaction_days}, activity days: {report.activity_days}, "
                          f"months: {report.months}, seconds: {report.seconds}")
