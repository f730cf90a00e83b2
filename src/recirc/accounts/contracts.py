"""Frozen dataclasses that other contexts receive from accounts.facade. No plain personal values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class UserRef:
    """A user as other contexts see them."""

    id: int
    username: str
    display_name: str
    role: str
    is_active: bool


@dataclass(frozen=True)
class VerificationRef:
    """A consumer's real-name verification: vault tokens and masked values only."""

    id: int
    user_id: int
    document_type: str
    id_token: str
    id_masked: str
    name_token: str
    name_masked: str
    region_code: str
    birth_year: int | None
    method: str
    face_matched: bool
    verified_at: dt.datetime
    expires_at: dt.datetime
    status: str

    @property
    def is_current(self) -> bool:
        return self.status == "verified"
