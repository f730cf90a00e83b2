"""Frozen dataclasses that other contexts receive from privacy.facade. None holds a plain value."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class StoredPii:
    """A value now in the vault: keep the token, show the masked form."""

    token: str
    masked: str


@dataclass(frozen=True)
class ConsentRef:
    """A separate consent (PIPL) given by a person."""

    id: int
    purpose: str
    text_version: str
    granted_at: dt.datetime
    withdrawn_at: dt.datetime | None

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
