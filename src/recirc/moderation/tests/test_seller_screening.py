"""Screening through the listings' publication-check port beyond publication: an edit is screened like a
publication (a "block" refuses it and writes nothing; otherwise the verdict is stored), the semantic pass runs in
a task after commit when RECIRC_SCREENING_SEMANTIC_AFTER_COMMIT is on (never in the request when it is off), and
an operator whose identity re-check is overdue beyond the grace period cannot publish (seller_gate.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.utils import timezone, translation

from recirc.core.errors import ValidationFailed
from recirc.listings.facade import listing_create, listing_publish, listing_update
from recirc.listings.models import Listing
from recirc.listings.tests import conftest as listings_conftest
from recirc.listings.tests.conftest import snapshot
from recirc.listings.tests.factories import COMPLETE_TERMS, draft, inspected, stock_bookcase, with_photo
from recirc.moderation import semantic, tasks
from recirc.moderation.models import ScreeningVerdict
from recirc.moderation.screening import Reason
from recirc.operators.models import Operator

world = listings_conftest.world
media = listings_conftest._media


class FakeSemanticPass:
    """Stands in for the sentence model (140 MB, seconds to load): flags every text it is shown for review."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def reasons(self, screener: Any, text: str) -> list[Reason]:
        self.texts.append(text)
        return [Reason(category=screener.categories[0].code, action="review", signal="semantic", score=0.7,
                       field="title+description")]


@pytest.fixture
def fake_model(monkeypatch: Any) -> FakeSemanticPass:
    fake = FakeSemanticPass()
    monkeypatch.setattr(semantic, "default_pass", lambda: fake)
    return fake


def _bookcase_draft(world: dict[str, Any], title: str = "宜家 毕利书柜 白色") -> Listing:
    return with_photo(world, draft(world, inspected(world, stock_bookcase(world)), **{**COMPLETE_TERMS,
                                                                                      "title": title}))


def _outcomes(listing: Listing) -> list[tuple[str, str]]:
    verdicts = ScreeningVerdict.objects.filter(subject_kind="listing", subject_id=listing.pk)
    return [(verdict.outcome, ",".join(reason["signal"] for reason in verdict.reasons)) for verdict in verdicts]


# --- screening at edit ----------------------------------------------------------------------------------------

def test_an_edit_offering_prohibited_goods_is_refused_and_nothing_is_written(world: dict[str, Any]) -> None:
    listing = _bookcase_draft(world)
    before = (snapshot(), ScreeningVerdict.objects.count())
    with translation.override("en"), pytest.raises(ValidationFailed) as raised:
        listing_update(actor=world["clerk_a"], listing_id=listing.pk, title="宜家书柜 附送仿真枪一把")
    with translation.override("en"):
        assert raised.value.code == "listings.refused"
        assert raised.value.text() == ("This change cannot be saved: the listing would offer goods that may not be "
                                       "traded here.")
        assert [str(message) for message in raised.value.errors["title"]] == [
            "Firearms, ammunition and controlled knives: “仿真枪” in the title."]
    assert (snapshot(), ScreeningVerdict.objects.count()) == before
    assert Listing.objects.get(pk=listing.pk).title == "宜家 毕利书柜 白色"


def test_an_allowed_or_reviewed_edit_is_saved_with_its_verdict(world: dict[str, Any]) -> None:
    listing = _bookcase_draft(world)
    listing_update(actor=world["clerk_a"], listing_id=listing.pk, description="白色，九成新")
    listing_update(actor=world["clerk_a"], listing_id=listing.pk, description="白色 高仿 A货")
    assert _outcomes(listing) == [("review", "counterfeit,counterfeit"), ("allow", "")]
    assert Listing.objects.get(pk=listing.pk).description == "白色 高仿 A货"


def test_an_edit_of_terms_only_is_not_screened_again(world: dict[str, Any]) -> None:
    listing = _bookcase_draft(world)
    listing_update(actor=world["clerk_a"], listing_id=listing.pk, warranty_days=120)
    assert (_outcomes(listing), Listing.objects.get(pk=listing.pk).warranty_days) == ([], 120)


# --- the semantic pass after commit ---------------------------------------------------------------------------

def test_the_default_keeps_the_model_out_of_an_eager_web_process() -> None:
    assert django_settings.CELERY_TASK_ALWAYS_EAGER is True
    assert django_settings.RECIRC_SCREENING_SEMANTIC_AFTER_COMMIT is False


def test_when_off_nothing_is_queued_and_the_model_is_never_asked(
        world: dict[str, Any], fake_model: FakeSemanticPass, django_capture_on_commit_callbacks: Any,
        settings: Any) -> None:
    settings.RECIRC_SCREENING_SEMANTIC_AFTER_COMMIT = False
    listing = _bookcase_draft(world)
    with django_capture_on_commit_callbacks(execute=True):
        listing_publish(actor=world["clerk_a"], listing_id=listing.pk)
    assert (_outcomes(listing), fake_model.texts) == ([("allow", "")], [])


