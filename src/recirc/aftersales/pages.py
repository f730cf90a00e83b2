"""What the after-sales pages show and which form each step uses, composed from the selectors, the policy and
the services (no decisions here: the services refuse what is not allowed)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recirc.aftersales import disputes, policy, returns, selectors, tickets
from recirc.aftersales.deadlines import CASE_MODELS
from recirc.aftersales.forms import (
    AcceptForm,
    CompleteForm,
    ConfirmForm,
    DecideForm,
    EvidenceForm,
    RefuseForm,
    ShipBackForm,
    StatementForm,
)
from recirc.aftersales.models import DisputeState, ReturnState, TicketState, Warranty

ID_ARGUMENT = {"return": "return_id", "ticket": "ticket_id", "dispute": "dispute_id"}
KIND_LABELS: dict[str, Any] = {"return": _("Returns"), "ticket": _("Warranty repairs"), "dispute": _("Disputes")}
KIND_SINGULAR: dict[str, Any] = {"return": _("Return request"), "ticket": _("Warranty repair"), "dispute": _("Dispute")}
STATE_CHOICES: dict[str, Any] = {"return": ReturnState.choices, "ticket": TicketState.choices,
                                 "dispute": DisputeState.choices}
OPEN_TITLES: dict[str, Any] = {"return": _("Ask for a return"), "ticket": _("Claim a repair under warranty"),
                               "dispute": _("Ask the platform to decide")}
NOTICE_TEXTS: dict[str, Any] = {
    "return_requested": _("New return request %(number)s."),
    "return_approved": _("Your return %(number)s was approved: send the goods back."),
    "return_refused": _("Your return %(number)s was refused. You may ask the platform to decide."),
    "return_refunded": _("Return %(number)s: the money is on its way back to you."),
    "ticket_opened": _("New warranty repair claim %(number)s."),
    "ticket_accepted": _("Your warranty claim %(number)s was accepted."),
    "ticket_refused": _("Your warranty claim %(number)s was refused. You may ask the platform to decide."),
    "ticket_completed": _("Your warranty claim %(number)s is completed."),
    "dispute_opened": _("Dispute %(number)s: state your side."),
    "dispute_decided": _("The platform has decided dispute %(number)s."),
}
OVERDUE_TEXT = _("Overdue: %(number)s is waiting for you.")
NOT_ARGUMENTS = frozenset({"confirm", "attachments", "file_note"})
DANGER = frozenset({"refuse", "refund", "cancel", "withdraw", "decide"})


@dataclass(frozen=True)
class Step:
    service: Callable[..., Any]
    form: type[forms.Form]
    title: Any
    done: Any
    evidence: bool = False  # the service takes `evidence=` from the form's files


def _evidence_add(kind: str) -> Callable[..., Any]:
    def add(*, actor: Any, files: Any, **ids: Any) -> Any:
        return disputes.case_evidence_add(actor=actor, model=CASE_MODELS[kind], case_id=next(iter(ids.values())),
                                          files=files)
    return add


STEPS: dict[str, dict[str, Step]] = {
    "return": {
        "approve": Step(returns.return_approve, ConfirmForm, _("Approve the return"), _("Return approved.")),
        "refuse": Step(returns.return_refuse, RefuseForm, _("Refuse the return"), _("Return refused.")),
        "ship_back": Step(returns.return_ship_back, ShipBackForm, _("I have sent the goods back"),
                          _("Recorded: the goods are on their way back.")),
        "receive": Step(returns.return_receive, ConfirmForm, _("Goods received back"),
                        _("Goods received; the item is back in stock.")),
        "refund": Step(returns.return_refund, ConfirmForm, _("Refund the buyer"), _("Refunded through the ledger.")),
        "cancel": Step(returns.return_cancel, ConfirmForm, _("Withdraw the return"), _("Return withdrawn.")),
        "evidence": Step(_evidence_add("return"), EvidenceForm, _("Add evidence"), _("Evidence added."), True),
    },
    "ticket": {
        "accept": Step(tickets.ticket_accept, AcceptForm, _("Accept the repair"), _("Repair accepted.")),
        "refuse": Step(tickets.ticket_refuse, RefuseForm, _("Not covered: refuse"), _("Claim refused.")),
        "complete": Step(tickets.ticket_complete, CompleteForm, _("Complete the repair"), _("Repair completed.")),
        "cancel": Step(tickets.ticket_cancel, ConfirmForm, _("Withdraw the claim"), _("Claim withdrawn.")),
        "evidence": Step(_evidence_add("ticket"), EvidenceForm, _("Add evidence"), _("Evidence added."), True),
    },
    "dispute": {
        "statement": Step(disputes.dispute_statement_add, StatementForm, _("Add a statement"),
                          _("Statement added."), True),
        "review": Step(disputes.dispute_review, ConfirmForm, _("Start the review without the seller's statement"),
                       _("Review started.")),
        "decide": Step(disputes.dispute_decide, DecideForm, _("Decide"), _("Decision recorded.")),
        "withdraw": Step(disputes.dispute_withdraw, ConfirmForm, _("Withdraw the dispute"), _("Dispute withdrawn.")),
        "evidence": Step(_evidence_add("dispute"), EvidenceForm, _("Add evidence"), _("Evidence added."), True),
    },
}


def make_form(kind: str, verb: str, data: Any = None, files: Any = None) -> forms.Form:
    return STEPS[kind][verb].form(data, files, prefix=verb)


def run_step(actor: Any, kind: str, verb: str, case_id: int, form: forms.Form) -> Any:
    """Call the step's service with the form's fields (named as the service's arguments)."""
    step = STEPS[kind][verb]
    data = {key: value for key, value in form.cleaned_data.items() if key not in NOT_ARGUMENTS}
    ids = {ID_ARGUMENT[kind]: case_id}
    if verb == "evidence":
        return step.service(actor=actor, files=form.evidence(), **ids)  # type: ignore[attr-defined]
    if step.evidence:
        data["evidence"] = form.evidence()  # type: ignore[attr-defined]
    return step.service(actor=actor, **ids, **data)


def cards(actor: Any, kind: str, case: Any, bound: dict[str, forms.Form] | None = None) -> list[dict[str, Any]]:
    bound = bound or {}
    return [{"verb": verb, "title": STEPS[kind][verb].title, "danger": verb in DANGER,
             "form": bound.get(verb) or make_form(kind, verb)}
            for verb in policy.actions_for(actor, case) if verb in STEPS[kind]]


def timeline(kind: str, case: Any) -> list[dict[str, Any]]:
    moments = [(case.created_at, _("Opened"), case.buyer)]
    if kind in ("return", "ticket"):
        moments.append((case.decided_at, _("Answered"), case.decided_by))
    if kind == "return":
        moments += [(case.shipped_back_at, _("Goods sent back"), case.buyer),
                    (case.received_at, _("Goods received back"), case.received_by),
                    (case.refunded_at, _("Refunded"), None)]
    if kind == "dispute":
        moments.append((case.decided_at, _("Decided"), case.decided_by))
    moments.append((case.closed_at, _("Closed"), None))
    return [{"at": at, "label": label, "by": by} for at, label, by in moments if at is not None]


def case_context(actor: Any, kind: str, case: Any, bound: dict[str, forms.Form] | None = None) -> dict[str, Any]:
    action_cards = cards(actor, kind, case, bound)
    shown = {card["verb"] for card in action_cards}
    refusals = [message for verb, form in (bound or {}).items() if verb not in shown
                for messages in form.errors.values() for message in messages]
    return {"kind": kind, "kind_label": KIND_LABELS[kind], "kind_title": KIND_SINGULAR[kind], "case": case,
            "warranty": case.warranty, **warranty_rows([case.warranty])[0],
            "cards": action_cards, "refusals": refusals, "evidence": selectors.evidence_of(case),
            "statements": selectors.statements_of(case) if kind == "dispute" else [],
            "timeline": timeline(kind, case), "is_buyer": policy.is_buyer(actor, case),
            "is_final": case.state not in policy.OPEN_STATES[kind], "now": timezone.now()}


def warranty_rows(records: Any) -> list[dict[str, Any]]:
    today = timezone.localdate()
    return [{"record": record, "no_reason_until": returns.return_window_ends(record)
             if returns.no_reason_open(record, today) else None,
             "warranty_running": record.covers(today)} for record in records]


def dispute_about_choices(warranty: Warranty) -> list[tuple[str, str]]:
    cases = selectors.cases_of_warranty(warranty)
    return [*((f"return:{case.pk}", f"{case.number} · {case.get_state_display()}") for case in cases["returns"]),
            *((f"ticket:{case.pk}", f"{case.number} · {case.get_state_display()}") for case in cases["tickets"])]


def notice_rows(notices: list[Any]) -> list[dict[str, Any]]:
    return [{"notice": notice, "url": f"/aftersales/{notice.case_kind}/{notice.case_id}/",
             "text": NOTICE_TEXTS.get(notice.kind, OVERDUE_TEXT) % {"number": notice.case_number}}
            for notice in notices]
