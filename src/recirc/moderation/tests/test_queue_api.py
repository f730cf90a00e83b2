"""The review queue API: moderators list the queue (oldest first, filtered) and decide; the seller reads the
takedown and appeals once; another moderator decides; anonymous callers get 401 and others 403."""

from __future__ import annotations

from typing import Any

import pytest

from recirc.core.roles import Role
from recirc.items.tests.factories import UserFactory
from recirc.listings.tests import conftest as listings_conftest
from recirc.listings.tests.conftest import signed_in
from recirc.moderation.tests.queue_factories import REASON, queued, snapshot

world = listings_conftest.world
media = listings_conftest._media


@pytest.fixture
def mods(db: Any) -> dict[str, Any]:
    return {"one": UserFactory(role=Role.MODERATOR, username="mod.wu"),
            "two": UserFactory(role=Role.PLATFORM_ADMIN, username="admin.zhao")}


def test_the_queue_the_takedown_and_the_appeal_through_the_api(world: dict[str, Any], mods: dict[str, Any]) -> None:
    first, first_item = queued(world, 111111)
    second, _second_item = queued(world, 222222, title="Apple iPhone 13 高仿")
    moderator = signed_in(mods["one"])

    listed = moderator.get("/api/v1/moderation/queue").json()
    assert [(row["listing_code"], row["kind"], row["categories"]) for row in listed["items"]] == [
        (first.code, "review", ["unlicensed_phones"]),
        (second.code, "counterfeit", ["counterfeit_brand", "unlicensed_phones"])]
    assert [row["listing_code"] for row in moderator.get("/api/v1/moderation/queue",
                                                         {"category": "counterfeit_brand"}).json()["items"]] == [
        second.code]

    refused = moderator.post(f"/api/v1/moderation/queue/{first_item.pk}/take-down",
                             {"category": "", "reason": REASON}, content_type="application/json")
    assert (refused.status_code, refused.json()["code"], list(refused.json()["errors"])) == (
        422, "moderation.invalid", ["category"])
    taken = moderator.post(f"/api/v1/moderation/queue/{first_item.pk}/take-down",
                           {"category": "unlicensed_phones", "reason": REASON}, content_type="application/json")
    assert (taken.status_code, taken.json()["kind"], taken.json()["listing_id"]) == (200, "take_down", first.pk)
    again = moderator.post(f"/api/v1/moderation/queue/{first_item.pk}/approve")
    assert (again.status_code, again.json()["code"]) == (409, "moderation.already_decided")

    seller = signed_in(world["clerk_a"])
    filed = seller.post(f"/api/v1/moderation/takedowns/listing/{first.pk}/appeal",
                        {"statement": "已补充进网许可证号。"}, content_type="application/json")
    assert (filed.status_code, filed.json()["state"]) == (201, "pending")
    appeals = signed_in(mods["two"]).get("/api/v1/moderation/appeals").json()["items"]
    assert [appeal["listing_code"] for appeal in appeals] == [first.code]
    decided = signed_in(mods["two"]).post(f"/api/v1/moderation/appeals/{appeals[0]['id']}/decide",
                                          {"decision": "grant", "answer": "已核实。"}, content_type="application/json")
    assert (decided.status_code, decided.json()["state"]) == (200, "granted")
    view = seller.get(f"/api/v1/moderation/takedowns/listing/{first.pk}").json()
    assert (view["listing_status"], view["appeal"]["state"], view["strikes"]) == ("published", "granted", 0)


@pytest.mark.parametrize(("who", "status"), [("anonymous", 401), ("clerk_b", 403), ("seller", 403),
                                             ("regulator", 403)])
def test_others_cannot_use_the_queue(world: dict[str, Any], who: str, status: int) -> None:
    _listing, item = queued(world)
    client = signed_in(None if who == "anonymous" else world[who])
    before = snapshot()
    assert client.get("/api/v1/moderation/queue").status_code == status
    assert client.post(f"/api/v1/moderation/queue/{item.pk}/approve").status_code == status
    assert snapshot() == before
