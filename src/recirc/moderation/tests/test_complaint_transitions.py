"""The complaint state machine: the table against every pair of states, each verb's edges, the walks through
the services with their audit events, and the periodic escalation of complaints nobody answered in time."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.utils import timezone

from recirc.core.models import AuditEvent
from recirc.moderation import complaint_casework as casework
from recirc.moderation import complaint_policy as policy
from recirc.moderation import complaint_services as services
from recirc.moderation.complaint_errors import ComplaintActionNotAllowed, ComplaintTransitionNotAllowed
from recirc.moderation.complaint_selectors import counts_for_staff
from recirc.moderation.models import COMPLAINT_TRANSITIONS, Complaint, ComplaintState
from recirc.moderation.tasks import complaints_escalate_overdue_task
from recirc.moderation.tests.complaint_factories import (
    answered,
    closed,
    escalated,
    filed,
    investigating,
    referred,
    snapshot,
    world,
)

__all__ = ["world"]
C = ComplaintState
ALLOWED = {
    (C.SUBMITTED, C.ANSWERED), (C.SUBMITTED, C.ESCALATED), (C.SUBMITTED, C.WITHDRAWN),
    (C.ANSWERED, C.RESOLVED), (C.ANSWERED, C.ESCALATED), (C.ANSWERED, C.WITHDRAWN),
    (C.ESCALATED, C.INVESTIGATING), (C.ESCALATED, C.CLOSED),
    (C.INVESTIGATING, C.REFERRED), (C.INVESTIGATING, C.CLOSED),
    (C.REFERRED, C.CLOSED),
}


@pytest.mark.parametrize(("from_state", "to_state"), list(itertools.product(C.values, C.values)))
def test_every_pair_of_states(from_state: str, to_state: str) -> None:
    assert policy.can_transition(from_state, to_state) is ((from_state, to_state) in ALLOWED)


def test_every_verb_is_an_edge_and_every_edge_has_a_verb() -> None:
    edges = {(source, target) for verb in policy.VERBS.values() for source, target in verb.items()}
    assert edges == ALLOWED
    assert set(COMPLAINT_TRANSITIONS) == set(C.values)


def _actions(complaint: Complaint) -> list[tuple[str, str, str]]:
    return [(event.action, event.payload.get("from_state", ""), event.payload.get("to_state", ""))
            for event in AuditEvent.objects.filter(target_type="moderation.complaint",
                                                   target_id=str(complaint.pk)).order_by("id")]


def test_answered_and_accepted(world: Any) -> None:
    complaint = answered(world)
    assert (complaint.state, complaint.answer, complaint.answered_by) == (
        "answered", "已核实，可退货", world["clerk_a"])
    complaint = services.complaint_accept(actor=world["buyer"], complaint_id=complaint.pk)
    assert (complaint.state, complaint.closed_at is not None) == ("resolved", True)
    assert _actions(complaint) == [("moderation.complaint_filed", "", "submitted"),
                                   ("moderation.complaint_answered", "submitted", "answered"),
                                   ("moderation.complaint_resolved", "answered", "resolved")]


def test_rejected_investigated_referred_and_closed(world: Any) -> None:
    complaint = referred(world)
    assert (complaint.state, complaint.escalation_reason, complaint.rejection_reason) == (
        "referred", "rejected", "商家拒绝退款")
    assert (complaint.case_opened_by, complaint.findings, complaint.referral_reason) == (
        world["supervision"], "立案调查", "疑似赃物")
    casework.complaint_note_add(actor=world["police"], complaint_id=complaint.pk, text="已受理")
    complaint = casework.complaint_close(actor=world["supervision"], complaint_id=complaint.pk,
                                         decision="partly_upheld", reasons="部分属实")
    assert (complaint.state, complaint.decision, complaint.decided_by) == (
        "closed", "partly_upheld", world["supervision"])
    assert _actions(complaint) == [
        ("moderation.complaint_filed", "", "submitted"), ("moderation.complaint_answered", "submitted", "answered"),
        ("moderation.complaint_escalated", "answered", "escalated"),
        ("moderation.complaint_case_opened", "escalated", "investigating"),
        ("moderation.complaint_referred", "investigating", "referred"), ("moderation.complaint_note_added", "", ""),
        ("moderation.complaint_closed", "referred", "closed")]
    assert list(complaint.notes.values_list("author_role", "text")) == [("police", "已受理")]


def test_a_finished_complaint_takes_no_further_step(world: Any) -> None:
    complaint = closed(world)
    before = snapshot()
    with pytest.raises(ComplaintActionNotAllowed) as caught:
        casework.complaint_refer(actor=world["supervision"], complaint_id=complaint.pk, reason="x")
    assert caught.value.text() == "This cannot be done while the complaint is “Closed with a decision”."
    assert caught.value.status == 409
    assert snapshot() == before


def test_the_move_refuses_an_edge_outside_the_table(world: Any) -> None:
    complaint = filed(world)
    with pytest.raises(ComplaintTransitionNotAllowed) as caught:
        services.move(complaint, "close")
    assert caught.value.text() == "A complaint that is “Awaiting the seller's answer” cannot become “Closed with a " \
                                  "decision”."


def test_overdue_complaints_go_to_market_supervision_once(world: Any) -> None:
    late, on_time = filed(world), filed(world, by="other_consumer")
    answered_late = answered(world, about="seller", reference=str(world["operator_a"].pk))
    Complaint.objects.filter(pk__in=[late.pk, answered_late.pk]).update(
        answer_due_at=timezone.now() - dt.timedelta(minutes=1))
    assert counts_for_staff(world["clerk_a"]).overdue == 1
    assert complaints_escalate_overdue_task.apply().get() == [late.number]
    assert complaints_escalate_overdue_task.apply().get() == []  # idempotent
    late.refresh_from_db()
    on_time.refresh_from_db()
    assert (late.state, late.escalation_reason, late.overdue_at == late.escalated_at) == ("escalated", "overdue", True)
    assert on_time.state == "submitted"
    assert _actions(late)[-1] == ("moderation.complaint_escalated", "submitted", "escalated")
    assert AuditEvent.objects.filter(action="moderation.complaint_escalated", actor__isnull=True).count() == 1
    counts = counts_for_staff(world["clerk_a"])
    assert (counts.awaiting_answer, counts.overdue, counts.escalated_unanswered) == (1, 0, 1)
    assert counts_for_staff(world["clerk_b"]).awaiting_answer == 0


def test_the_beat_schedule_runs_the_escalation(settings: Any) -> None:
    entry = settings.CELERY_BEAT_SCHEDULE["moderation-complaints-escalate-overdue"]
    assert (entry["task"], entry["schedule"]) == ("moderation.complaints_escalate_overdue", 900.0)


def test_escalated_by_rejection_then_closed_without_a_case(world: Any) -> None:
    complaint = escalated(world)
    complaint = casework.complaint_close(actor=world["supervision"], complaint_id=complaint.pk, decision="not_upheld",
                                         reasons="证据不足")
    assert (complaint.state, complaint.case_opened_at, complaint.decision) == ("closed", None, "not_upheld")


def test_a_case_is_closed_from_investigation(world: Any) -> None:
    complaint = investigating(world)
    complaint = casework.complaint_close(actor=world["supervision"], complaint_id=complaint.pk, decision="upheld",
                                         reasons="属实", findings="吊牌为仿冒")
    assert (complaint.state, complaint.findings, complaint.decision_reasons) == ("closed", "吊牌为仿冒", "属实")
