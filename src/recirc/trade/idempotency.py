"""Idempotency keys for every money-moving request (checkout, pay, confirm, refund, counter sale).

`idempotent()` runs the work once per (scope, owner, key) and stores its answer in the same transaction as the
work: a retry with the same body gets the stored answer exactly; a retry with another body is refused
("trade.idempotency_mismatch", 422). Concurrent duplicates meet at the unique constraint: on PostgreSQL the
second insert waits for the first transaction, then fails, and the second request reads the first's answer. A
refused request (a domain error) stores nothing, so the client may correct and retry with the same key.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction

from recirc.trade.errors import IdempotencyKeyInvalid, IdempotencyMismatch
from recirc.trade.models import IdempotencyKey

KEY_PATTERN = re.compile(r"^[A-Za-z0-9_\-:.]{8,80}$")


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any]
    replayed: bool = False


def fingerprint(body: Any) -> str:
    """SHA-256 of the request body in canonical JSON (sorted keys): formatting does not matter, content does."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), cls=DjangoJSONEncoder, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def owner_of(actor: Any) -> str:
    if actor is not None and getattr(actor, "is_authenticated", False):
        return f"user:{actor.pk}"
    return "system"


def key_checked(key: str | None) -> str:
    if not key or not KEY_PATTERN.match(key):
        raise IdempotencyKeyInvalid(field="idempotency_key")
    return key


def _stored(scope: str, owner: str, key: str, wanted: str) -> Answer | None:
    found = IdempotencyKey.objects.filter(scope=scope, owner=owner, key=key).first()
    if found is None:
        return None
    if found.fingerprint != wanted:
        raise IdempotencyMismatch()
    return Answer(status=found.status_code, body=found.response, replayed=True)


def idempotent(*, scope: str, actor: Any, key: str | None, body: Any,
               work: Callable[[], tuple[int, dict[str, Any]]]) -> Answer:
    """Run `work` (which returns status and a JSON-able answer) at most once for this key; see the module doc."""
    key = key_checked(key)
    owner, wanted = owner_of(actor), fingerprint(body)
    previous = _stored(scope, owner, key, wanted)
    if previous is not None:
        return previous
    try:
        with transaction.atomic():
            record = IdempotencyKey.objects.create(scope=scope, owner=owner, key=key, fingerprint=wanted)
            status, answer = work()
            answer = json.loads(json.dumps(answer, cls=DjangoJSONEncoder))
            IdempotencyKey.objects.filter(pk=record.pk).update(status_code=status, response=answer)
    except IntegrityError:
        previous = _stored(scope, owner, key, wanted)
        if previous is None:
            raise
        return previous
    return Answer(status=status, body=answer)
