"""Draw the month's re-verification samples (R2v3) for every operator with verified erasures in it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from recirc.core.errors import DomainError, ValidationFailed
from recirc.erasure.sampling import previous_period, samples_draw_due
from recirc.operators.facade import operator_refs


class Command(BaseCommand):
    help = "Draw the re-verification samples of a month (default: last month); operators already drawn are skipped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", default="", help="the month as YYYY-MM (default: last month)")
        parser.add_argument("--seed", type=int, default=None,
                            help="a base seed, combined with each operator and the month (default: derived)")

    def handle(self, *args: Any, **options: Any) -> None:
        period = options["period"] or previous_period()
        try:
            samples = samples_draw_due(period=period, seed=options["seed"])
        except ValidationFailed as error:
            raise CommandError(" ".join(str(message) for messages in error.errors.values() for message in messages)
                               or error.text()) from error
        except DomainError as error:
            raise CommandError(error.text()) from error
        names = operator_refs([sample.operator_id for sample in samples])
        for sample in samples:
            name = names[sample.operator_id].name if sample.operator_id in names else sample.operator_id
            self.stdout.write(f"{period} {name}: {sample.size} of {sample.population} verified erasures drawn for "
                              "re-verification.")
        if not samples:
            self.stdout.write(f"{period}: nothing to draw.")
