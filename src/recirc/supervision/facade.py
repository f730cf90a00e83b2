"""The only module other apps import from supervision (nothing below it does: supervision is near the top of the
dependency order; the demo city uses it). Writes run the services (validated, permission-checked, audited) and
return ids or frozen contracts, never model instances."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from recirc.supervision import cases, goals, report, submissions
from recirc.supervision.contracts import RefreshSummary
from recirc.supervision.refresh import rollups_refresh as _rollups_refresh

__all__ = ["RefreshSummary", "case_answer_referral", "case_close", "case_note_add", "case_open", "case_refer",
           "case_take_up", "goal_create", "report_create", "rollups_refresh", "submission_record", "trade_sales_pull"]


def submission_record(*, actor: Any, operator_id: int | None, kind: str, rows: Sequence[tuple[int, dict[str, str]]],
                      channel: str, file_name: str = "") -> int:
    """Record a submission of rows (line number, {column: text}) for the actor's operator; its id."""
    return int(submissions.submission_record(actor=actor, operator_id=operator_id, kind=kind, rows=rows,
                                             channel=channel, file_name=file_name).pk)


def trade_sales_pull() -> int:
    """Record the platform's new sales (trade) as transaction facts, idempotently; returns how many were new."""
    from recirc.supervision.trade_feed import trade_sales_pull as pull

    return pull().recorded.created


def rollups_refresh() -> RefreshSummary:
    report_ = _rollups_refresh()
    return RefreshSummary(transaction_days=report_.transaction_days, activity_days=report_.activity_days,
                          months=report_.months, seconds=report_.seconds)


def goal_create(*, actor: Any, data: Mapping[str, Any]) -> int:
    return int(goals.goal_create(actor=actor, data=data).pk)


def report_create(*, actor: Any, data: Mapping[str, Any]) -> int:
    return int(report.report_create(actor=actor, data=data).pk)


def case_open(**kwargs: Any) -> int:
    """See cases.case_open: actor, kind, title, summary, operator_id, item_code, source_ref, authority."""
    return int(cases.case_open(**kwargs).pk)


def case_take_up(*, actor: Any, case_id: int) -> None:
    cases.case_take_up(actor=actor, case_id=case_id)


def case_note_add(*, actor: Any, case_id: int, text: str) -> None:
    cases.case_note_add(actor=actor, case_id=case_id, text=text)


def case_refer(*, actor: Any, case_id: int, to_authority: str, reason: str) -> None:
    cases.case_refer(actor=actor, case_id=case_id, to_authority=to_authority, reason=reason)


def case_answer_referral(*, actor: Any, case_id: int, accept: bool, reason: str = "") -> None:
    cases.case_answer_referral(actor=actor, case_id=case_id, accept=accept, reason=reason)


def case_close(*, actor: Any, case_id: int, outcome: str, note: str) -> None:
    cases.case_close(actor=actor, case_id=case_id, outcome=outcome, note=note)
