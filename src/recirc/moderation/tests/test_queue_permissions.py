"""Who may do what in the review queue, every role of recirc.core.roles.Role (staff at another operator than the
seller's), anonymous, and the seller (operator A's clerk): moderators and administrators decide, the seller
appeals; every refusal changes nothing. And the pages answer each of them accordingly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from recirc.core.errors import PermissionDenied
from recirc.core.roles import OPERATOR_STAFF_ROLES, Role
from recirc.items.tests.factories import OperatorFactory, UserFactory, staff_member
from recirc.listings.tests import conftest as listings_conftest
from recirc.moderation import queue_selectors, queue_services, queue_strikes
from recirc.moderation.models import Suspension
from recirc.moderation.tests.queue_factories import REASON, queued, snapshot

world = listings_conftest.world
media = listings_conftest._media
ACTORS = ["anonymous", "seller", *[role.value for role in Role]]
DECIDERS = {Role.MODERATOR.value, Role.PLATFORM_ADMIN.value}
ALLOWED = {"queue": DECIDERS, "approve": DECIDERS, "take_down": DECIDERS, "appeal": {"seller"},
           "appeal_decide": DECIDERS, "lift": DECIDERS}
MATRIX = [(action, actor) for action in ALLOWED for actor in ACTORS]


def actor_of(world: dict[str, Any], key: str) -> Any:
    if key == "anonymous":
        return AnonymousUser()
    if key == "seller":
        return world["clerk_a"]
    if key in OPERATOR_STAFF_ROLES:
        return staff_member(OperatorFactory(), role=key, username=f"other.{key}")
    return UserFactory(role=key, username=f"user.{key}")


def prepared(world: dict[str, Any], action: str) -> Callable[[Any], Any]:
    taker = UserFactory(role=Role.MODERATOR, username="mod.taker")
    listing, item = queued(world)
    if action == "queue":
        return lambda actor: list(queue_selectors.queue_list(actor))
    if action == "approve":
        return lambda actor: queue_services.review_approve(actor=actor, item_id=item.pk)
    if action == "take_down":
        return lambda actor: queue_services.review_take_down(actor=actor, item_id=item.pk,
                                                             category="counterfeit_brand", reason=REASON)
    decision = queue_services.review_take_down(actor=taker, item_id=item.pk, category="counterfeit_brand",
                                               reason=REASON)
    if action == "appeal":
        return lambda actor: queue_services.appeal_file(actor=actor, listing_id=listing.pk, statement="请复核。")
    if action == "appeal_decide":
        appeal = queue_services.appeal_file(actor=world["clerk_a"], listing_id=listing.pk, statement="请复核。")
        return lambda actor: queue_services.appeal_decide(actor=actor, appeal_id=appeal.pk, grant=True,
                                                          answer="恢复。")
    suspension = Suspension.objects.create(seller_kind="operator", seller_id=world["operator_a"].pk, strikes=3,
                                           ends_at=decision.decided_at + dt.timedelta(days=30),
                                           starts_at=decision.decided_at, decision=decision)
    return lambda actor: queue_strikes.suspension_lift(actor=actor, suspension_id=suspension.pk, reason="已整改。")


@pytest.mark.parametrize(("action", "actor"), MATRIX, ids=[f"{a}-by-{b}" for a, b in MATRIX])
def test_service_matrix(world: dict[str, Any], action: str, actor: str) -> None:
    call = prepared(world, action)
    user = actor_of(world, actor)
    before = snapshot()
    if actor in ALLOWED[action]:
        call(user)
        assert action == "queue" or snapshot() != before
    else:
        with pytest.raises(PermissionDenied):
            call(user)
        assert snapshot() == before


PAGE_STATUS = {"anonymous": 302, **{role.value: 403 for role in Role}, "moderator": 200, "platform_admin": 200}


@pytest.mark.parametrize("actor", [a for a in ACTORS if a != "seller"])
def test_queue_page_matrix(world: dict[str, Any], actor: str) -> None:
    _listing, item = queued(world)
    client = Client()
    if actor != "anonymous":
        client.force_login(actor_of(world, actor), backend=listings_conftest.BACKEND)
    for url in ("/moderation/queue/", f"/moderation/queue/{item.pk}/", "/moderation/queue/?tab=appeals"):
        assert client.get(url).status_code == PAGE_STATUS[actor], url
    before = snapshot()
    response = client.post(f"/moderation/queue/{item.pk}/take_down/", {"category": "counterfeit_brand",
                                                                        "reason": REASON})
    if actor in DECIDERS:
        assert response.status_code == 303
    else:
        assert response.status_code == PAGE_STATUS[actor]
        assert snapshot() == before


def test_the_seller_sees_the_takedown_on_their_listing_page_and_appeals(world: dict[str, Any]) -> None:
    moderator = UserFactory(role=Role.MODERATOR, username="mod.wu")
    listing, item = queued(world)
    decision = queue_services.review_take_down(actor=moderator, item_id=item.pk, category="counterfeit_brand",
                                               reason=REASON)
    seller = listings_conftest.signed_in(world["clerk_a"])
    page = seller.get(f"/listings/{listing.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert REASON in page and decision.reference in page
    panel = seller.get(f"/moderation/takedowns/listing/{listing.pk}/", HTTP_HX_REQUEST="true")
    assert panel.status_code == 200 and 'name="statement"' in panel.content.decode()
    other = listings_conftest.signed_in(world["clerk_b"])
    assert other.get(f"/moderation/takedowns/listing/{listing.pk}/").status_code == 403
    assert seller.post(f"/moderation/takedowns/listing/{listing.pk}/appeal/", {"statement": ""}).status_code == 422
    assert seller.post(f"/moderation/takedowns/listing/{listing.pk}/appeal/",
                       {"statement": "附正品发票。"}).status_code == 303
    response = seller.get(f"/api/v1/moderation/takedowns/listing/{listing.pk}").json()
    assert (response["listing_status"], response["decision"]["reference"], response["appeal"]["state"]) == (
        "taken_down", decision.reference, "pending")
