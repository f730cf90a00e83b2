"""The only way other contexts (and the portal) reach moderation. Returns contracts."""

from __future__ import annotations

import datetime as dt

from recirc.moderation import comments, selectors, services
from recirc.moderation.contracts import RulesRef, RulesStatus
from recirc.moderation.models import TransactionRules


def _ref(rules: TransactionRules | None) -> RulesRef | None:
    if rules is None:
        return None
    return RulesRef(version=rules.version, title_zh=rules.title_zh, title_en=rules.title_en, state=rules.state,
                    published_at=rules.published_at, effective_from=rules.effective_from)


def rules_in_force(now: dt.datetime | None = None) -> RulesRef | None:
    """The version of the transaction rules in force now (chosen by its dates), or None before the first."""
    return _ref(selectors.rules_in_force(now))


def rules_status(now: dt.datetime | None = None) -> RulesStatus:
    return RulesStatus(in_force=_ref(selectors.rules_in_force(now)), upcoming=_ref(selectors.rules_upcoming(now)),
                       in_consultation=selectors.rules_in_consultation().count())


# Writes the demo city (above every context) drives: the same services the pages use, audited.
rules_draft_create = services.rules_draft_create
rules_consultation_open = services.rules_consultation_open
rules_publish = services.rules_publish
rules_bring_into_force_due = services.rules_bring_into_force_due
comment_add = comments.comment_add
comment_moderate = comments.comment_moderate
