"""Writes of the transaction rules: drafting, the public consultation, publication with its notice period, and
the change of the version in force on its date. Each is one transaction with its audit event; each checks who
(403), then the state (409), then the input (422), and writes nothing when it refuses.

`now` exists for the periodic task and the demo (a history of versions); pages and the API never pass it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recirc.core.audit import audit_record
from recirc.moderation import policy
from recirc.moderation.errors import (
    AnnouncedExists,
    ConsultationOpen,
    DraftExists,
    NotEditable,
    NoticeTooShort,
    RulesEditForbidden,
    RulesNotFound,
    TransitionNotAllowed,
)
from recirc.moderation.models import RulesState, TransactionRules
from recirc.moderation.validation import Checker

S = RulesState
TEXT_FIELDS = ("title_zh", "title_en", "body_zh", "body_en", "summary_zh", "summary_en")
LIMITS = {"title_zh": 200, "title_en": 200, "body_zh": 100_000, "body_en": 100_000, "summary_zh": 4000,
          "summary_en": 4000}


def notice_days() -> int:
    """E-commerce Law Art. 34: changes are published at least seven days before they take effect."""
    return int(getattr(settings, "RECIRC_RULES_NOTICE_DAYS", 7))


def consultation_days() -> int:
    """The shortest public consultation (no national figure: a setting)."""
    return int(getattr(settings, "RECIRC_RULES_CONSULTATION_DAYS", 7))


def require_editor(actor: Any) -> None:
    if not policy.may_edit(actor):
        raise RulesEditForbidden()


def locked(rules_id: int) -> TransactionRules:
    rules = TransactionRules.objects.select_for_update().filter(pk=rules_id).first()
    if rules is None:
        raise RulesNotFound()
    return rules


def move(rules: TransactionRules, verb: str) -> str:
    target = policy.target_of(verb, rules.state)
    if target is None or not policy.can_transition(rules.state, target):
        wanted = target or next(iter(policy.VERBS[verb].values()))
        raise TransitionNotAllowed(params={"from_state": RulesState(rules.state).label,
                                           "to_state": RulesState(wanted).label})
    from_state, rules.state = rules.state, target
    return from_state


def record(actor: Any, rules: TransactionRules, action: str, from_state: str, **payload: Any) -> None:
    audit_record(actor=actor, action=f"moderation.{action}", target=rules,
                 payload={"version": rules.version, "from_state": from_state, "to_state": rules.state, **payload})


def _texts(values: dict[str, Any], *, needs_summary: bool) -> dict[str, str]:
    check = Checker()
    texts = {field: check.text(field, values.get(field, ""), limit=LIMITS[field],
                               required=field.startswith(("title", "body")) or needs_summary)
             for field in TEXT_FIELDS}
    check.raise_if_any()
    return texts


def _has_earlier_versions() -> bool:
    return TransactionRules.objects.filter(state__in=[S.PUBLISHED, S.IN_FORCE, S.SUPERSEDED]).exists()


@transaction.atomic
def rules_draft_create(*, actor: Any, **texts: Any) -> TransactionRules:
    """Start the next version. A version after the first needs a summary of its changes."""
    require_editor(actor)
    working = TransactionRules.objects.filter(state__in=[S.DRAFT, S.IN_CONSULTATION]).first()
    if working is not None:
        raise DraftExists(params={"version": working.version})
    values = _texts(texts, needs_summary=_has_earlier_versions())
    version = (TransactionRules.objects.aggregate(last=Max("version"))["last"] or 0) + 1
    rules = TransactionRules(version=version, created_by=actor, **values)
    try:
        with transaction.atomic():
            rules.save()
    except IntegrityError as error:  # another editor took the number first
        raise DraftExists(params={"version": version}) from error
    record(actor, rules, "rules_drafted", "")
    return rules


@transaction.atomic
def rules_draft_update(*, actor: Any, rules_id: int, **texts: Any) -> TransactionRules:
    require_editor(actor)
    rules = locked(rules_id)
    if not policy.can_edit(rules):
        raise NotEditable()
    values = _texts(texts, needs_summary=rules.version > 1 and _has_earlier_versions())
    changed = sorted(field for field, value in values.items() if getattr(rules, field) != value)
    for field, value in values.items():
        setattr(rules, field, value)
    rules.save()
    record(actor, rules, "rules_edited", rules.state, fields=changed)
    return rules


@transaction.atomic
def rules_consultation_open(*, actor: Any, rules_id: int, ends_at: Any,
                            now: dt.datetime | None = None) -> TransactionRules:
    """Put the draft to public consultation until `ends_at` (at least RECIRC_RULES_CONSULTATION_DAYS away)."""
    require_editor(actor)
    rules = locked(rules_id)
    from_state = move(rules, "open_consultation")
    now = now or timezone.now()
    check = Checker()
    ends = check.moment("ends_at", ends_at)
    earliest = now + dt.timedelta(days=consultation_days())
    if ends is not None and ends < earliest:
        check.add("ends_at", _("The consultation must last at least %(days)s days: until %(earliest)s or later.")
                  % {"days": consultation_days(), "earliest": timezone.localtime(earliest).strftime("%Y-%m-%d %H:%M")})
    check.raise_if_any()
    rules.consultation_opened_at, rules.consultation_ends_at = now, ends
    rules.save()
    record(actor, rules, "rules_consultation_opened", from_state, ends_at=ends)
    return rules


@transaction.atomic
def rules_revise(*, actor: Any, rules_id: int) -> TransactionRules:
    """Take a version out of consultation to change its text (its comments stay with it)."""
    require_editor(actor)
    rules = locked(rules_id)
    from_state = move(rules, "revise")
    rules.save()
    record(actor, rules, "rules_returned_to_draft", from_state)
    return rules


def _earliest_effective(now: dt.datetime) -> dt.datetime:
    """Changed rules: `notice_days()` after publication. The very first rules replace nothing: at once."""
    if not TransactionRules.objects.filter(state__in=[S.IN_FORCE, S.SUPERSEDED]).exists():
        return now
    return now + dt.timedelta(days=notice_days())


@transaction.atomic
def rules_publish(*, actor: Any, rules_id: int, effective_from: Any,
                  now: dt.datetime | None = None) -> TransactionRules:
    """Announce the version after its consultation: it takes effect at `effective_from`, which must leave the
    public at least RECIRC_RULES_NOTICE_DAYS days' notice (E-commerce Law Art. 34)."""
    require_editor(actor)
    rules = locked(rules_id)
    from_state = move(rules, "publish")
    now = now or timezone.now()
    if rules.consultation_ends_at is not None and now < rules.consultation_ends_at:
        raise ConsultationOpen(params={"ends": timezone.localtime(rules.consultation_ends_at).strftime(
            "%Y-%m-%d %H:%M")})
    announced = TransactionRules.objects.filter(state=S.PUBLISHED).exclude(pk=rules.pk).first()
    if announced is not None:
        raise AnnouncedExists(params={"version": announced.version})
    check = Checker()
    effective = check.moment("effective_from", effective_from)
    check.raise_if_any()
    assert effective is not None
    earliest = _earliest_effective(now)
    if effective < earliest:
        raise NoticeTooShort(field="effective_from", params={
            "days": notice_days(), "earliest": timezone.localtime(earliest).strftime("%Y-%m-%d %H:%M")})
    rules.published_at, rules.effective_from, rules.published_by = now, effective, actor
    rules.save()
    record(actor, rules, "rules_published", from_state, effective_from=effective, notice_days=notice_days())
    return rules


@transaction.atomic
def rules_bring_into_force_due(*, now: dt.datetime | None = None) -> list[TransactionRules]:
    """The announced version whose date has come takes over from the one in force (run by the periodic task;
    idempotent). Pages pick the version in force by its dates, so they are right between two runs."""
    now = now or timezone.now()
    due = list(TransactionRules.objects.select_for_update().filter(state=S.PUBLISHED, effective_from__lte=now)
               .order_by("effective_from", "version"))
    for rules in due:
        current = TransactionRules.objects.select_for_update().filter(state=S.IN_FORCE).first()
        if current is not None:
            from_state = move(current, "supersede")
            current.superseded_at = now
            current.save()
            record(None, current, "rules_superseded", from_state, by_version=rules.version)
        from_state = move(rules, "bring_into_force")
        rules.in_force_at = now
        rules.save()
        record(None, rules, "rules_in_force", from_state, effective_from=rules.effective_from)
    return due
