"""The taxonomy API (public) and the screening test bench (moderators only; it stores nothing)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from recirc.core.models import AuditEvent
from recirc.moderation import screening_services
from recirc.moderation.models import ScreeningVerdict
from recirc.moderation.taxonomy import read_document

ACTORS = ["anonymous", "consumer", "clerk", "regulator", "moderator", "admin"]
STATUS = {"anonymous": 401, "consumer": 403, "clerk": 403, "regulator": 403, "moderator": 200, "admin": 200}


def client_for(people: dict[str, Any], key: str) -> Client:
    client = Client()
    if key != "anonymous":
        client.force_login(people[key])
    return client


def test_the_taxonomy_is_public(people: dict[str, Any]) -> None:
    # Before any version is published the default data file answers
    body = Client().get("/api/v1/moderation/taxonomy").json()
    assert (body["number"], body["label"], len(body["categories"])) == (None, "default-2026.1", 16)
    assert body["categories"][0] == {
        "code": "weapons", "name_zh": "枪支弹药与管制刀具", "name_en": "Firearms, ammunition and controlled knives",
        "legal_basis": "枪支管理法 Arts. 3, 44; 治安管理处罚法 Art. 32; 公安部《管制刀具认定标准》(2007); "
                       "典当管理办法 Art. 27",
        "action": "block", "opens_case": False}
    # After publication, the version in force
    version = screening_services.taxonomy_load(actor=None, document=read_document(), source="taxonomy.toml")
    screening_services.taxonomy_publish(actor=people["moderator"], version=version)
    body = Client().get("/api/v1/moderation/taxonomy").json()
    assert (body["number"], body["label"], body["title_en"]) == (1, "v1", "Recirc prohibited-goods taxonomy (default)")


@pytest.mark.parametrize("actor", ACTORS)
def test_only_moderators_use_the_test_bench(people: dict[str, Any], actor: str) -> None:
    response = client_for(people, actor).post(
        "/api/v1/moderation/screen", {"title": "高仿 LV 包", "semantic": False}, content_type="application/json")
    assert response.status_code == STATUS[actor]
    if STATUS[actor] == 200:
        body = response.json()
        assert (body["outcome"], body["opens_case"], body["taxonomy"]) == ("review", True, "default-2026.1")
        assert [(r["category"], r["signal"], r["span"]) for r in body["reasons"]] == [
            ("counterfeit_brand", "counterfeit", "高仿")]
    elif STATUS[actor] == 403:
        assert response.json()["code"] == "moderation.taxonomy_forbidden"
    assert (ScreeningVerdict.objects.count(), AuditEvent.objects.count()) == (0, 0)
