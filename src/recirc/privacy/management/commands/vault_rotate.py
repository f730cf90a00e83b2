"""Re-encrypt every vault record under the active key (RECIRC_VAULT_ACTIVE_KEY), with a progress bar."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from recirc.privacy.crypto import keyring
from recirc.privacy.services import pii_rotate, rotation_pending

BAR_WIDTH = 30


def progress_bar(done: int, total: int) -> str:
    filled = BAR_WIDTH if total == 0 else min(BAR_WIDTH, BAR_WIDTH * done // total)
    percent = 100 if total == 0 else min(100, 100 * done // total)
    return f"[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {done}/{total} ({percent}%)"


class Command(BaseCommand):
    help = "Re-encrypt vault records that are not yet under the active key. Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500, help="records per transaction (default 500)")

    def handle(self, *args: Any, **options: Any) -> None:
        active_key_id = keyring().active_key_id
        total = rotation_pending()
        self.stdout.write(f"Active key: {active_key_id}. Records to re-encrypt: {total}")
        self.stdout.write(progress_bar(0, total))
        rotated = pii_rotate(batch_size=options["batch_size"],
                             on_batch=lambda done: self.stdout.write(progress_bar(done, total)))
        self.stdout.write(self.style.SUCCESS(f"Re-encrypted {rotated} record(s) under key {active_key_id}."))
