"""Ninja schemas of the moderation API: the transaction rules, in both languages, and the consultation."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class RulesOut(Schema):
    version: int
    state: str
    title_zh: str
    title_en: str
    summary_zh: str
    summary_en: str
    consultation_ends_at: dt.datetime | None
    published_at: dt.datetime | None
    effective_from: dt.datetime | None


class RulesDetailOut(RulesOut):
    body_zh: str
    body_en: str


class DiffLineOut(Schema):
    kind: str
    text: str


class RulesChangeOut(Schema):
    """The announced version and what it changes against the version in force (line diffs, both languages)."""

    upcoming: RulesDetailOut
    current_version: int | None
    diff_zh: list[DiffLineOut]
    diff_en: list[DiffLineOut]


class CommentOut(Schema):
    id: int
    version: int
    author: str
    body: str
    created_at: dt.datetime
