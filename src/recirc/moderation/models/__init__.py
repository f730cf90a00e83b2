"""Moderation models. Today: the platform's published transaction rules (E-commerce Law Arts. 32-34).
Prohibited-goods screening, takedowns and appeals will add their own modules beside `rules`."""

from recirc.moderation.models.rules import (
    RULES_TRANSITIONS,
    CommentState,
    RulesComment,
    RulesState,
    TransactionRules,
)

__all__ = ["RULES_TRANSITIONS", "CommentState", "RulesComment", "RulesState", "TransactionRules"]
