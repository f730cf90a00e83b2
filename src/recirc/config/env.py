"""Reading settings from the environment, with clear failures for missing production secrets."""

from __future__ import annotations

import json
import os
from typing import Any

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}") from error


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def require_in_production(production: bool, name: str, value: str, insecure_default: str) -> str:
    """Stop start-up with a clear message when production runs on a development default."""
    if production and (not value or value == insecure_default):
        raise ImproperlyConfigured(
            f"{name} must be set in production (RECIRC_ENV=production). See .env.example for every variable."
        )
    return value or insecure_default


def env_json(name: str, default: Any) -> Any:
    """A JSON value (object, list, number) from the environment, e.g. per-category day counts."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:
        raise ImproperlyConfigured(f"{name} must be JSON, got {raw!r}: {error.msg}") from error
