"""Comments in the public consultation: any signed-in user writes (while the consultation runs), a moderator
shows or hides each one. One transaction and one audit event each; payloads never carry the comment's text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from recirc.core.audit import audit_record
from recirc.moderation import policy
from recirc.moderation.errors import (
    CommentAlreadyModerated,
    CommentForbidden,
    CommentModerationForbidden,
    CommentNotFound,
    ConsultationClosed,
    RulesNotFound,
    TooManyComments,
)
from recirc.moderation.models import CommentState, RulesComment, RulesState, TransactionRules
from recirc.moderation.validation import Checker


def consultation_is_open(rules: TransactionRules, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (rules.state == RulesState.IN_CONSULTATION and rules.consultation_ends_at is not None
            and now < rules.consultation_ends_at)


@transaction.atomic
def comment_add(*, actor: Any, rules_id: int, body: str, now: dt.datetime | None = None) -> RulesComment:
    if not policy.may_comment(actor):
        raise CommentForbidden()
    rules = TransactionRules.objects.select_for_update().filter(
        pk=rules_id, state__in=sorted(policy.PUBLIC_STATES)).first()
    if rules is None:
        raise RulesNotFound()
    if not consultation_is_open(rules, now):
        raise ConsultationClosed()
    written = RulesComment.objects.filter(rules=rules, author=actor).count()
    if written >= policy.MAX_COMMENTS_PER_USER:
        raise TooManyComments(params={"count": written})
    check = Checker()
    text = check.text("body", body, limit=2000, required=True)
    check.raise_if_any()
    comment = RulesComment.objects.create(rules=rules, author=actor, body=text)
    audit_record(actor=actor, action="moderation.rules_comment_added", target=comment,
                 payload={"version": rules.version, "state": comment.state})
    return comment


@transaction.atomic
def comment_moderate(*, actor: Any, comment_id: int, approve: bool, reason: str = "") -> RulesComment:
    """Show (approve) or hide (reject, with a reason) a comment awaiting moderation."""
    if not policy.may_moderate(actor):
        raise CommentModerationForbidden()
    comment = RulesComment.objects.select_for_update().filter(pk=comment_id).first()
    if comment is None:
        raise CommentNotFound()
    if comment.state != CommentState.PENDING:
        raise CommentAlreadyModerated()
    check = Checker()
    text = check.text("reason", reason, limit=300, required=not approve)
    check.raise_if_any()
    comment.state = CommentState.APPROVED if approve else CommentState.REJECTED
    comment.moderated_by, comment.moderated_at, comment.moderation_reason = actor, timezone.now(), text
    comment.save()
    audit_record(actor=actor, action="moderation.rules_comment_moderated", target=comment,
                 payload={"version": comment.rules.version, "state": comment.state})
    return comment
