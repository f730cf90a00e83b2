"""Version 1 of the canonical form (sorted-key JSON), kept so that chains sealed before version 2 still verify.

Nothing is sealed in this form any more. An entry whose hash does not match the version 2 document of its
values is checked against this one before it is called altered; the two documents cannot be confused (one is
a JSON object, the other starts with "recirc.chain/2"), so accepting either is no weaker than accepting one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import models

_PLAIN = frozenset({str, int, float, bool, type(None)})
_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def canonical_v1(value: Any) -> Any:
    """Values in one stable JSON form. Plain JSON types (most of a register) take the fast path."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict:
        return {str(key): canonical_v1(item) for key, item in value.items()}
    if kind is list or kind is tuple:
        return [canonical_v1(item) for item in value]
    return _canonical_other(value)


def _canonical_other(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dict):
        return {str(key): canonical_v1(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [canonical_v1(item) for item in value]
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, models.Model):
        return value.pk
    return value


def encode_v1(value: Any) -> str:
    """One value as version 1 JSON text; also the version 2 form of field types PostgreSQL cannot reproduce."""
    return _ENCODER.encode(canonical_v1(value))


def compute_hash_v1(sealed: Mapping[str, Any], *, sequence: int, previous_hash: str) -> str:
    document = {"fields": canonical_v1(dict(sealed)), "sequence": sequence, "previous": previous_hash}
    return hashlib.sha256(_ENCODER.encode(document).encode("utf-8")).hexdigest()
