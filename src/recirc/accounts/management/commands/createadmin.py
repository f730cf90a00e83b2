"""`recirc createadmin`: create a platform administrator, asking for the password twice."""

from __future__ import annotations

import getpass
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from recirc.accounts import services
from recirc.core.errors import DomainError
from recirc.core.roles import Role


class Command(BaseCommand):
    help = "Create a platform administrator (Django admin and every city-wide view)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", help="login name (asked for when missing)")
        parser.add_argument("--display-name", default="", help="name shown in the interface")
        parser.add_argument("--password-from-env", metavar="VARIABLE",
                            help="read the password from this environment variable instead of asking")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"] or input("Username: ").strip()
        password = self._password(options["password_from_env"])
        try:
            validate_password(password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        try:
            with transaction.atomic():
                services.user_create(actor=None, username=username, password=password, role=Role.PLATFORM_ADMIN,
                                     display_name=options["display_name"])
        except DomainError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Platform administrator {username!r} created."))

    def _password(self, variable: str | None) -> str:
        if variable:
            import os

            value = os.environ.get(variable, "")
            if not value:
                raise CommandError(f"The environment variable {variable} is empty.")
            return value
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return first
