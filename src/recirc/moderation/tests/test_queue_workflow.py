"""The review queue's decisions: approve, take down (with a strike), appeal once, decided by another moderator,
three standing strikes suspend the seller from publishing, a moderator lifts it early; refusals change nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from recirc.core.errors import DomainError, ValidationFailed
from recirc.core.models import AuditEvent
from recirc.core.roles import Role
from recirc.items.tests.factories import UserFactory
from recirc.listings.facade import listing_publish, listing_reserve, listing_update
from recirc.listings.models import Listing
from recirc.listings.tests import conftest as listings_conftest
from recirc.listings.tests.factories import COMPLETE_TERMS, draft, ready_phone, with_photo
from recirc.moderation import queue_selectors, queue_services, queue_strikes
from recirc.moderation.models import ReviewItem, Strike, Suspension
from recirc.moderation.tests.queue_factories import REASON, queued, snapshot

world = listings_conftest.world
media = listings_conftest._media


@pytest.fixture
def mods(db: Any) -> dict[str, Any]:
    return {"one": UserFactory(role=Role.MODERATOR, username="mod.wu"),
            "two": UserFactory(role=Role.MODERATOR, username="mod.zhao")}


def take_down(mods: dict[str, Any], item: ReviewItem) -> Any:
    return queue_services.review_take_down(actor=mods["one"], item_id=item.pk, category="counterfeit_brand",
                                           reason=REASON)


def test_publishing_a_review_listing_queues_it_once_oldest_first(world: dict[str, Any], mods: dict[str, Any]) -> None:
    first, _first_item = queued(world, 111111)
    second, _second_item = queued(world, 222222, title="Apple iPhone 13 高仿")
    rows = list(queue_selectors.queue_list(mods["one"]))
    assert [(row.listing_code, row.kind, row.categories) for row in rows] == [
        (first.code, "review", "|unlicensed_phones|"),
        (second.code, "counterfeit", "|counterfeit_brand|unlicensed_phones|")]
    assert [row.listing_code for row in queue_selectors.queue_list(mods["one"], kind="counterfeit")] == [second.code]
    assert [row.listing_code for row in queue_selectors.queue_list(mods["one"], query=first.code.lower())] == [
        first.code]
    assert list(queue_selectors.queue_list(mods["one"], category="weapons")) == []


def test_approving_closes_the_item_and_the_listing_stays(world: dict[str, Any], mods: dict[str, Any]) -> None:
    listing, item = queued(world, title="Apple iPhone 13 高仿")
    decision = queue_services.review_approve(actor=mods["one"], item_id=item.pk)
    item.refresh_from_db()
    assert (decision.kind, item.state, Listing.objects.get(pk=listing.pk).status) == ("approve", "approved",
                                                                                      "published")
    assert item.case is not None and item.case.__class__.objects.get(pk=item.case_id).state == "closed"
    assert AuditEvent.objects.filter(action="moderation.review_approved").count() == 1


def test_a_second_decision_on_the_same_item_is_refused(world: dict[str, Any], mods: dict[str, Any]) -> None:
    _listing, item = queued(world)
    queue_services.review_approve(actor=mods["one"], item_id=item.pk)
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        take_down(mods, item)
    assert refused.value.code == "moderation.already_decided"
    assert snapshot() == before


@pytest.mark.parametrize(("category", "reason", "fields"), [("", REASON, ["category"]),
                                                              ("counterfeit_brand", "  ", ["reason"]),
                                                              ("no_such_category", REASON, ["category"])])
def test_a_takedown_needs_a_category_and_a_reason(world: dict[str, Any], mods: dict[str, Any], category: str,
                                                  reason: str, fields: list[str]) -> None:
    _listing, item = queued(world)
    before = snapshot()
    with pytest.raises(ValidationFailed) as refused:
        queue_services.review_take_down(actor=mods["one"], item_id=item.pk, category=category, reason=reason)
    assert sorted(refused.value.errors) == fields
    assert snapshot() == before


def test_a_reserved_listing_is_refused_mid_checkout(world: dict[str, Any], mods: dict[str, Any]) -> None:
    listing, item = queued(world)
    listing_reserve(actor=None, listing_id=listing.pk, expected_version=listing.version,
                                 order_ref="O-77")
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        take_down(mods, item)
    assert (refused.value.code, str(refused.value.text())) == (
        "listings.reserved_mid_checkout", "This listing is reserved for order O-77, which is being paid. Take it "
                                          "down once the order is paid or released.")
    assert snapshot() == before


def test_an_upheld_appeal_keeps_the_listing_down_and_the_strike(world: dict[str, Any], mods: dict[str, Any]) -> None:
    listing, item = queued(world)
    take_down(mods, item)
    appeal = queue_services.appeal_file(actor=world["manager_a"], listing_id=listing.pk, statement="请复核。")
    with pytest.raises(DomainError) as same:
        queue_services.appeal_decide(actor=mods["one"], appeal_id=appeal.pk, grant=True, answer="自己审自己")
    assert same.value.code == "moderation.same_moderator"
    queue_services.appeal_decide(actor=mods["two"], appeal_id=appeal.pk, grant=False, answer="维持下架。")
    assert Listing.objects.get(pk=listing.pk).status == "taken_down"
    assert list(Strike.objects.values_list("overturned_at", flat=True)) == [None]
    before = snapshot()
    with pytest.raises(DomainError) as again:
        queue_services.appeal_file(actor=world["clerk_a"], listing_id=listing.pk, statement="再次申诉")
    assert again.value.code == "moderation.appeal_exists"
    assert snapshot() == before


def test_a_new_listing_of_a_taken_down_item_is_refused(world: dict[str, Any], mods: dict[str, Any]) -> None:
    listing, item = queued(world)
    take_down(mods, item)
    with pytest.raises(DomainError) as refused:
        draft(world, ready_ref(listing))
    assert refused.value.code == "listings.item_taken_down"


def ready_ref(listing: Listing) -> Any:
    from recirc.items.facade import item_ref

    return item_ref(listing.item_id)


@override_settings(RECIRC_POLICY={"MODERATION_STRIKES_TO_SUSPEND": 2, "MODERATION_STRIKE_WINDOW_DAYS": 180,
                                  "MODERATION_SUSPENSION_DAYS": 30})
def test_enough_strikes_suspend_the_seller_from_publishing_until_lifted(world: dict[str, Any],
                                                                        mods: dict[str, Any]) -> None:
    for serial in (111111, 222222):
        _listing, item = queued(world, serial)
        take_down(mods, item)
    suspension = Suspension.objects.get()
    assert (suspension.seller_kind, suspension.seller_id, suspension.strikes) == ("operator", world["operator_a"].pk, 2)
    ready = with_photo(world, draft(world, ready_phone(world, 333333), **COMPLETE_TERMS))
    with pytest.raises(ValidationFailed) as refused:
        listing_publish(actor=world["clerk_a"], listing_id=ready.pk)
    assert refused.value.code == "listings.refused"
    assert list(refused.value.errors) == ["seller"]
    assert Listing.objects.get(pk=ready.pk).status == "draft"
    with pytest.raises(DomainError):
        queue_strikes.suspension_lift(actor=mods["one"], suspension_id=suspension.pk, reason=" ")
    # a suspended seller may still change a draft (edits are screened, but only publishing is suspended)
    assert listing_update(actor=world["clerk_a"], listing_id=ready.pk, title="Apple iPhone 13 128GB 黑色").title == (
        "Apple iPhone 13 128GB 黑色")
    assert not ReviewItem.objects.filter(subject_id=ready.pk).exists()
    queue_strikes.suspension_lift(actor=mods["two"], suspension_id=suspension.pk, reason="经营者已整改。")
    assert listing_publish(actor=world["clerk_a"], listing_id=ready.pk).status == "published"


@override_settings(RECIRC_POLICY={"MODERATION_STRIKES_TO_SUSPEND": 1, "MODERATION_STRIKE_WINDOW_DAYS": 180,
                                  "MODERATION_SUSPENSION_DAYS": 30})
def test_a_granted_appeal_overturns_the_strike_and_lifts_its_suspension(world: dict[str, Any],
                                                                         mods: dict[str, Any]) -> None:
    listing, item = queued(world)
    take_down(mods, item)
    appeal = queue_services.appeal_file(actor=world["clerk_a"], listing_id=listing.pk, statement="附正品发票。")
    queue_services.appeal_decide(actor=mods["two"], appeal_id=appeal.pk, grant=True, answer="核实无误。")
    suspension = Suspension.objects.get()
    assert suspension.lifted_at is not None and suspension.lifted_by == mods["two"]
    assert Strike.objects.get().overturned_at is not None
    assert Listing.objects.get(pk=listing.pk).status == "published"
    assert [event.action for event in AuditEvent.objects.filter(action__startswith="moderation.").order_by("pk")
            if event.action not in ("moderation.listing_screened", "moderation.case_opened")] == [
        "moderation.review_item_opened", "moderation.listing_taken_down", "moderation.strike_added",
        "moderation.seller_suspended", "moderation.appeal_filed", "moderation.strike_overturned",
        "moderation.suspension_lifted", "moderation.appeal_granted"]
