"""Supervision models: the facts statistics are computed over, their roll-ups, pilot goals, the implementation
plan report, and cases. A package: each module is one part of the context."""

from recirc.supervision.models.cases import (
    CASE_TRANSITIONS,
    Authority,
    Case,
    CaseEvent,
    CaseEventKind,
    CaseEvidence,
    CaseKind,
    CaseOutcome,
    CaseStatus,
)
from recirc.supervision.models.facts import (
    AcquisitionKind,
    Channel,
    DirtyDay,
    FactSource,
    Method,
    RefreshState,
    Submission,
    SubmissionChannel,
    SubmissionKind,
    SubmittedAcquisition,
    SubmittedEntity,
    TransactionRecord,
)
from recirc.supervision.models.planning import (
    REPORT_PARTS,
    REPORT_TRANSITIONS,
    GoalMeasure,
    PilotGoal,
    PlanReport,
    ReportStatus,
)
from recirc.supervision.models.rollups import (
    ActivityDaily,
    ActivityMeasure,
    OperatorDaily,
    OperatorMonthly,
    SellThroughDaily,
    SellThroughMonthly,
    TransactionDaily,
    TransactionMonthly,
)

__all__ = [
    "CASE_TRANSITIONS", "REPORT_PARTS", "REPORT_TRANSITIONS", "AcquisitionKind", "ActivityDaily", "ActivityMeasure",
    "Authority", "Case", "CaseEvent", "CaseEventKind", "CaseEvidence", "CaseKind", "CaseOutcome", "CaseStatus",
    "Channel", "DirtyDay", "FactSource", "GoalMeasure", "Method", "OperatorDaily", "OperatorMonthly", "PilotGoal",
    "PlanReport", "RefreshState", "ReportStatus", "SellThroughDaily", "SellThroughMonthly", "Submission",
    "SubmissionChannel", "SubmissionKind", "SubmittedAcquisition", "SubmittedEntity", "TransactionDaily",
    "TransactionMonthly", "TransactionRecord",
]
