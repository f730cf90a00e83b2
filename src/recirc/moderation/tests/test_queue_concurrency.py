"""Races on PostgreSQL (DATABASE_URL=postgres://...): two moderators deciding the same item at once, and two
deciding the same appeal, cannot both succeed; exactly one decision is stored."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from recirc.core.roles import Role
from recirc.core.testing import race
from recirc.items.tests.factories import UserFactory
from recirc.listings.models import Listing
from recirc.listings.tests import conftest as listings_conftest
from recirc.moderation import queue_services
from recirc.moderation.models import Appeal, ModerationDecision, Strike
from recirc.moderation.tests.queue_factories import REASON, queued

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]
world = listings_conftest.world
media = listings_conftest._media


def test_two_moderators_deciding_one_item_at_once(world: dict[str, Any]) -> None:
    one, two = (UserFactory(role=Role.MODERATOR, username=name) for name in ("mod.wu", "mod.zhao"))
    listing, item = queued(world)
    outcomes = race(lambda: queue_services.review_take_down(actor=one, item_id=item.pk, category="counterfeit_brand",
                                                            reason=REASON),
                    lambda: queue_services.review_approve(actor=two, item_id=item.pk))
    assert outcomes == ["moderation.already_decided", "ok"]
    assert ModerationDecision.objects.count() == 1
    kind = ModerationDecision.objects.get().kind
    assert (Listing.objects.get(pk=listing.pk).status, Strike.objects.count()) == (
        ("taken_down", 1) if kind == "take_down" else ("published", 0))


def test_two_moderators_deciding_one_appeal_at_once(world: dict[str, Any]) -> None:
    taker, one, two = (UserFactory(role=Role.MODERATOR, username=name) for name in ("mod.li", "mod.wu", "mod.zhao"))
    listing, item = queued(world)
    queue_services.review_take_down(actor=taker, item_id=item.pk, category="counterfeit_brand", reason=REASON)
    appeal = queue_services.appeal_file(actor=world["clerk_a"], listing_id=listing.pk, statement="请复核。")
    outcomes = race(lambda: queue_services.appeal_decide(actor=one, appeal_id=appeal.pk, grant=True, answer="恢复。"),
                    lambda: queue_services.appeal_decide(actor=two, appeal_id=appeal.pk, grant=False, answer="维持。"))
    assert outcomes == ["moderation.appeal_already_decided", "ok"]
    state = Appeal.objects.get().state
    assert Listing.objects.get(pk=listing.pk).status == ("published" if state == "granted" else "taken_down")