def test_when_on_the_full_screen_runs_after_commit_and_records_a_worse_outcome(
        world: dict[str, Any], fake_model: FakeSemanticPass, django_capture_on_commit_callbacks: Any,
        settings: Any) -> None:
    settings.RECIRC_SCREENING_SEMANTIC_AFTER_COMMIT = True
    listing = _bookcase_draft(world)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        listing_publish(actor=world["clerk_a"], listing_id=listing.pk)
    # Inside the request only the lexicon ran: allowed, and the model not asked yet
    assert (_outcomes(listing), fake_model.texts) == ([("allow", "")], [])
    for callback in callbacks:
        callback()
    assert fake_model.texts == ["宜家 毕利书柜 白色。"]
    assert _outcomes(listing) == [("review", "semantic"), ("allow", "")]
    latest = ScreeningVerdict.objects.filter(subject_id=listing.pk).first()
    assert latest is not None and (latest.screened_by, latest.trigger) == (None, "save")


def test_a_refused_edit_queues_nothing(world: dict[str, Any], fake_model: FakeSemanticPass,
                                       django_capture_on_commit_callbacks: Any, settings: Any) -> None:
    settings.RECIRC_SCREENING_SEMANTIC_AFTER_COMMIT = True
    listing = _bookcase_draft(world)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(ValidationFailed):
        listing_update(actor=world["clerk_a"], listing_id=listing.pk, title="宜家书柜 附送仿真枪一把")
    assert (callbacks, fake_model.texts, _outcomes(listing)) == ([], [], [])


def test_the_task_is_idempotent_and_skips_a_listing_edited_since(world: dict[str, Any],
                                                                 fake_model: FakeSemanticPass) -> None:
    listing = _bookcase_draft(world)
    listing_update(actor=world["clerk_a"], listing_id=listing.pk, description="白色")
    fields = {"title": "宜家 毕利书柜 白色", "description": "白色", "category_code": "furniture", "brand": "宜家",
              "price": "2999.00", "attributes": {}}
    assert tasks.listing_screen_semantic_task(listing.pk, fields) == "review"
    assert tasks.listing_screen_semantic_task(listing.pk, fields) == "review"
    assert _outcomes(listing) == [("review", "semantic"), ("allow", "")]
    assert tasks.listing_screen_semantic_task(listing.pk, {**fields, "title": "旧标题"}) is None
    assert tasks.listing_screen_semantic_task(999_999, fields) is None
    assert len(fake_model.texts) == 2


# --- the merchant re-check at publication ---------------------------------------------------------------------

def _overdue(operator: Operator, days: int) -> None:
    """The operator's first re-check was due `days` days ago (registered 180 + days days ago, never checked)."""
    Operator.objects.filter(pk=operator.pk).update(
        registered_on=timezone.localdate() - dt.timedelta(days=180 + days))


def test_an_operator_overdue_beyond_the_grace_cannot_publish_and_nothing_changes(world: dict[str, Any]) -> None:
    listing = _bookcase_draft(world)
    _overdue(world["operator_a"], 31)
    before = (snapshot(), ScreeningVerdict.objects.count())
    due = (timezone.localdate() - dt.timedelta(days=31)).isoformat()
    with translation.override("en"), pytest.raises(ValidationFailed) as raised:
        listing_publish(actor=world["clerk_a"], listing_id=listing.pk)
    with translation.override("en"):
        assert raised.value.code == "listings.refused"
        assert [str(message) for message in raised.value.errors["__all__"]] == [
            f"Your operator's identity and business licence were due for the platform's re-check on {due}. "
            "Listings cannot be published or changed until a platform moderator has re-checked them: contact the "
            "platform."]
    assert (snapshot(), ScreeningVerdict.objects.count()) == before


def test_within_the_grace_or_with_a_grace_of_zero_the_operator_publishes(world: dict[str, Any],
                                                                        settings: Any) -> None:
    first = _bookcase_draft(world)
    _overdue(world["operator_a"], 30)
    assert listing_publish(actor=world["clerk_a"], listing_id=first.pk).status == "published"
    second = listing_create(actor=world["clerk_a"], item_id=inspected(world, stock_bookcase(world)).id,
                            **COMPLETE_TERMS)
    with_photo(world, Listing.objects.get(pk=second.id))
    _overdue(world["operator_a"], 400)
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "MERCHANT_RECHECK_GRACE_DAYS": 0}
    assert listing_publish(actor=world["clerk_a"], listing_id=second.id).status == "published"


def test_a_recent_recheck_lets_the_operator_publish_again(world: dict[str, Any]) -> None:
    listing = _bookcase_draft(world)
    _overdue(world["operator_a"], 90)
    with pytest.raises(ValidationFailed):
        listing_publish(actor=world["clerk_a"], listing_id=listing.pk)
    Operator.objects.filter(pk=world["operator_a"].pk).update(identity_checked_at=timezone.now())
    assert listing_publish(actor=world["clerk_a"], listing_id=listing.pk).status == "published"
