"""Supervision pages in a real browser (Debian's Chromium through Playwright): the commerce regulator's dashboard
with its ECharts charts at desktop and phone widths, the plan report, market supervision's cases and the public
green-impact page; screenshots for a person to look at.

Screenshots land in var/screenshots/ (or $RECIRC_SCREENSHOTS).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from recirc.demo import supervision_steps
from recirc.demo.city import CityBuilder
from recirc.demo.people import DEMO_PASSWORD
from recirc.supervision.models import PilotGoal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SHOTS = Path(os.environ.get("RECIRC_SCREENSHOTS", Path(__file__).resolve().parents[2] / "var" / "screenshots"))


@pytest.fixture
def city(db: Any) -> Any:
    builder = CityBuilder(scale=0.02, seed=7)
    builder.build()
    if not PilotGoal.objects.exists():  # until the demo city runs the supervision step itself
        supervision_steps.build(builder)
    return builder.city


def sign_in(page: Any, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("form.stack button[type=submit], form.stack input[type=submit]")


def charts_drawn(page: Any) -> int:
    page.wait_for_selector("[data-chart] canvas", timeout=10_000)
    return page.locator("[data-chart] canvas").count()


def test_the_dashboard_draws_its_charts_on_desktop_and_phone(browse: Any, live_server: Any, city: Any) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)

    def scenario(browser: Any) -> list[tuple[str, int, bool]]:
        seen = []
        for width, name in ((1280, "desktop"), (390, "phone")):
            context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
            page = context.new_page()
            sign_in(page, live_server.url, "commerce")
            for tab in ("overview", "supervision"):
                page.goto(f"{live_server.url}/supervision/?tab={tab}")
                drawn = charts_drawn(page)
                overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
                page.screenshot(path=str(SHOTS / f"supervision-{tab}-{name}.png"), full_page=True)
                seen.append((f"{tab}-{name}", drawn, overflow))
            context.close()
        return seen

    assert [(key, drawn > 0, overflow) for key, drawn, overflow in browse(scenario)] == [
        ("overview-desktop", True, False), ("supervision-desktop", True, False),
        ("overview-phone", True, False), ("supervision-phone", True, False)]


def test_the_report_cases_and_the_public_green_page(browse: Any, live_server: Any, city: Any) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)

    def scenario(browser: Any) -> dict[str, Any]:
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{live_server.url}/supervision/green/")
        green = charts_drawn(page)
        page.screenshot(path=str(SHOTS / "supervision-green-public.png"), full_page=True)
        sign_in(page, live_server.url, "commerce")
        page.goto(f"{live_server.url}/supervision/report/")
        page.click("table a")
        parts = page.locator(".report-part textarea").count()
        page.screenshot(path=str(SHOTS / "supervision-report.png"), full_page=True)
        context.close()
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        sign_in(page, live_server.url, "supervision")
        page.goto(f"{live_server.url}/supervision/cases/")
        rows = page.locator("#case-results tbody tr").count()
        page.click("#case-results tbody tr a")
        timeline = page.locator("ol.timeline li").count()
        page.screenshot(path=str(SHOTS / "supervision-case.png"), full_page=True)
        context.close()
        return {"green": green > 0, "parts": parts, "rows": rows, "timeline": timeline > 0}

    assert browse(scenario) == {"green": True, "parts": 5, "rows": 3, "timeline": True}
