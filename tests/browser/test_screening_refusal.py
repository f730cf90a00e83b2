"""Issue #7 in a real browser: a shop clerk tries to publish a complete phone listing whose title offers a replica
gun; the page refuses, naming the category and the word (zh-hans, on a phone-sized screen), and the listing stays
a draft that the market never shows. Screenshot in var/screenshots/."""

from __future__ import annotations

from typing import Any

import pytest

from recirc.listings import facade as listings
from tests.browser.test_marketplace_journey import PHONE, SHOTS, city, draft_a_phone, sign_in  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
TITLE = "Huawei Mate 60 Pro 512GB 附送仿真枪一把"
REASON = "枪支弹药与管制刀具：标题中出现“仿真枪”。"


def test_a_clerk_sees_why_a_prohibited_listing_cannot_be_published(browse: Any, live_server: Any,
                                                                   city: Any) -> None:  # noqa: F811
    offer = draft_a_phone(city, title=TITLE)

    def publishing(browser: Any) -> dict[str, Any]:
        page = browser.new_page(viewport=PHONE, locale="zh-CN")
        sign_in(page, live_server.url, "clerk", f"/listings/{offer.id}/")
        with page.expect_navigation():
            page.click(f"form[action='/listings/{offer.id}/publish/'] button")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "moderation-publish-refused-zh.png"), full_page=True)
        market = browser.new_page(viewport=PHONE, locale="zh-CN")
        market.goto(f"{live_server.url}/market/{offer.code}/")
        return {"text": page.inner_text("body"), "market": market.inner_text("body")}

    seen = browse(publishing)

    assert REASON in seen["text"] and "该商品无法发布" in seen["text"]
    assert listings.listing_offer(offer.id).status == "draft"
    assert TITLE not in seen["market"]
