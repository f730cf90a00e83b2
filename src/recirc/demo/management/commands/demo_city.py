"""`recirc seed --scale N` / `recirc demo`: load the deterministic demo pilot city."""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from recirc.demo.city import build_city
from recirc.demo.people import DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Load a deterministic demo pilot city (same seed and scale, same city)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=float, default=1.0, help="1 = about 40 operators and 3,000 items")
        parser.add_argument("--seed", type=int, default=2024)
        parser.add_argument("--if-empty", action="store_true", help="do nothing if the database has users")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["scale"] <= 0:
            self.stderr.write("--scale must be greater than 0")
            raise SystemExit(2)
        if get_user_model().objects.exists():
            if options["if_empty"]:
                self.stdout.write("The database already holds a city; keeping it.")
                self._print_logins()
                return
            self.stderr.write("The database already has users: seed an empty database (or use --if-empty).")
            raise SystemExit(2)
        bars: dict[str, tqdm] = {}

        def progress(step: str, count: int) -> None:
            bar = bars.get(step)
            if bar is None:
                for finished in bars.values():
                    finished.close()
                total = {"items": max(20, round(3000 * options["scale"])),
                         "register": max(10, round(300 * options["scale"]))}.get(step)
                bar = bars[step] = tqdm(desc=f"{step:<10}", total=total, unit="",
                                        mininterval=0.2 if sys.stderr.isatty() else 5.0,
                                        disable=options.get("verbosity", 1) == 0)
            bar.update(count - bar.n)

        city = build_city(scale=options["scale"], seed=options["seed"], progress=progress)
        for bar in bars.values():
            bar.close()
        self.stdout.write(self.style.SUCCESS(
            f"Demo city loaded: {len(city.operators)} operators, "
            f"{sum(len(v) for v in city.outlets.values())} outlets, {len(city.consumers)} consumers, "
            f"{city.item_count + city.acquisition_count} items, {city.acquisition_count} register entries, "
            f"{city.watchlist_count} watchlist entries."))
        self._print_logins()

    def _print_logins(self) -> None:
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.username:<12} {login.role:<20} {login.display_name}")
        self.stdout.write(f"Database: {settings.DATABASES['default']['NAME']}")
