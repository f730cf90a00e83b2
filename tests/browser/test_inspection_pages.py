"""Inspection pages in a real browser (Debian's Chromium through Playwright): an inspector scans a phone and
completes its checklist from the keyboard on a tablet, anyone verifies the report on a phone, market
supervision closes a referral, and no page scrolls sideways on a phone.

Screenshots land in var/screenshots/ (or $RECIRC_SCREENSHOTS).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from recirc.demo import inspection_steps
from recirc.demo.city import CityBuilder
from recirc.demo.people import DEMO_PASSWORD
from recirc.inspection.models import CounterfeitReferral, Inspection, InspectionReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SHOTS = Path(os.environ.get("RECIRC_SCREENSHOTS", Path(__file__).resolve().parents[2] / "var" / "screenshots"))
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 1024, "height": 768}


@pytest.fixture
def city(db: Any) -> Any:
    builder = CityBuilder(scale=0.02, seed=7)
    builder.build()
    if not Inspection.objects.filter(status="completed").exists():  # until the demo builder runs this step
        inspection_steps.build(builder)
    return builder.city


def sign_in(page: Any, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("form.stack button[type=submit], form.stack input[type=submit]")


def overflow(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))


def _waiting_phone() -> Inspection:
    return (Inspection.objects.select_related("item").filter(
        status="waiting", item__category__code="mobile-phones", item__state__in=["in_stock", "listed"],
        item__owner_operator__name="机优品").order_by("pk").first())


def test_an_inspector_scans_a_phone_and_completes_the_checklist_by_keyboard(browse: Any, live_server: Any,
                                                                           city: Any) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    waiting = _waiting_phone()

    def scenario(browser: Any) -> dict[str, Any]:
        context = browser.new_context(locale="zh-CN", viewport=TABLET)
        page = context.new_page()
        sign_in(page, live_server.url, "inspector")
        page.goto(f"{live_server.url}/inspection/")
        page.fill("#scan-code", waiting.item.code.lower())
        with page.expect_navigation():
            page.press("#scan-code", "Enter")
        on_checklist = page.url.endswith(f"/inspection/items/{waiting.item_id}/")
        page.focus("input[name=screen][value=flawless]")
        page.keyboard.press("ArrowRight")  # micro-scratches
        page.fill("input[name=battery_health]", "77")
        page.keyboard.press("Tab")
        page.wait_for_function("(document.querySelector('#preview .grade-big') || {}).innerText?.startsWith('C')")
        preview = page.inner_text("#preview .grade-big")
        page.screenshot(path=str(SHOTS / "inspection-checklist-tablet-zh.png"), full_page=True)
        with page.expect_navigation():
            page.click("form.checklist button.primary[type=submit]")
        page.screenshot(path=str(SHOTS / "inspection-report-tablet-zh.png"), full_page=True)
        result = {"on_checklist": on_checklist, "preview": preview, "url": page.url}
        context.close()
        return result

    seen = browse(scenario)
    report = InspectionReport.objects.get(inspection__item_id=waiting.item_id)
    grades = {grade.scale_code: grade.grade for grade in report.grades.all()}
    assert (seen["on_checklist"], seen["url"]) == (True, f"{live_server.url}/inspection/reports/{report.code}/")
    assert "C" in seen["preview"]
    assert (grades["recirc-grade"], grades["ctia-cosmetic"], grades["market-condition"]) == ("C", "B", "90")
    assert report.payload["answers"][0]["answer"] == "micro_scratches"


def test_anyone_verifies_a_report_on_a_phone(browse: Any, live_server: Any, city: Any) -> None:
    report = InspectionReport.objects.order_by("pk").first()

    def scenario(browser: Any) -> dict[str, Any]:
        context = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True)
        page = context.new_page()
        page.goto(f"{live_server.url}/inspection/verify/{report.code}/")
        page.screenshot(path=str(SHOTS / "inspection-verify-phone-zh.png"), full_page=True)
        result = {"hash": report.sha256 in page.content(), "qr": page.locator(".qr svg").count(),
                  "overflow": overflow(page)}
        context.close()
        return result

    assert browse(scenario) == {"hash": True, "qr": 1, "overflow": 0}


def test_market_supervision_closes_a_referral(browse: Any, live_server: Any, city: Any) -> None:
    referral = CounterfeitReferral.objects.exclude(status="closed").order_by("pk").first()

    def scenario(browser: Any) -> list[int]:
        context = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True)
        page = context.new_page()
        sign_in(page, live_server.url, "supervision")
        page.goto(f"{live_server.url}/inspection/referrals/")
        widths = [overflow(page)]
        page.screenshot(path=str(SHOTS / "inspection-referrals-phone-zh.png"), full_page=True)
        page.goto(f"{live_server.url}/inspection/referrals/{referral.pk}/")
        page.select_option("#id_outcome", "confirmed")
        page.fill("#id_case_number", "杭市监（2026）7号")
        page.check("#id_confirm")
        with page.expect_navigation():
            page.click("form.stack button.primary[type=submit]")
        widths.append(overflow(page))
        page.screenshot(path=str(SHOTS / "inspection-referral-phone-zh.png"), full_page=True)
        context.close()
        return widths

    assert browse(scenario) == [0, 0]
    referral.refresh_from_db()
    assert (referral.status, referral.outcome, referral.case_number) == ("closed", "confirmed", "杭市监（2026）7号")


def test_the_queue_and_the_checklist_fit_a_phone(browse: Any, live_server: Any, city: Any) -> None:
    waiting = _waiting_phone()

    def scenario(browser: Any) -> list[int]:
        context = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True)
        page = context.new_page()
        sign_in(page, live_server.url, "inspector")
        widths = []
        for path, name in (("/inspection/", "queue"), (f"/inspection/items/{waiting.item_id}/", "checklist")):
            page.goto(live_server.url + path)
            widths.append(overflow(page))
            page.screenshot(path=str(SHOTS / f"inspection-{name}-phone-zh.png"), full_page=True)
        context.close()
        return widths

    assert browse(scenario) == [0, 0]
