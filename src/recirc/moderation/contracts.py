"""What the moderation context hands to others: frozen facts, never models."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class RulesRef:
    """A published version of the transaction rules (titles in both languages)."""

    version: int
    title_zh: str
    title_en: str
    state: str
    published_at: dt.datetime | None
    effective_from: dt.datetime | None


@dataclass(frozen=True)
class RulesStatus:
    """What the home pages and the footer show: the version in force and the one announced next."""

    in_force: RulesRef | None
    upcoming: RulesRef | None
    in_consultation: int
