"""`recirc manage moderation_taxonomy_load`: store the prohibited-goods taxonomy data file as a new draft version,
and publish it when asked (by a named platform moderator or administrator)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from recirc.core.errors import DomainError
from recirc.moderation import screening_services
from recirc.moderation.taxonomy import DEFAULT_FILE, read_document


class Command(BaseCommand):
    help = ("Load the prohibited-goods taxonomy (default: Recirc's data file moderation/data/taxonomy.toml) as a "
            "new draft version; with --publish --by USERNAME, publish it at once (the version in force is "
            "superseded). Listings are re-screened by the listings context afterwards.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=DEFAULT_FILE, help="a TOML file of the same shape")
        parser.add_argument("--publish", action="store_true", help="bring the loaded version into force")
        parser.add_argument("--by", help="username of the platform moderator or administrator who publishes")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        publisher = None
        if options["publish"]:
            if not options["by"]:
                raise CommandError("--publish needs --by USERNAME (a platform moderator or administrator).")
            publisher = get_user_model().objects.filter(username=options["by"]).first()
            if publisher is None:
                raise CommandError(f"No such user: {options['by']}")
        document = read_document(path)
        try:
            version = screening_services.taxonomy_load(actor=None, document=document,
                                                       source=f"{path.name} {document.get('version', '')}".strip())
            if publisher is not None:
                version = screening_services.taxonomy_publish(actor=publisher, version=version)
        except DomainError as error:
            raise CommandError(str(error.text())) from error
        self.stdout.write(self.style.SUCCESS(
            f"Taxonomy version {version.number} ({version.source}): {version.categories.count()} categories, "
            f"{version.state}."))
