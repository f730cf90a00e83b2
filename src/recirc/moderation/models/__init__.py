"""Moderation models: the platform's published transaction rules (E-commerce Law Arts. 32-34) and the
prohibited-goods taxonomy with its screening verdicts and cases. Takedowns and appeals will add their own
modules beside `rules` and `screening`."""

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
