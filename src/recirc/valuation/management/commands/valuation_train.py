"""`recirc valuation train --category mobile-phones`: train a new version of a category's price model."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from recirc.core.errors import DomainError
from recirc.valuation.training import model_train

STEPS = {"tune-linear": "spline ridge cross-validated", "tune-boosting": "boosted trees cross-validated",
         "fit": "stacked model fitted"}


class Command(BaseCommand):
    help = ("Train a category's price model on its past prices (hyper-parameters by cross-validation on the "
            "training part) and record it; it becomes active when it beats the active model on its hold-out part.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--category", required=True, help="category code, e.g. mobile-phones")
        parser.add_argument("--quick", action="store_true", help="a smaller hyper-parameter search (seconds)")
        parser.add_argument("--activate", action="store_true", help="activate even if it does not beat the active")
        parser.add_argument("--notes", default="", help="kept with the registry entry")

    def handle(self, *args: Any, **options: Any) -> None:
        bar = tqdm(total=len(STEPS), desc="training", unit="step", disable=options.get("verbosity", 1) == 0,
                   mininterval=0.2 if sys.stderr.isatty() else 5.0)

        def progress(step: str) -> None:
            bar.set_postfix_str(STEPS.get(step, step))
            bar.update(1)

        try:
            model = model_train(actor=None, category=options["category"], quick=options["quick"],
                                activate_anyway=options["activate"], notes=options["notes"], progress=progress)
        except DomainError as error:
            raise CommandError(error.text()) from error
        finally:
            bar.close()
        log_price, cny = model.metrics["log_price"], model.metrics["cny"]
        state = "active" if model.is_active else "not active (does not beat the active model)"
        self.stdout.write(self.style.SUCCESS(
            f"{options['category']} v{model.version}: {state}; {model.rows_train} training / {model.rows_test} "
            f"hold-out rows from {model.data_from} to {model.data_to}; hold-out R^2 {log_price['r2']:.4f}, "
            f"RMSE {log_price['rmse']:.4f} (log price), MAE {cny['mae']:.2f} CNY."))
