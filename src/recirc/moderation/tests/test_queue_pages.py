"""The review queue's pages as a moderator uses them: the queue with its filters and a helpful empty state, an
item with its reasons, a refused takedown showing its errors (nothing written), the appeal page, lifting a
suspension."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from recirc.core.roles import Role
from recirc.items.tests.factories import UserFactory
from recirc.listings.tests import conftest as listings_conftest
from recirc.listings.tests.conftest import signed_in
from recirc.moderation import queue_services
from recirc.moderation.models import Suspension
from recirc.moderation.tests.queue_factories import REASON, queued, snapshot

world = listings_conftest.world
media = listings_conftest._media
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def mods(db: Any) -> dict[str, Any]:
    return {"one": UserFactory(role=Role.MODERATOR, username="mod.wu"),
            "two": UserFactory(role=Role.MODERATOR, username="mod.zhao")}


def test_an_empty_queue_says_what_will_appear(world: dict[str, Any], mods: dict[str, Any]) -> None:
    page = signed_in(mods["one"]).get("/moderation/queue/", **EN).content.decode()
    assert "Nothing waiting. Listings that screening sends to review" in page


def test_the_queue_lists_filters_and_answers_htmx_with_the_results(world: dict[str, Any],
                                                                   mods: dict[str, Any]) -> None:
    first, _item = queued(world, 111111)
    second, _other = queued(world, 222222, title="Apple iPhone 13 高仿")
    client = signed_in(mods["one"])
    page = client.get("/moderation/queue/", **EN).content.decode()
    assert page.index(first.code) < page.index(second.code) and "甲回收" in page
    fragment = client.get("/moderation/queue/", {"kind": "counterfeit"}, HTTP_HX_REQUEST="true", **EN)
    body = fragment.content.decode()
    assert second.code in body and first.code not in body and "<html" not in body
    none = client.get("/moderation/queue/", {"q": "L000000-XXXXX"}, **EN).content.decode()
    assert "No listing matches these filters." in none


def test_a_takedown_without_a_reason_shows_the_errors_and_changes_nothing(world: dict[str, Any],
                                                                          mods: dict[str, Any]) -> None:
    _listing, item = queued(world)
    client = signed_in(mods["one"])
    before = snapshot()
    response = client.post(f"/moderation/queue/{item.pk}/take_down/", {"category": "", "reason": ""}, **EN)
    assert response.status_code == 422
    assert response.content.decode().count("This field is required.") == 2
    assert snapshot() == before
    assert client.post(f"/moderation/queue/{item.pk}/approve/").status_code == 303
    assert client.post(f"/moderation/queue/{item.pk}/approve/").status_code == 409


def test_the_appeal_page_lets_only_another_moderator_decide(world: dict[str, Any], mods: dict[str, Any]) -> None:
    listing, item = queued(world)
    queue_services.review_take_down(actor=mods["one"], item_id=item.pk, category="counterfeit_brand", reason=REASON)
    appeal = queue_services.appeal_file(actor=world["clerk_a"], listing_id=listing.pk, statement="附发票。")
    own = signed_in(mods["one"]).get(f"/moderation/appeals/{appeal.pk}/", **EN).content.decode()
    assert "Another moderator decides this appeal" in own and 'name="answer"' not in own
    other = signed_in(mods["two"])
    assert 'name="answer"' in other.get(f"/moderation/appeals/{appeal.pk}/").content.decode()
    assert other.post(f"/moderation/appeals/{appeal.pk}/decide/", {"decision": "uphold", "answer": ""}).status_code \
        == 422
    assert other.post(f"/moderation/appeals/{appeal.pk}/decide/",
                      {"decision": "uphold", "answer": "维持下架。"}).status_code == 303


@override_settings(RECIRC_POLICY={"MODERATION_STRIKES_TO_SUSPEND": 1, "MODERATION_STRIKE_WINDOW_DAYS": 180,
                                  "MODERATION_SUSPENSION_DAYS": 30})
def test_a_moderator_lifts_a_suspension_with_a_reason(world: dict[str, Any], mods: dict[str, Any]) -> None:
    _listing, item = queued(world)
    queue_services.review_take_down(actor=mods["one"], item_id=item.pk, category="counterfeit_brand", reason=REASON)
    suspension = Suspension.objects.get()
    client = signed_in(mods["two"])
    page = client.get("/moderation/queue/", {"tab": "suspensions"}, **EN).content.decode()
    assert "甲回收" in page and "Lift early" in page
    client.post(f"/moderation/suspensions/{suspension.pk}/lift/", {"reason": ""})
    assert Suspension.objects.get().lifted_at is None
    assert client.post(f"/moderation/suspensions/{suspension.pk}/lift/", {"reason": "已整改。"}).status_code == 303
    assert Suspension.objects.get().lift_reason == "已整改。"


def test_the_queue_reads_a_page_in_a_fixed_number_of_queries(world: dict[str, Any], mods: dict[str, Any],
                                                             django_assert_max_num_queries: Any) -> None:
    for serial in (111111, 222222, 333333):
        queued(world, serial)
    client = signed_in(mods["one"])
    client.get("/moderation/queue/")  # warm the taxonomy and the session
    with django_assert_max_num_queries(12) as three:
        client.get("/moderation/queue/")
    queued(world, 444444)
    queued(world, 555555)
    with django_assert_max_num_queries(len(three.captured_queries)):
        client.get("/moderation/queue/")
    with django_assert_max_num_queries(len(three.captured_queries)):
        client.get("/api/v1/moderation/queue")
