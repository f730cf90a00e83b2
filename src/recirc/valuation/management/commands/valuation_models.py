"""`recirc valuation models`: the model registry, one line per version."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from recirc.catalog.facade import category_get, category_list
from recirc.valuation.selectors import model_list


class Command(BaseCommand):
    help = "List the price models of every category (or one): version, data window, rows, hold-out metrics."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--category", help="only this category code")

    def handle(self, *args: Any, **options: Any) -> None:
        codes = {ref.id: ref.code for ref in category_list(include_inactive=True)}
        category_id = category_get(options["category"]).id if options.get("category") else None
        models = list(model_list(None, category_id=category_id))
        if not models:
            self.stdout.write("No models yet: train one with `recirc valuation train --category <code>`.")
            return
        self.stdout.write(f"{'category':<22} {'ver':>4} {'active':<6} {'window':<23} {'train':>6} {'test':>5} "
                          f"{'R2 log':>7} {'RMSE log':>8} {'MAE CNY':>9}  trained")
        for model in models:
            log_price, cny = model.metrics.get("log_price", {}), model.metrics.get("cny", {})
            self.stdout.write(
                f"{codes.get(model.category_id, '?'):<22} {model.version:>4} {'yes' if model.is_active else '':<6} "
                f"{model.data_from} {model.data_to} {model.rows_train:>6} {model.rows_test:>5} "
                f"{log_price.get('r2', 0):>7.4f} {log_price.get('rmse', 0):>8.4f} {cny.get('mae', 0):>9.2f}  "
                f"{timezone.localtime(model.trained_at):%Y-%m-%d %H:%M}")
