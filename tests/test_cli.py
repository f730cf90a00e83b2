"""The `recirc` command: every subcommand the README names exists and runs."""

from __future__ import annotations

import subprocess
import sys

import pytest

from recirc import cli


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "recirc.cli", *args], capture_output=True, text=True,
                          timeout=120, check=False)


def test_help_lists_every_subcommand() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("demo", "serve", "migrate", "createadmin", "seed", "check"):
        assert command in result.stdout


def test_check_passes_on_the_default_settings() -> None:
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_an_unknown_subcommand_is_refused_with_usage() -> None:
    result = run("frobnicate")
    assert result.returncode == 2
    assert "usage: recirc" in result.stderr


@pytest.mark.django_db
def test_seed_rejects_a_non_positive_scale(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli._call("demo_city", "--scale", "0")
    assert exit_info.value.code == 2
    assert "--scale must be greater than 0" in capsys.readouterr().err
