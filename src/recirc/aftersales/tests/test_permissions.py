"""Who may do what, through the services: every action by every kind of actor. Other operators' staff and other
consumers get 404 (as if the case did not exist), the wrong role 403, and a refusal changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from recirc.aftersales import disputes, returns, tickets
from recirc.aftersales.tests.conftest import snapshot
from recirc.aftersales.tests.factories import delivered, record_of
from recirc.core.errors import NotFound, PermissionDenied

ACTORS = ["anonymous", "other_consumer", "clerk_b", "regulator", "inspector_a", "technician_a", "clerk_a",
          "manager_a", "buyer", "moderator", "admin"]
UNSEEN = {"anonymous", "other_consumer", "clerk_b"}
SELLER = {"clerk_a", "manager_a"}
PLATFORM = {"moderator", "admin"}
RULES: dict[str, set[str]] = {
    "return_open": {"buyer"}, "return_approve": SELLER, "return_refuse": SELLER, "return_receive": SELLER,
    "return_refund": SELLER, "return_cancel": {"buyer"},
    "ticket_open": {"buyer"}, "ticket_accept": SELLER | {"technician_a"}, "ticket_refuse": SELLER | {"technician_a"},
    "ticket_cancel": {"buyer"},
    "dispute_open": {"buyer"}, "dispute_review": PLATFORM, "dispute_decide": PLATFORM, "dispute_withdraw": {"buyer"},
    "dispute_statement": {"buyer", "inspector_a", "technician_a", "clerk_a", "manager_a", *PLATFORM},
}
MATRIX = [(action, actor) for action in RULES for actor in ACTORS]


def _return_in(world: dict[str, Any], record: Any, state: str) -> Any:
    request = returns.return_open(actor=world["buyer"], warranty_id=record.pk, kind="no_reason")
    if state in ("approved", "goods_returned"):
        returns.return_approve(actor=world["clerk_a"], return_id=request.pk)
    if state == "goods_returned":
        returns.return_receive(actor=world["clerk_a"], return_id=request.pk)
    return request


def prepared(world: dict[str, Any], action: str) -> Callable[[Any], Any]:
    record = record_of(world, delivered(world, world["jacket"]))
    if action.endswith("_open"):
        opener = {"return_open": lambda actor: returns.return_open(actor=actor, warranty_id=record.pk,
                                                                   kind="no_reason"),
                  "ticket_open": lambda actor: tickets.ticket_open(actor=actor, warranty_id=record.pk, fault="坏了"),
                  "dispute_open": lambda actor: disputes.dispute_open(actor=actor, warranty_id=record.pk,
                                                                      claim="要求退款")}
        return opener[action]
    if action.startswith("return_"):
        state = {"return_receive": "approved", "return_refund": "goods_returned"}.get(action, "requested")
        request = _return_in(world, record, state)
        verb = getattr(returns, action)
        extra = {"reason": "已超期"} if action == "return_refuse" else {}
        return lambda actor: verb(actor=actor, return_id=request.pk, **extra)
    if action.startswith("ticket_"):
        ticket = tickets.ticket_open(actor=world["buyer"], warranty_id=record.pk, fault="拉链脱落")
        extra = {"reason": "人为损坏"} if action == "ticket_refuse" else {}
        return lambda actor: getattr(tickets, action)(actor=actor, ticket_id=ticket.pk, **extra)
    dispute = disputes.dispute_open(actor=world["buyer"], warranty_id=record.pk, claim="要求退款")
    if action == "dispute_decide":
        disputes.dispute_review(actor=world["admin"], dispute_id=dispute.pk)
        return lambda actor: disputes.dispute_decide(actor=actor, dispute_id=dispute.pk, outcome="no_refund",
                                                     reasons="无证据")
    if action == "dispute_statement":
        return lambda actor: disputes.dispute_statement_add(actor=actor, dispute_id=dispute.pk, text="说明")
    return lambda actor: getattr(disputes, action)(actor=actor, dispute_id=dispute.pk)


def expected(action: str, actor: str) -> str:
    if actor in RULES[action]:
        return "ok"
    return "404" if actor in UNSEEN else "403"


def attempt(call: Callable[[Any], Any], actor: Any) -> str:
    try:
        call(actor)
    except NotFound:
        return "404"
    except PermissionDenied:
        return "403"
    return "ok"


@pytest.mark.parametrize(("action", "actor"), MATRIX, ids=[f"{a}-by-{b}" for a, b in MATRIX])
def test_service_matrix(world: dict[str, Any], action: str, actor: str) -> None:
    call = prepared(world, action)
    before = snapshot()
    who = AnonymousUser() if actor == "anonymous" else world[actor]
    outcome = attempt(call, who)
    assert outcome == expected(action, actor)
    if outcome != "ok":
        assert snapshot() == before
