"""A small run of the valuation benchmark (bench/b_valuation.py): the published split, training through the
platform's own builder (recirc.valuation.learning), hyper-parameters from the training rows only, repeatable
and deterministic. The accuracy gates are `make bench`'s business (the full search); here a small search must
still beat the published OLS baseline measured in the same run. Skipped when the shared data is absent."""

from __future__ import annotations

import pytest
from bench import b_valuation

from recirc.valuation.learning import SearchGrid

pytestmark = pytest.mark.skipif(not b_valuation.DATA.is_file(), reason=b_valuation.MISSING_MESSAGE)


def test_the_published_recipe_reads_the_data_set() -> None:
    rows, target = b_valuation.load()
    train, test = b_valuation.published_split(len(rows))
    assert (len(rows), len(train), len(test)) == (3454, 2417, 1037)
    assert all(row[name] is not None for row in rows for name in b_valuation.NUMBERS)
    assert rows[0]["years_since_release"] == 1 and round(float(target[0]), 6) == 4.307572
    assert b_valuation.ols_baseline(rows, target, train, test)["r2"] == pytest.approx(0.8425, abs=5e-5)


def test_a_small_run_keeps_every_invariant() -> None:
    grid = SearchGrid(knots=(6,), interactions=(True,), depths=(2,), learning_rate=0.1, max_trees=150, folds=3)
    result = b_valuation.measure(grid)
    assert result.invariants == {
        "published split: 2,417 train / 1,037 test rows": True,
        "train and test parts disjoint": True,
        "hyper-parameters chosen by CV on the training rows only": True,
        "every test prediction finite": True,
        "prediction repeatable": True,
        "deterministic: the same seed refits the same model": True,
    }
    assert result.size == "3454 devices (2417 train / 1037 test)"
    assert result.measures["test R^2"] > result.baselines["published OLS (reproduced) r2"]
    assert result.measures["test RMSE"] < result.baselines["published OLS (reproduced) rmse"]
    assert [gate.name for gate in result.gates] == ["test R^2", "test RMSE"]
