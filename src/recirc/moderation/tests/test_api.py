"""The rules API: public reads, in both languages, with a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from recirc.moderation.tests.factories import announced, drafted, in_force


def test_current_upcoming_and_history(people: dict[str, Any]) -> None:
    in_force(people["admin"])
    announced(people["admin"])
    client = Client()
    current = client.get("/api/v1/moderation/rules/current").json()
    assert (current["version"], current["state"], current["title_en"]) == (1, "in_force", "Platform transaction rules")
    upcoming = client.get("/api/v1/moderation/rules/upcoming").json()
    assert (upcoming["upcoming"]["version"], upcoming["current_version"]) == (2, 1)
    assert {"kind": "added", "text": "3. 翻新商品须标明“翻新”。"} in upcoming["diff_zh"]
    with CaptureQueriesContext(connection) as queries:
        history = client.get("/api/v1/moderation/rules").json()
    assert [row["version"] for row in history] == [2, 1]
    assert len(queries) <= 2


def test_missing_rules_answer_404_with_a_code(people: dict[str, Any]) -> None:
    drafted(people["admin"])
    client = Client()
    assert client.get("/api/v1/moderation/rules/current").json()["code"] == "moderation.rules_not_found"
    assert client.get("/api/v1/moderation/rules/upcoming").status_code == 404
    assert client.get("/api/v1/moderation/rules/1").status_code == 404
