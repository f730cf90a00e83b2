"""Who may do what to the rules: every write by every kind of actor. Refusals change nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils import timezone

from recirc.core.errors import PermissionDenied
from recirc.moderation import comments, policy, services
from recirc.moderation.models import RulesComment, RulesState, TransactionRules
from recirc.moderation.tests.factories import V1, consulted, drafted, snapshot

ACTORS = ["anonymous", "consumer", "clerk", "regulator", "moderator", "admin"]
RULES: dict[str, set[str]] = {
    "draft": {"admin"}, "edit": {"admin"}, "open_consultation": {"admin"}, "revise": {"admin"},
    "publish": {"admin"}, "comment": {"consumer", "clerk", "regulator", "moderator", "admin"},
    "moderate": {"moderator", "admin"},
}
MATRIX = [(action, actor) for action in RULES for actor in ACTORS]


def actor_of(people: dict[str, Any], key: str) -> Any:
    return AnonymousUser() if key == "anonymous" else people[key]


def prepared(people: dict[str, Any], action: str) -> Callable[[Any], Any]:
    admin, now = people["admin"], timezone.now()
    if action == "draft":
        return lambda actor: services.rules_draft_create(actor=actor, **V1)
    if action in ("edit", "open_consultation"):
        rules = drafted(admin)
        if action == "edit":
            return lambda actor: services.rules_draft_update(actor=actor, rules_id=rules.pk, **V1)
        return lambda actor: services.rules_consultation_open(actor=actor, rules_id=rules.pk,
                                                              ends_at=now + dt.timedelta(days=8))
    if action == "publish":
        rules = consulted(admin)
        return lambda actor: services.rules_publish(actor=actor, rules_id=rules.pk,
                                                    effective_from=now + dt.timedelta(minutes=5))
    rules = consulted(admin, started=now)
    if action == "revise":
        return lambda actor: services.rules_revise(actor=actor, rules_id=rules.pk)
    if action == "comment":
        return lambda actor: comments.comment_add(actor=actor, rules_id=rules.pk, body="建议明确退货运费由谁承担。")
    comment = comments.comment_add(actor=people["consumer"], rules_id=rules.pk, body="同意。")
    return lambda actor: comments.comment_moderate(actor=actor, comment_id=comment.pk, approve=True)


@pytest.mark.parametrize(("action", "actor"), MATRIX, ids=[f"{a}-by-{b}" for a, b in MATRIX])
def test_service_matrix(people: dict[str, Any], action: str, actor: str) -> None:
    call = prepared(people, action)
    before = snapshot()
    if actor in RULES[action]:
        call(actor_of(people, actor))
        assert snapshot() != before
    else:
        with pytest.raises(PermissionDenied):
            call(actor_of(people, actor))
        assert snapshot() == before


def test_the_policy_offers_the_editor_only_what_the_state_allows(people: dict[str, Any]) -> None:
    rules = drafted(people["admin"])
    assert policy.actions_for(people["admin"], rules) == ["edit", "open_consultation"]
    assert policy.actions_for(people["moderator"], rules) == []
    rules.state = RulesState.IN_CONSULTATION
    assert policy.actions_for(people["admin"], rules) == ["revise", "publish"]


PAGES = ["rules-manage", "rules-new", "rules-edit"]
PAGE_STATUS = {"anonymous": 302, "consumer": 403, "clerk": 403, "regulator": 403, "moderator": 200, "admin": 200}


@pytest.mark.parametrize("actor", ACTORS)
def test_staff_pages_matrix(people: dict[str, Any], actor: str) -> None:
    rules = drafted(people["admin"])
    client = Client()
    if actor != "anonymous":
        client.force_login(people[actor])
    for name, args in (("/rules/manage/", None), (f"/rules/manage/{rules.pk}/", None)):
        assert client.get(name).status_code == PAGE_STATUS[actor], (name, args)
    expected_new = 200 if actor == "admin" else PAGE_STATUS[actor] if actor != "moderator" else 403
    assert client.get("/rules/manage/new/").status_code == expected_new


@pytest.mark.parametrize("actor", ["anonymous", "consumer", "moderator"])
def test_posting_a_step_as_a_non_editor_changes_nothing(people: dict[str, Any], actor: str) -> None:
    rules = drafted(people["admin"])
    client = Client()
    if actor != "anonymous":
        client.force_login(people[actor])
    before = snapshot()
    response = client.post(f"/rules/manage/{rules.pk}/open_consultation/",
                           {"ends_at": (timezone.localdate() + dt.timedelta(days=9)).isoformat()})
    assert response.status_code in ((302,) if actor == "anonymous" else (403, 404))
    assert snapshot() == before


def test_drafts_are_hidden_from_the_public(people: dict[str, Any]) -> None:
    drafted(people["admin"])
    assert Client().get("/rules/v1/").status_code == 404
    client = Client()
    client.force_login(people["consumer"])
    assert client.get("/rules/v1/").status_code == 404
    client.force_login(people["moderator"])
    assert client.get("/rules/v1/").status_code == 200
    assert TransactionRules.objects.count() == 1
    assert RulesComment.objects.count() == 0
