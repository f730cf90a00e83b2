"""Price evaluation in a real browser (Debian's Chromium through Playwright), with screenshots: the model
registry, an estimate through the htmx form (and its form changing with the category), the past prices list,
on a desktop and on a phone screen.

Screenshots land in var/screenshots/ (or $RECIRC_SCREENSHOTS)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from recirc.catalog.facade import category_get
from recirc.demo import valuation_steps
from recirc.demo.city import CityBuilder
from recirc.demo.people import DEMO_PASSWORD
from recirc.valuation.facade import active_model_summary

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SHOTS = Path(os.environ.get("RECIRC_SCREENSHOTS", Path(__file__).resolve().parents[2] / "var" / "screenshots"))


@pytest.fixture
def city(db: Any) -> Any:
    builder = CityBuilder(scale=0.02, seed=7)
    city = builder.build()
    if active_model_summary(category_get("mobile-phones").id) is None:  # unless the city builder did it already
        valuation_steps.build(builder)
    return city


def sign_in(page: Any, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("form.stack button[type=submit], form.stack input[type=submit]")


def estimate_phone(page: Any) -> str:
    page.fill("#id_brand", "Apple")
    page.fill("#id_model_name", "iPhone 13")
    page.select_option("#id_attr_storage_gb", "128")
    page.select_option("#id_grade", "market-condition:95")
    page.click("#estimate-form button[type=submit]")
    page.wait_for_selector("#estimate-result h2")
    return str(page.inner_text("#estimate-result"))


def test_an_inspector_estimates_a_phone_and_a_coat(browse: Any, live_server: Any, city: Any) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    clothing = str(category_get("clothing").id)  # the database is read here, never in the browser's thread

    def scenario(browser: Any) -> dict[str, Any]:
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        sign_in(page, live_server.url, "inspector")
        page.goto(f"{live_server.url}/valuation/")
        registry = page.inner_text("main")
        page.screenshot(path=str(SHOTS / "valuation-registry-zh.png"), full_page=True)
        page.goto(f"{live_server.url}/valuation/estimate/")
        phone = estimate_phone(page)
        page.screenshot(path=str(SHOTS / "valuation-estimate-phone-zh.png"), full_page=True)
        page.select_option("select[name=category]", clothing)
        page.wait_for_selector("#id_attr_size")
        page.fill("#id_brand", "优衣库")
        page.click("#estimate-form button[type=submit]")
        page.wait_for_selector("#estimate-result h2")
        coat = page.inner_text("#estimate-result")
        page.goto(f"{live_server.url}/valuation/observations/")
        rows = page.locator("#observation-results tbody tr").count()
        context.close()
        return {"model in registry": "v1" in registry, "phone by model": "mobile-phones-v1" in phone,
                "phone has comparables": phone.count("Apple iPhone 13") >= 1, "coat priced": "¥" in coat,
                "observations listed": rows == 25}

    assert browse(scenario) == {"model in registry": True, "phone by model": True, "phone has comparables": True,
                                "coat priced": True, "observations listed": True}


def test_the_estimate_fits_a_phone_screen(browse: Any, live_server: Any, city: Any) -> None:
    def scenario(browser: Any) -> list[int]:
        context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True)
        page = context.new_page()
        sign_in(page, live_server.url, "manager")
        overflows = []
        for path in ("/valuation/", "/valuation/estimate/", "/valuation/observations/", "/valuation/train/"):
            page.goto(f"{live_server.url}{path}")
            if path == "/valuation/estimate/":
                estimate_phone(page)
            overflows.append(page.evaluate("document.documentElement.scrollWidth - "
                                           "document.documentElement.clientWidth"))
            page.screenshot(path=str(SHOTS / f"{path.strip('/').replace('/', '-')}-phone-zh.png"),
                            full_page=True)
        context.close()
        return overflows

    assert browse(scenario) == [0, 0, 0, 0]
