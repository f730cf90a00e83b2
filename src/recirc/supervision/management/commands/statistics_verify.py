"""`manage.py statistics_verify`: compare every roll-up with the raw aggregate of the facts; exit 1 on a
difference (run `statistics_refresh` first: changes since the last refresh are expected to differ)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from recirc.supervision.raw import differences


class Command(BaseCommand):
    help = "Check that the supervision roll-ups equal the raw aggregates."

    def handle(self, *args: Any, **options: Any) -> None:
        found = differences(timezone.localdate())
        for name, count in found.items():
            self.stdout.write(f"{name}: {count} differing cells")
        if any(found.values()):
            raise CommandError("roll-ups differ from the raw aggregates")
