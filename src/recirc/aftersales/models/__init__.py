"""After-sales models: the warranty record of every item sold, returns, repair-under-warranty tickets, disputes,
their evidence, and the in-app notices of overdue steps."""

from recirc.aftersales.models.cases import (
    DISPUTE_TRANSITIONS,
    RETURN_TRANSITIONS,
    TICKET_TRANSITIONS,
    Dispute,
    DisputeOutcome,
    DisputeState,
    DisputeStatement,
    Party,
    ReturnKind,
    ReturnRequest,
    ReturnState,
    ServiceTicket,
    TicketOutcome,
    TicketState,
)
from recirc.aftersales.models.evidence import Evidence
from recirc.aftersales.models.records import WARRANTY_TRANSITIONS, Notice, SyncCursor, Warranty, WarrantyState

__all__ = ["DISPUTE_TRANSITIONS", "RETURN_TRANSITIONS", "TICKET_TRANSITIONS", "WARRANTY_TRANSITIONS", "Dispute",
           "DisputeOutcome", "DisputeState", "DisputeStatement", "Evidence", "Notice", "Party", "ReturnKind",
           "ReturnRequest", "ReturnState", "ServiceTicket", "SyncCursor", "TicketOutcome", "TicketState", "Warranty",
           "WarrantyState"]
