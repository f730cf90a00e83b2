"""Issue #6 in a real browser (zh-hans): a shop clerk puts a published phone listing up for auction (desktop);
consumer A bids a maximum of 300 (the reserve of 150 is met at once); consumer B bids 200 and is outbid at once
(the price 205), then bids 500 and leads at 305 (phones); A's page, refreshed by its htmx poll, shows B's lead.
Screenshots in var/screenshots/."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from recirc.auctions.models import Auction, Bid
from recirc.core.roles import Role
from recirc.demo.people import DEMO_PASSWORD
from recirc.items.tests.factories import UserFactory
from tests.browser.test_marketplace_journey import (  # noqa: F401
    DESKTOP,
    PHONE,
    SHOTS,
    city,
    list_a_phone,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
TITLE = "华为 Mate 60 Pro 512GB 拍卖"


def bid(page: Any, maximum: str) -> None:
    page.fill("input[name=maximum]", maximum)
    with page.expect_navigation():
        page.click("form[action$='/bid/'] button[type=submit]")


def test_two_consumers_bid_and_the_proxy_answers_at_once(browse: Any, live_server: Any,
                                                         city: Any) -> None:  # noqa: F811
    offer = list_a_phone(city)
    buyer_b = UserFactory(role=Role.CONSUMER, username="buyer.b")
    buyer_b.set_password(DEMO_PASSWORD)
    buyer_b.save()
    ends = timezone.localtime() + dt.timedelta(hours=2)
    SHOTS.mkdir(parents=True, exist_ok=True)

    def journey(browser: Any) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        clerk = browser.new_context(locale="zh-CN", viewport=DESKTOP).new_page()
        sign_in(clerk, live_server.url, "clerk", "/auctions/new/")
        clerk.fill("textarea[name=listings]", offer.code)
        clerk.fill("input[name=title]", TITLE)
        clerk.fill("input[name=ends_at]", ends.strftime("%Y-%m-%dT%H:%M"))
        clerk.fill("input[name=start_price]", "100")
        clerk.fill("input[name=reserve_price]", "150")
        clerk.screenshot(path=str(SHOTS / "auction-create-zh.png"), full_page=True)
        with clerk.expect_navigation():
            clerk.click("form button[type=submit].primary >> nth=-1")
        seen["created_url"] = clerk.url
        code = clerk.url.rstrip("/").rsplit("/", 1)[-1]
        seen["code"] = code

        def phone_page(username: str) -> Any:
            page = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True).new_page()
            sign_in(page, live_server.url, username, f"/auctions/{code}/")
            return page

        alice = phone_page("consumer")
        bid(alice, "300")
        seen["a_first"] = alice.inner_text("#auction-live")
        seen["a_leads"] = alice.locator(".au-lead").count()
        bob = phone_page("buyer.b")
        bid(bob, "200")
        seen["b_outbid_message"] = bob.locator(".message.warning").count()
        seen["b_after_200"] = bob.inner_text("#auction-live")
        bid(bob, "500")
        seen["b_after_500"] = bob.inner_text("#auction-live")
        seen["b_leads"] = bob.locator(".au-lead").count()
        bob.screenshot(path=str(SHOTS / "auction-detail-zh.png"), full_page=True)
        alice.wait_for_function("document.querySelector('#auction-live').innerText.includes('305.00')",
                                timeout=15000)  # the htmx poll, no reload
        seen["a_polled"] = alice.inner_text("#auction-live")
        seen["a_leads_after"] = alice.locator(".au-lead").count()
        seen["a_history"] = alice.inner_text("table")
        return seen

    seen = browse(journey)

    auction = Auction.objects.get(code=seen["code"])
    assert seen["created_url"].endswith(f"/auctions/{auction.code}/")
    assert (auction.title, auction.created_by.username, auction.state) == (TITLE, "clerk", "open")
    assert "150.00" in seen["a_first"] and seen["a_leads"] == 1 and "300.00" in seen["a_first"]
    assert seen["b_outbid_message"] == 1 and "205.00" in seen["b_after_200"]
    assert "305.00" in seen["b_after_500"] and "500.00" in seen["b_after_500"] and seen["b_leads"] == 1
    assert "305.00" in seen["a_polled"] and "500.00" not in seen["a_polled"] and seen["a_leads_after"] == 0
    assert "#1" in seen["a_history"] and "#2" in seen["a_history"]
    assert (auction.price, auction.leader_max, auction.leader.username, auction.bid_count) == (
        Decimal("305.00"), Decimal("500.00"), "buyer.b", 3)
    assert list(Bid.objects.filter(auction=auction).order_by("sequence").values_list("maximum", flat=True)) == [
        Decimal("300.00"), Decimal("200.00"), Decimal("500.00")]
