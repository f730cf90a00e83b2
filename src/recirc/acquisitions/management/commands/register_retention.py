"""Erase the personal values of register entries past retention (RECIRC_POLICY["REGISTER_RETENTION_YEARS"])."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from recirc.acquisitions import policy
from recirc.acquisitions.retention import register_retention, retention_pending


class Command(BaseCommand):
    help = ("Erase from the vault the personal values of register entries acquired before the retention period "
            "(the entries' facts stay and the chains still verify). Safe to run again.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500, help="entries per transaction (default 500)")
        parser.add_argument("--dry-run", action="store_true", help="only count the entries that are due")

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        cutoff = policy.retention_cutoff(now)
        due = retention_pending(now=now)
        self.stdout.write(f"Retention: {policy.retention_years()} years; entries acquired before "
                          f"{timezone.localtime(cutoff):%Y-%m-%d %H:%M} are due: {due}.")
        if options["dry_run"] or not due:
            return
        result = register_retention(now=now, batch_size=options["batch_size"],
                                    on_batch=lambda done: self.stdout.write(f"  {done}/{due} entries"))
        self.stdout.write(self.style.SUCCESS(
            f"Erased {result.values} personal value(s) of {result.entries} entr(y/ies); their facts remain."))
