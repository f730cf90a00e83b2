"""`recirc register verify`: recompute every outlet's chain and name the first bad entry of each."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from recirc.acquisitions.selectors import chain_statuses


class Command(BaseCommand):
    help = ("Verify the acquisition register: every outlet's hash chain (or one outlet's). Prints one line per "
            "chain naming the first bad entry; exits with status 1 if any chain was tampered with.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--outlet", type=int, help="verify only this outlet's chain (outlet id)")

    def handle(self, *args: Any, **options: Any) -> None:
        outlet = options.get("outlet")
        statuses = chain_statuses(outlet_ids=None if outlet is None else [outlet])
        if not statuses:
            self.stdout.write("No register chains to verify." if outlet is None
                              else f"Outlet {outlet}: no register entries.")
            return
        bad = 0
        for status in statuses:
            if status.intact:
                self.stdout.write(self.style.SUCCESS(
                    f"Outlet {status.outlet_id}: intact, {status.checked} of {status.length} entries verified."))
                continue
            bad += 1
            entry = f"entry #{status.first_bad_sequence}" + (
                f" (id {status.first_bad_id})" if status.first_bad_id is not None else "")
            self.stdout.write(self.style.ERROR(
                f"Outlet {status.outlet_id}: TAMPERED at {entry}: {status.reason}. "
                f"{status.checked} of {status.length} entries verified before it."))
        if bad:
            raise CommandError(f"{bad} of {len(statuses)} register chain(s) failed verification.", returncode=1)
        self.stdout.write(f"All {len(statuses)} register chain(s) intact.")
