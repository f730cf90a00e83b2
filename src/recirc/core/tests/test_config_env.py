"""Settings come from the environment; a missing production secret stops start-up with a clear message."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

import recirc.config.settings as settings_module
from recirc.config.env import env_bool, env_int, env_list, env_str, require_in_production

PRODUCTION_SECRETS = {
    "SECRET_KEY": "test-only-a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "RECIRC_VAULT_KEYS": "k1:dGVzdC1vbmx5LXZhdWx0LWtleS0zMi1ieXRlcy1vayE=",
    "RECIRC_BLIND_INDEX_KEY": "test-only-blind-index-key",
    "ALLOWED_HOSTS": "recirc.example.org",
}
# Variables of the calling environment that would change what the child process sees.
SCRUBBED = {*PRODUCTION_SECRETS, "RECIRC_ENV", "DEBUG", "RECIRC_VAULT_ACTIVE_KEY", "RECIRC_HOME"}


def test_require_in_production_names_the_missing_variable() -> None:
    with pytest.raises(ImproperlyConfigured, match=r"^SECRET_KEY must be set in production \(RECIRC_ENV=production\)"):
        require_in_production(True, "SECRET_KEY", "", "dev-default")


def test_require_in_production_refuses_the_development_default() -> None:
    with pytest.raises(ImproperlyConfigured, match="RECIRC_BLIND_INDEX_KEY must be set in production"):
        require_in_production(True, "RECIRC_BLIND_INDEX_KEY", "dev-default", "dev-default")


def test_outside_production_the_development_default_is_used() -> None:
    assert require_in_production(False, "SECRET_KEY", "", "dev-default") == "dev-default"
    assert require_in_production(False, "SECRET_KEY", "given", "dev-default") == "given"
    assert require_in_production(True, "SECRET_KEY", "given", "dev-default") == "given"


def test_env_int_refuses_a_non_number_with_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECIRC_API_PAGE_SIZE", "twenty")

    with pytest.raises(ImproperlyConfigured) as caught:
        env_int("RECIRC_API_PAGE_SIZE", 20)

    assert str(caught.value) == "RECIRC_API_PAGE_SIZE must be a whole number, got 'twenty'"


@pytest.mark.parametrize(("raw", "expected"), [(None, 20), ("", 20), (" ", 20), ("50", 50), ("-3", -3)])
def test_env_int_reads_numbers_and_falls_back_to_the_default(monkeypatch: pytest.MonkeyPatch, raw: str | None,
                                                             expected: int) -> None:
    monkeypatch.delenv("RECIRC_TEST_NUMBER", raising=False)
    if raw is not None:
        monkeypatch.setenv("RECIRC_TEST_NUMBER", raw)

    assert env_int("RECIRC_TEST_NUMBER", 20) == expected


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("True", True), (" yes ", True), ("on", True),
                                               ("0", False), ("no", False), ("", False), ("maybe", False)])
def test_env_bool(monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool) -> None:
    monkeypatch.setenv("RECIRC_TEST_FLAG", raw)

    assert env_bool("RECIRC_TEST_FLAG", default=not expected) is expected


def test_env_bool_list_and_str_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RECIRC_TEST_FLAG", raising=False)
    monkeypatch.setenv("RECIRC_TEST_HOSTS", " a.example.org, ,b.example.org ")

    assert env_bool("RECIRC_TEST_FLAG", default=True) is True
    assert env_list("RECIRC_TEST_HOSTS") == ["a.example.org", "b.example.org"]
    assert env_list("RECIRC_TEST_UNSET", "x,y") == ["x", "y"]
    assert env_str("RECIRC_TEST_UNSET", "fallback") == "fallback"


def start_django(tmp_path: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    """Import the settings in a fresh interpreter, as a production server would at start-up."""
    environment = {key: value for key, value in os.environ.items() if key not in SCRUBBED}
    environment.update(DJANGO_SETTINGS_MODULE="recirc.config.settings", RECIRC_DATA_DIR=str(tmp_path), **variables)
    code = "import django; django.setup(); from django.conf import settings; print('DEBUG', settings.DEBUG)"
    return subprocess.run([sys.executable, "-c", code], env=environment, cwd=tmp_path, capture_output=True,  # noqa: S603
                          text=True, timeout=60, check=False)


@pytest.mark.parametrize("missing", sorted(PRODUCTION_SECRETS))
def test_production_refuses_to_start_without_each_secret(tmp_path: Path, missing: str) -> None:
    given = {key: value for key, value in PRODUCTION_SECRETS.items() if key != missing}

    result = start_django(tmp_path, RECIRC_ENV="production", **given)

    assert result.returncode != 0
    assert f"ImproperlyConfigured: {missing} must be set in production" in result.stderr
    assert "See .env.example" in result.stderr


def test_production_starts_with_every_secret_set(tmp_path: Path) -> None:
    result = start_django(tmp_path, RECIRC_ENV="production", **PRODUCTION_SECRETS)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "DEBUG False"


def test_development_starts_without_any_secret(tmp_path: Path) -> None:
    result = start_django(tmp_path, RECIRC_ENV="development")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "DEBUG True"


def variables_read_by_settings() -> set[str]:
    """Every variable name passed to env_str/env_bool/env_int/env_list in the settings module."""
    tree = ast.parse(Path(settings_module.__file__).read_text(encoding="utf-8"))
    return {
        node.args[0].value for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args
        and node.func.id in {"env_str", "env_bool", "env_int", "env_list"} and isinstance(node.args[0], ast.Constant)
    }


def test_env_example_documents_every_variable_the_settings_read() -> None:
    example = Path(__file__).resolve().parents[4] / ".env.example"
    documented = {match.group(1) for match in re.finditer(r"^#? ?([A-Z][A-Z0-9_]*)=", example.read_text("utf-8"),
                                                          flags=re.MULTILINE)}
    read = variables_read_by_settings()

    assert len(read) >= 26
    assert sorted(read - documented) == []
