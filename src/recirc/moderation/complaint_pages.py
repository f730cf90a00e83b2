"""What the complaint pages show: the filing form's prefill, a complaint's page (facts, evidence, timeline, notes
and the steps this person may take now, each with its form) and the statistics' bars. Views stay thin."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from recirc.core.models import AuditEvent
from recirc.moderation import complaint_casework as casework
from recirc.moderation import complaint_policy as policy
from recirc.moderation import complaint_selectors as selectors
from recirc.moderation import complaint_services as services
from recirc.moderation.complaint_forms import STEP_FORMS
from recirc.moderation.complaint_statistics import ComplaintStatistics
from recirc.moderation.models import Complaint, ComplaintSubject

answer_days = services.answer_days

DONE: dict[str, Any] = {
    "answer": _("Your answer was sent to the consumer."),
    "accept": _("Thank you. The complaint is resolved."),
    "reject": _("The complaint went to market supervision."),
    "withdraw": _("The complaint was withdrawn."),
    "open_case": _("The case is open."),
    "refer": _("The case was referred to the police."),
    "close": _("The case is closed with your decision."),
    "note": _("The note was added."),
}
TITLES: dict[str, Any] = {
    "answer": _("Answer the complaint"), "accept": _("Accept the answer"),
    "reject": _("Not settled: ask market supervision"), "withdraw": _("Withdraw the complaint"),
    "open_case": _("Open a case"), "refer": _("Refer to the police"), "close": _("Close with a decision"),
    "note": _("Add a note"),
}
DANGER = frozenset({"withdraw", "refer", "close"})
ACTIONS: dict[str, Any] = {
    "moderation.complaint_filed": _("Filed"), "moderation.complaint_evidence_added": _("Evidence added"),
    "moderation.complaint_answered": _("Answered by the seller"), "moderation.complaint_resolved": _("Resolved"),
    "moderation.complaint_escalated": _("Escalated to market supervision"),
    "moderation.complaint_withdrawn": _("Withdrawn"), "moderation.complaint_case_opened": _("Case opened"),
    "moderation.complaint_referred": _("Referred to the police"),
    "moderation.complaint_closed": _("Closed with a decision"),
    "moderation.complaint_note_added": _("Note added"),
    "moderation.complaint_package_exported": _("Evidence package downloaded"),
}
STEPS: dict[str, Callable[..., Any]] = {
    "answer": lambda actor, pk, data: services.complaint_answer(actor=actor, complaint_id=pk, answer=data["answer"]),
    "accept": lambda actor, pk, data: services.complaint_accept(actor=actor, complaint_id=pk),
    "reject": lambda actor, pk, data: services.complaint_reject(actor=actor, complaint_id=pk, reason=data["reason"]),
    "withdraw": lambda actor, pk, data: services.complaint_withdraw(actor=actor, complaint_id=pk),
    "open_case": lambda actor, pk, data: casework.complaint_case_open(actor=actor, complaint_id=pk,
                                                                     findings=data["findings"]),
    "refer": lambda actor, pk, data: casework.complaint_refer(actor=actor, complaint_id=pk, reason=data["reason"]),
    "close": lambda actor, pk, data: casework.complaint_close(actor=actor, complaint_id=pk, **data),
    "note": lambda actor, pk, data: casework.complaint_note_add(actor=actor, complaint_id=pk, text=data["text"]),
}


def file_initial(query: Mapping[str, str]) -> dict[str, str]:
    """?listing=L..., ?order=..., ?seller=... prefill the subject (from the listing and order pages)."""
    for kind in (ComplaintSubject.LISTING, ComplaintSubject.ORDER, ComplaintSubject.SELLER):
        value = str(query.get(kind, ""))[:40]
        if value:
            return {"subject_kind": kind, "reference": value}
    return {"subject_kind": ComplaintSubject.LISTING}


def run_step(actor: Any, verb: str, complaint_id: int, data: dict[str, Any]) -> Any:
    return STEPS[verb](actor, complaint_id, data)


def _by(event: AuditEvent, complaint: Complaint, investigator: bool) -> Any:
    """Who took the step: their part (the complainant, or the actor's role); user names for investigators only,
    so that the seller and the complainant do not learn each other's accounts."""
    if event.actor is None:
        return _("Automatically")
    part = _("Complainant") if event.actor_id == complaint.complainant_id else event.actor.get_role_display()
    return f"{part} · {event.actor_label}" if investigator else part


def _timeline(events: list[AuditEvent], complaint: Complaint, investigator: bool) -> list[dict[str, Any]]:
    return [{"at": event.occurred_at, "label": ACTIONS.get(event.action, event.action),
             "by": _by(event, complaint, investigator)} for event in events]


def detail_context(actor: Any, complaint: Complaint, forms: dict[str, Any] | None = None) -> dict[str, Any]:
    forms = forms or {}
    actions = policy.actions_for(actor, complaint)
    steps = [{"verb": verb, "title": TITLES[verb], "danger": verb in DANGER,
              "form": forms.get(verb) or STEP_FORMS[verb]()} for verb in actions if verb in STEP_FORMS]
    investigator = policy.is_supervision(actor) or policy.is_police(actor) or policy.reads_all(actor)
    return {"complaint": complaint, "steps": steps, "may_export": "export" in actions,
            "evidence": list(complaint.evidence.all()), "notes": selectors.notes_of(complaint),
            "timeline": _timeline(selectors.timeline_of(complaint), complaint, investigator),
            "shows_case": investigator,
            "is_complainant": policy.is_complainant(actor, complaint)}


def statistics_context(stats: ComplaintStatistics) -> dict[str, Any]:
    def bars(rows: list[tuple[str, str, int]]) -> list[dict[str, Any]]:
        most = max([count for _key, _label, count in rows] + [1])
        return [{"key": key, "label": label, "count": count, "width": round(count * 100 / most)}
                for key, label, count in rows]

    return {"state_bars": bars(stats.by_state), "category_bars": bars(stats.by_category),
            "operator_bars": bars(stats.by_operator),
            "answer_percent": None if stats.answer_rate is None else round(stats.answer_rate * 100, 1)}
