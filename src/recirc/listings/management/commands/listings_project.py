"""`manage.py listings_project`: rebuild the public read model row of every published, reserved and sold
listing (ADR 0011), with a progress bar. Run it after an upgrade that changes what a row holds; until then the
readers build stale or missing rows from the listings themselves (correct, only slower)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from recirc.listings.models import PUBLIC_STATUSES, Listing
from recirc.listings.public import project_all

BATCH = 500


class Command(BaseCommand):
    help = "Rebuild the public read model of listings (pages and search cards)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        ids = list(Listing.objects.filter(status__in=sorted(PUBLIC_STATUSES)).order_by("pk")
                   .values_list("pk", flat=True))
        done = 0
        with tqdm(total=len(ids), unit="listing", disable=True if options["quiet"] else None,
                  file=getattr(self.stderr, "_out", sys.stderr)) as bar:
            for start in range(0, len(ids), BATCH):
                with transaction.atomic():
                    done += project_all(ids[start:start + BATCH])
                bar.update(len(ids[start:start + BATCH]))
        self.stdout.write(f"{done} public listings projected")
