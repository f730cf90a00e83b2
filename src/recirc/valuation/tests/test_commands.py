"""`recirc valuation train | import | models`: the commands behind the CLI, and the CLI's clean refusal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from recirc.cli import main
from recirc.valuation.models import PriceObservation, ValuationModel
from recirc.valuation.tests.factories import phone_sales

CSV = "category,price,observed_on,brand,model\nmobile-phones,1000,2026-10-01,Apple,iPhone 13\n"


def test_import_then_list(db: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sales.csv"
    path.write_text(CSV, encoding="utf-8")
    main(["valuation", "import", str(path)])
    assert "1 price observations imported from sales.csv." in capsys.readouterr().out
    assert PriceObservation.objects.get().brand == "Apple"
    main(["valuation", "models"])
    assert "No models yet" in capsys.readouterr().out


def test_bad_files_and_thin_data_exit_with_a_message(db: Any, tmp_path: Path) -> None:
    path = tmp_path / "sales.csv"
    path.write_text(CSV.replace("1000", "free"), encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        main(["valuation", "import", str(path)])
    assert str(stopped.value.code) == "recirc valuation import: Nothing was imported."
    with pytest.raises(SystemExit) as stopped:
        main(["valuation", "train", "--category", "clothing"])
    assert str(stopped.value.code).startswith("recirc valuation train: Only 0 price observations of")
    assert PriceObservation.objects.count() == 0 and ValuationModel.objects.count() == 0


def test_train_and_list(db: Any, settings: Any, capsys: pytest.CaptureFixture[str]) -> None:
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "VALUATION_MIN_TRAINING_ROWS": 100}
    phone_sales(100)
    main(["valuation", "train", "--category", "mobile-phones", "--quick", "--notes", "cli"])
    assert "mobile-phones v1: active; 75 training / 25 hold-out rows" in capsys.readouterr().out
    main(["valuation", "models", "--category", "mobile-phones"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["category", "ver", "active"] and lines[1].split()[:3] == ["mobile-phones", "1",
                                                                                              "yes"]
