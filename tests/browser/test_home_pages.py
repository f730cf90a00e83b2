"""Each role's home page in a real browser (Debian's Chromium through Playwright), with screenshots.

Screenshots land in var/screenshots/ (or $RECIRC_SCREENSHOTS); docs/screenshots/ keeps a reviewed set.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from recirc.demo.city import build_city
from recirc.demo.people import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
# Screenshots for a person to look at: var/screenshots/ by default (docs/screenshots/ holds a reviewed set).
SHOTS = Path(os.environ.get("RECIRC_SCREENSHOTS", Path(__file__).resolve().parents[2] / "var" / "screenshots"))

# (username, a text the home page must show in Chinese)
ROLE_PAGES = [
    ("consumer", "实名认证"),
    ("clerk", "最近登记"),
    ("manager", "最近登记"),
    ("market", "最近登记"),
    ("commerce", "按区县统计经营主体"),
    ("police", "按 IMEI、序列号或 MAC 搜索物品"),
    ("supervision", "按类型统计经营主体"),
    ("admin", "按角色统计用户"),
]


@pytest.fixture
def city(db: Any) -> Any:
    return build_city(scale=0.02, seed=7)


def sign_in(page: Any, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("form.stack button[type=submit], form.stack input[type=submit]")
    assert page.url == f"{base_url}/"


def test_every_role_sees_its_home_page_in_chinese(browse: Any, live_server: Any, city: Any) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)

    def scenario(browser: Any) -> list[tuple[str, bool, str | None]]:
        seen = []
        for username, expected_text in ROLE_PAGES:
            context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
            page = context.new_page()
            sign_in(page, live_server.url, username)
            seen.append((username, expected_text in page.content(), page.locator("html").get_attribute("lang")))
            page.screenshot(path=str(SHOTS / f"home-{username}-zh.png"), full_page=True)
            context.close()
        return seen

    assert browse(scenario) == [(username, True, "zh-hans") for username, _text in ROLE_PAGES]


def test_the_public_home_page_and_english_switch(browse: Any, live_server: Any, city: Any) -> None:
    def scenario(browser: Any) -> dict[str, Any]:
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(live_server.url + "/")
        chinese = "试点城市二手商品流通" in page.content()
        page.screenshot(path=str(SHOTS / "home-public-zh.png"), full_page=True)
        with page.expect_navigation():
            page.click("button[name=language][value=en]")
        english = "Second-hand goods circulation in the pilot city" in page.content()
        lang = page.locator("html").get_attribute("lang")
        sign_in(page, live_server.url, "commerce")
        english_home = "Operators by district" in page.content()
        page.screenshot(path=str(SHOTS / "home-commerce-en.png"), full_page=True)
        context.close()
        return {"chinese": chinese, "english": english, "lang": lang, "english_home": english_home}

    assert browse(scenario) == {"chinese": True, "english": True, "lang": "en", "english_home": True}


def test_home_page_fits_a_phone_screen(browse: Any, live_server: Any, city: Any) -> None:
    def scenario(browser: Any) -> int:
        context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True)
        page = context.new_page()
        sign_in(page, live_server.url, "clerk")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        page.screenshot(path=str(SHOTS / "home-clerk-phone-zh.png"), full_page=True)
        context.close()
        return int(overflow)

    assert browse(scenario) == 0
