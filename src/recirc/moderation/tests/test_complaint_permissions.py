"""Who may do what with a complaint: every action by every kind of actor (every role, the complainant and a
stranger consumer, staff of the operator complained about and of another one). A refusal changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from recirc.core.errors import DomainError
from recirc.moderation import complaint_casework as casework
from recirc.moderation import complaint_selectors as selectors
from recirc.moderation import complaint_services as services
from recirc.moderation.complaint_exports import evidence_package
from recirc.moderation.complaint_statistics import complaint_statistics
from recirc.moderation.tests.complaint_factories import (
    ROLES_OF_PEOPLE,
    answered,
    escalated,
    filed,
    investigating,
    referred,
    snapshot,
    world,
)

__all__ = ["world"]
ACTORS = list(ROLES_OF_PEOPLE)
SELLER_SIDE = {"clerk_a", "manager_a", "technician_a", "inspector_a", "market_manager_a"}
READ_ALL = {"moderator", "admin", "supervision"}
RULES: dict[str, set[str]] = {
    "see": {"buyer", *SELLER_SIDE, *READ_ALL},
    "see_referred": {"buyer", *SELLER_SIDE, *READ_ALL, "police"},
    "answer": {"clerk_a", "manager_a", "market_manager_a"},
    "accept": {"buyer"}, "reject": {"buyer"}, "withdraw": {"buyer"},
    "open_case": {"supervision"}, "refer": {"supervision"}, "close": {"supervision"},
    "note": {"supervision"}, "note_referred": {"supervision", "police"},
    "export": {"supervision"}, "export_referred": {"supervision", "police"},
    "statistics": READ_ALL, "queue": READ_ALL, "police_list": {"police"},
}
MATRIX = [(action, actor) for action in RULES for actor in ACTORS]


def prepared(world: dict[str, Any], action: str) -> Callable[[Any], Any]:
    today = timezone.localdate()
    if action in ("statistics", "queue", "police_list"):
        calls = {"statistics": lambda actor: complaint_statistics(actor, today, today),
                 "queue": lambda actor: list(selectors.supervision_queue(actor)),
                 "police_list": lambda actor: list(selectors.police_cases(actor))}
        return calls[action]
    make = {"see": filed, "answer": filed, "withdraw": filed, "accept": answered, "reject": answered,
            "open_case": escalated, "close": escalated, "note": escalated, "export": escalated,
            "refer": investigating, "see_referred": referred, "note_referred": referred,
            "export_referred": referred}[action]
    pk = make(world).pk
    calls: dict[str, Callable[[Any], Any]] = {
        "see": lambda actor: selectors.complaint_get(actor, pk),
        "see_referred": lambda actor: selectors.complaint_get(actor, pk),
        "answer": lambda actor: services.complaint_answer(actor=actor, complaint_id=pk, answer="好的"),
        "accept": lambda actor: services.complaint_accept(actor=actor, complaint_id=pk),
        "reject": lambda actor: services.complaint_reject(actor=actor, complaint_id=pk, reason="不满意"),
        "withdraw": lambda actor: services.complaint_withdraw(actor=actor, complaint_id=pk),
        "open_case": lambda actor: casework.complaint_case_open(actor=actor, complaint_id=pk),
        "refer": lambda actor: casework.complaint_refer(actor=actor, complaint_id=pk, reason="涉嫌犯罪"),
        "close": lambda actor: casework.complaint_close(actor=actor, complaint_id=pk, decision="upheld",
                                                        reasons="属实"),
        "note": lambda actor: casework.complaint_note_add(actor=actor, complaint_id=pk, text="记录"),
        "note_referred": lambda actor: casework.complaint_note_add(actor=actor, complaint_id=pk, text="记录"),
        "export": lambda actor: evidence_package(actor=actor, complaint_id=pk),
        "export_referred": lambda actor: evidence_package(actor=actor, complaint_id=pk),
    }
    return calls[action]


@pytest.mark.parametrize(("action", "who"), MATRIX)
def test_permission_matrix(world: Any, action: str, who: str) -> None:
    run = prepared(world, action)
    actor = AnonymousUser() if who == "anonymous" else world[who]
    if who in RULES[action]:
        assert run(actor) is not None
        return
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        run(actor)
    assert caught.value.status in (403, 404)
    assert snapshot() == before


@pytest.mark.parametrize("who", ["other_consumer", "clerk_b", "regulator", "police", "anonymous"])
def test_those_who_may_not_see_a_complaint_get_the_answer_for_a_missing_one(world: Any, who: str) -> None:
    complaint = filed(world)
    actor = AnonymousUser() if who == "anonymous" else world[who]
    with pytest.raises(DomainError) as caught:
        services.complaint_answer(actor=actor, complaint_id=complaint.pk, answer="x")
    assert (caught.value.code, caught.value.status) == ("moderation.complaint_not_found", 404)


def test_the_c2c_seller_answers_complaints_about_their_sale(world: Any) -> None:
    complaint = filed(world, reference=world["bookcase"].code)
    assert services.complaint_answer(actor=world["seller"], complaint_id=complaint.pk, answer="可退").state == \
        "answered"
    with pytest.raises(DomainError):
        services.complaint_answer(actor=world["clerk_a"], complaint_id=complaint.pk, answer="x")


def test_lists_are_scoped(world: Any) -> None:
    about_a, about_seller = filed(world), filed(world, reference=world["bookcase"].code, by="other_consumer")
    assert list(selectors.complaints_filed_by(world["buyer"])) == [about_a]
    assert list(selectors.complaints_against(world["clerk_a"])) == [about_a]
    assert list(selectors.complaints_against(world["clerk_b"])) == []
    assert list(selectors.complaints_against(world["seller"])) == [about_seller]
    assert list(selectors.complaints_against(world["buyer"])) == []
    assert list(selectors.complaints_visible(world["regulator"])) == []
