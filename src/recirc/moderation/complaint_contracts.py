"""What complaints hand across their boundary: uploaded files in, counts out (frozen dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ComplaintFile:
    """A file as uploaded: checked by complaint_evidence before anything is written."""

    name: str
    content: bytes = field(repr=False)


@dataclass(frozen=True)
class ComplaintCounts:
    """What an operator's staff home shows: complaints waiting for the operator's answer, those past their
    deadline, and those market supervision took over because nobody answered in time."""

    awaiting_answer: int
    overdue: int
    escalated_unanswered: int
