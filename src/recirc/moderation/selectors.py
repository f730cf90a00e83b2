"""Reads of the transaction rules. The public sees what was put to consultation or published; moderators and
administrators also see drafts. Missing and hidden versions answer the same NotFound.

The version in force is chosen by dates (the latest published version whose date has come), so the public
page is right even before the periodic task has recorded the change of state.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from recirc.moderation import policy
from recirc.moderation.errors import RulesNotFound
from recirc.moderation.models import CommentState, RulesComment, RulesState, TransactionRules

S = RulesState
ANNOUNCED = (S.PUBLISHED, S.IN_FORCE, S.SUPERSEDED)


def rules_visible_to(actor: Any) -> QuerySet[TransactionRules]:
    versions = TransactionRules.objects.all()
    if policy.may_see_drafts(actor):
        return versions
    return versions.filter(state__in=sorted(policy.PUBLIC_STATES))


def rules_get(actor: Any, *, version: int) -> TransactionRules:
    rules = rules_visible_to(actor).filter(version=version).first()
    if rules is None:
        raise RulesNotFound()
    return rules


def rules_get_by_id(actor: Any, rules_id: int) -> TransactionRules:
    rules = rules_visible_to(actor).filter(pk=rules_id).first()
    if rules is None:
        raise RulesNotFound()
    return rules


def rules_in_force(now: dt.datetime | None = None) -> TransactionRules | None:
    now = now or timezone.now()
    return (TransactionRules.objects.filter(state__in=ANNOUNCED, effective_from__lte=now)
            .order_by("-effective_from", "-version").first())


def rules_upcoming(now: dt.datetime | None = None) -> TransactionRules | None:
    now = now or timezone.now()
    return (TransactionRules.objects.filter(state=S.PUBLISHED, effective_from__gt=now)
            .order_by("effective_from", "version").first())


def rules_in_consultation() -> QuerySet[TransactionRules]:
    return TransactionRules.objects.filter(state=S.IN_CONSULTATION).order_by("-version")


def rules_history() -> QuerySet[TransactionRules]:
    """Every version that was published, newest first (the upcoming one included)."""
    return TransactionRules.objects.filter(state__in=ANNOUNCED).order_by("-version")


def rules_list(actor: Any, *, state: str = "") -> QuerySet[TransactionRules]:
    versions = rules_visible_to(actor)
    if state:
        versions = versions.filter(state=state)
    return versions.annotate(pending_comments=Count("comments", filter=Q(comments__state=CommentState.PENDING)),
                             comment_total=Count("comments")).order_by("-version")


def comments_shown(rules: TransactionRules) -> list[RulesComment]:
    return list(rules.comments.filter(state=CommentState.APPROVED).select_related("author").order_by("created_at"))


def comments_for_moderation(actor: Any, rules: TransactionRules) -> list[RulesComment]:
    if not policy.may_moderate(actor):
        return []
    return list(rules.comments.select_related("author", "moderated_by").order_by("state", "created_at", "id"))


def pending_comment_count() -> int:
    return RulesComment.objects.filter(state=CommentState.PENDING).count()
