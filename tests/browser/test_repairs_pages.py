"""Repair pages in a real browser (Debian's Chromium through Playwright): a technician records a part from the
keyboard on a tablet, a consumer approves a quote on a phone, and no page scrolls sideways on a phone.

Screenshots land in var/screenshots/ (or $RECIRC_SCREENSHOTS).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from recirc.demo import repairs_steps
from recirc.demo.city import CityBuilder
from recirc.demo.people import DEMO_PASSWORD
from recirc.repairs.models import WorkOrder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SHOTS = Path(os.environ.get("RECIRC_SCREENSHOTS", Path(__file__).resolve().parents[2] / "var" / "screenshots"))
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 1024, "height": 768}


@pytest.fixture
def city(db: Any) -> Any:
    builder = CityBuilder(scale=0.02, seed=7)
    builder.build()
    if not WorkOrder.objects.exists():  # until the demo builder runs the repairs step itself
        repairs_steps.build(builder)
    return builder.city


def sign_in(page: Any, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("form.stack button[type=submit], form.stack input[type=submit]")


def overflow(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))


def _bad_part_then_good_part(page: Any, base_url: str, order_id: int) -> dict[str, Any]:
    """A wrong entry shows every error in place (htmx, no reload); the corrected one is typed and sent with Enter."""
    page.goto(f"{base_url}/repairs/{order_id}/")
    page.fill("#id_part-producer", "")
    page.fill("#id_part-cost", "-5")
    page.click("#action-part button[type=submit]")
    page.wait_for_selector("#action-part .errorlist")
    errors = page.locator("#action-part .errorlist").all_inner_texts()
    page.select_option("#id_part-kind", "battery")
    page.check("input[name=part-origin][value=oem_compatible]")
    page.fill("#id_part-brand", "德赛")
    page.fill("#id_part-producer", "德赛电池")
    page.fill("#id_part-cost", "89")
    with page.expect_navigation():
        page.press("#id_part-cost", "Enter")
    return {"errors": errors, "producer_shown": "德赛电池" in page.content()}


def test_a_technician_at_the_workbench(browse: Any, live_server: Any, city: Any) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    order = WorkOrder.objects.filter(state="in_repair").order_by("pk").first()
    completed = WorkOrder.objects.filter(state="completed").order_by("pk").first()
    before = order.parts.count()

    def scenario(browser: Any) -> dict[str, Any]:
        tablet = browser.new_context(locale="en-US", viewport=TABLET)
        page = tablet.new_page()
        sign_in(page, live_server.url, "technician")
        seen = _bad_part_then_good_part(page, live_server.url, order.pk)
        page.screenshot(path=str(SHOTS / "repairs-detail-tablet-en.png"), full_page=True)
        tablet.close()
        phone = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True)
        page = phone.new_page()
        sign_in(page, live_server.url, "technician")
        widths = {}
        for name, path in (("list", "/repairs/"), ("in_repair", f"/repairs/{order.pk}/"),
                           ("completed", f"/repairs/{completed.pk}/"), ("open", "/repairs/new/")):
            page.goto(live_server.url + path)
            widths[name] = overflow(page)
            page.screenshot(path=str(SHOTS / f"repairs-{name}-phone-zh.png"), full_page=True)
        seen["widths"], seen["lang"] = widths, page.locator("html").get_attribute("lang")
        phone.close()
        return seen

    assert browse(scenario) == {
        "errors": ["This field is required.", "The amount cannot be negative."], "producer_shown": True,
        "widths": {"list": 0, "in_repair": 0, "completed": 0, "open": 0}, "lang": "zh-hans"}
    assert order.parts.count() == before + 1
    assert order.parts.order_by("-pk").values_list("kind", "origin", "brand", "producer").first() == (
        "battery", "oem_compatible", "德赛", "德赛电池")


def test_a_consumer_approves_a_quote_on_a_phone(browse: Any, live_server: Any, city: Any) -> None:
    order = WorkOrder.objects.filter(state="quoted", kind="customer", customer__username="consumer").get()

    def scenario(browser: Any) -> dict[str, int]:
        context = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True)
        page = context.new_page()
        sign_in(page, live_server.url, "consumer")
        widths = {}
        page.goto(f"{live_server.url}/repairs/")
        widths["list"] = overflow(page)
        page.goto(f"{live_server.url}/repairs/{order.pk}/")  # the customer's view of an order is its quote
        widths["quote"] = overflow(page)
        page.screenshot(path=str(SHOTS / "repairs-quote-phone-zh.png"), full_page=True)
        page.check("#id_approve-confirm")
        with page.expect_navigation():
            page.click("#action-approve button[type=submit]")
        page.goto(f"{live_server.url}/repairs/{order.pk}/print/")
        widths["print"] = overflow(page)
        context.close()
        return widths

    assert browse(scenario) == {"list": 0, "quote": 0, "print": 0}
    order.refresh_from_db()
    assert (order.state, order.decided_by.username) == ("approved", "consumer")
