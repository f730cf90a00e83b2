"""Moderation models: the platform's published transaction rules (E-commerce Law Arts. 32-34) and the
prohibited-goods taxonomy with its screening verdicts and cases. Takedowns and appeals will add their own
modules beside `rules` and `screening`. The review queue, decisions, appeals, strikes and suspensions are in
`queue`."""

from recirc.moderation.models.complaints import (
    COMPLAINT_FINAL,
    COMPLAINT_TRANSITIONS,
    Complaint,
    ComplaintCategory,
    ComplaintDecision,
    ComplaintEvidence,
    ComplaintNote,
    ComplaintState,
    ComplaintSubject,
    EscalationReason,
)
from recirc.moderation.models.queue import (
    APPEAL_TRANSITIONS,
    REVIEW_TRANSITIONS,
    Appeal,
    AppealState,
    DecisionKind,
    ModerationDecision,
    ReviewItem,
    ReviewKind,
    ReviewState,
    SellerKind,
    Strike,
    Suspension,
)
from recirc.moderation.models.rules import (
    RULES_TRANSITIONS,
    CommentState,
    RulesComment,
    RulesState,
    TransactionRules,
)
from recirc.moderation.models.screening import (
    TAXONOMY_TRANSITIONS,
    AttributeRule,
    BrandFloor,
    CaseState,
    LexiconTerm,
    Outcome,
    ProhibitedCategory,
    ScreeningAction,
    ScreeningCase,
    ScreeningVerdict,
    TaxonomyState,
    TaxonomyVersion,
    TermKind,
)

__all__ = ["RULES_TRANSITIONS", "TAXONOMY_TRANSITIONS", "AttributeRule", "BrandFloor", "CaseState", "CommentState",
           "LexiconTerm", "Outcome", "ProhibitedCategory", "RulesComment", "RulesState", "ScreeningAction",
           "ScreeningCase", "ScreeningVerdict", "TaxonomyState", "TaxonomyVersion", "TermKind", "TransactionRules"]
__all__ += ["COMPLAINT_FINAL", "COMPLAINT_TRANSITIONS", "Complaint", "ComplaintCategory", "ComplaintDecision",
            "ComplaintEvidence", "ComplaintNote", "ComplaintState", "ComplaintSubject", "EscalationReason"]
__all__ += ["APPEAL_TRANSITIONS", "REVIEW_TRANSITIONS", "Appeal", "AppealState", "DecisionKind", "ModerationDecision",
            "ReviewItem", "ReviewKind", "ReviewState", "SellerKind", "Strike", "Suspension"]
