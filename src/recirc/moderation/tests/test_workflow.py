"""The rules' life: drafting, consultation, publication with its notice period, the change of the version in
force on its date, and every refusal leaving everything as it was."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from recirc.core.models import AuditEvent
from recirc.moderation import facade, selectors, services
from recirc.moderation.errors import (
    AnnouncedExists,
    ConsultationOpen,
    DraftExists,
    NotEditable,
    NoticeTooShort,
    RulesInvalid,
)
from recirc.moderation.models import RulesState, TransactionRules
from recirc.moderation.tests.factories import V1, V2, announced, consulted, drafted, in_force, snapshot


def test_a_draft_gets_the_next_version_number_and_an_audit_event(people: dict[str, Any]) -> None:
    # given no rules; when the administrator drafts
    rules = drafted(people["admin"])
    # then it is version 1, a draft, audited
    assert (rules.version, rules.state, rules.title_zh) == (1, "draft", "平台交易规则")
    event = AuditEvent.objects.get(action="moderation.rules_drafted")
    assert (event.actor, event.payload) == (people["admin"], {"version": 1, "from_state": "", "to_state": "draft"})


def test_only_one_version_is_prepared_at_a_time(people: dict[str, Any]) -> None:
    drafted(people["admin"])
    before = snapshot()
    with pytest.raises(DraftExists) as raised:
        drafted(people["admin"], V2)
    assert raised.value.text() == "Version 1 is still being prepared. Finish or revise it first."
    assert snapshot() == before


def test_a_later_version_needs_a_summary_of_changes(people: dict[str, Any]) -> None:
    in_force(people["admin"])
    before = snapshot()
    with pytest.raises(RulesInvalid) as raised:
        drafted(people["admin"], V1)
    assert sorted(raised.value.errors) == ["summary_en", "summary_zh"]
    assert snapshot() == before


def test_titles_and_bodies_are_required(people: dict[str, Any]) -> None:
    with pytest.raises(RulesInvalid) as raised:
        services.rules_draft_create(actor=people["admin"], title_zh=" ", title_en="", body_zh="", body_en="x")
    assert sorted(raised.value.errors) == ["body_zh", "title_en", "title_zh"]
    assert TransactionRules.objects.count() == 0


def test_the_consultation_lasts_at_least_the_setting(people: dict[str, Any], settings: Any) -> None:
    settings.RECIRC_RULES_CONSULTATION_DAYS = 10
    rules = drafted(people["admin"])
    before = snapshot()
    with pytest.raises(RulesInvalid) as raised:
        services.rules_consultation_open(actor=people["admin"], rules_id=rules.pk,
                                         ends_at=timezone.now() + dt.timedelta(days=9))
    assert list(raised.value.errors) == ["ends_at"]
    assert str(raised.value.errors["ends_at"][0]).startswith("The consultation must last at least 10 days")
    assert snapshot() == before


def test_a_version_in_consultation_cannot_be_edited_until_returned_to_draft(people: dict[str, Any]) -> None:
    rules = consulted(people["admin"], started=timezone.now())
    with pytest.raises(NotEditable):
        services.rules_draft_update(actor=people["admin"], rules_id=rules.pk, **{**V1, "title_en": "Changed"})
    services.rules_revise(actor=people["admin"], rules_id=rules.pk)
    updated = services.rules_draft_update(actor=people["admin"], rules_id=rules.pk, **{**V1, "title_en": "Changed"})
    assert (updated.state, updated.title_en) == ("draft", "Changed")
    assert AuditEvent.objects.get(action="moderation.rules_edited").payload["fields"] == ["title_en"]


def test_publication_waits_for_the_end_of_the_consultation(people: dict[str, Any]) -> None:
    rules = consulted(people["admin"], started=timezone.now())
    before = snapshot()
    with pytest.raises(ConsultationOpen):
        services.rules_publish(actor=people["admin"], rules_id=rules.pk,
                               effective_from=timezone.now() + dt.timedelta(days=30))
    assert snapshot() == before


def test_the_first_rules_may_take_effect_at_once(people: dict[str, Any]) -> None:
    rules = in_force(people["admin"])
    assert rules.state == RulesState.IN_FORCE
    assert selectors.rules_in_force() == rules
    assert facade.rules_in_force().version == 1  # type: ignore[union-attr]


@pytest.mark.parametrize("days", [0, 3, 6])
def test_changed_rules_need_seven_days_notice(people: dict[str, Any], days: int) -> None:
    in_force(people["admin"])
    rules = consulted(people["admin"], V2)
    before = snapshot()
    with pytest.raises(NoticeTooShort) as raised:
        services.rules_publish(actor=people["admin"], rules_id=rules.pk,
                               effective_from=timezone.now() + dt.timedelta(days=days))
    assert raised.value.code == "moderation.notice_too_short"
    assert raised.value.field == "effective_from"
    assert raised.value.text().startswith("Changed rules must be published at least 7 days before they take effect")
    assert snapshot() == before


def test_the_notice_period_is_a_setting(people: dict[str, Any], settings: Any) -> None:
    settings.RECIRC_RULES_NOTICE_DAYS = 14
    in_force(people["admin"])
    rules = consulted(people["admin"], V2)
    with pytest.raises(NoticeTooShort):
        services.rules_publish(actor=people["admin"], rules_id=rules.pk,
                               effective_from=timezone.now() + dt.timedelta(days=10))
    published = services.rules_publish(actor=people["admin"], rules_id=rules.pk,
                                       effective_from=timezone.now() + dt.timedelta(days=15))
    assert published.state == RulesState.PUBLISHED


def test_an_announced_version_takes_over_on_its_date_and_exactly_one_is_in_force(people: dict[str, Any]) -> None:
    # given version 1 in force and version 2 announced for 8 days from now
    first = in_force(people["admin"])
    second = announced(people["admin"])
    assert selectors.rules_in_force() == first
    assert selectors.rules_upcoming() == second
    # when the task runs before the date, nothing changes
    assert services.rules_bring_into_force_due() == []
    # when it runs after the date
    later = timezone.now() + dt.timedelta(days=9)
    assert [rules.version for rules in services.rules_bring_into_force_due(now=later)] == [2]
    # then version 2 is in force, version 1 superseded, and a second run does nothing
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == ("superseded", "in_force")
    assert TransactionRules.objects.filter(state=RulesState.IN_FORCE).count() == 1
    assert services.rules_bring_into_force_due(now=later) == []
    assert list(AuditEvent.objects.filter(action__in=["moderation.rules_superseded", "moderation.rules_in_force"])
                .order_by("id").values_list("action", "actor")) == [
        ("moderation.rules_in_force", None), ("moderation.rules_superseded", None), ("moderation.rules_in_force", None)]


def test_the_page_knows_the_version_in_force_by_its_date_before_the_task_runs(people: dict[str, Any]) -> None:
    first = in_force(people["admin"])
    second = announced(people["admin"])
    later = timezone.now() + dt.timedelta(days=9)
    assert selectors.rules_in_force(later) == second
    assert selectors.rules_upcoming(later) is None
    assert first.state == "in_force"


def test_a_second_version_cannot_be_announced_while_one_waits(people: dict[str, Any]) -> None:
    in_force(people["admin"])
    announced(people["admin"])
    third = consulted(people["admin"], {**V2, "title_en": "Third"})
    before = snapshot()
    with pytest.raises(AnnouncedExists):
        services.rules_publish(actor=people["admin"], rules_id=third.pk,
                               effective_from=timezone.now() + dt.timedelta(days=20))
    assert snapshot() == before


def test_bad_dates_are_refused_with_a_field_error(people: dict[str, Any]) -> None:
    rules = consulted(people["admin"])
    with pytest.raises(RulesInvalid) as raised:
        services.rules_publish(actor=people["admin"], rules_id=rules.pk, effective_from="next week")
    assert list(raised.value.errors) == ["effective_from"]
    rules.refresh_from_db()
    assert rules.state == RulesState.IN_CONSULTATION
