"""Complaint pages in a real browser (Debian's Chromium through Playwright), in Chinese: a consumer files a
complaint from a listing on a phone (390 px), and market supervision reads the escalated queue on a desktop.
The two screenshots are kept in docs/screenshots/ for a person to look at."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from recirc.moderation import complaint_casework as casework
from recirc.moderation import complaint_services as services
from recirc.moderation.models import Complaint
from recirc.moderation.tests.complaint_factories import escalated, filed, investigating, png, world

__all__ = ["world"]
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PASSWORD = "correct horse battery staple"
STATEMENT = "收到的羽绒服吊牌与商品页面披露的品牌不一致，疑似仿冒，请卖家说明并退货。"


def sign_in(page: Any, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("form.stack button[type=submit], form.stack input[type=submit]")


def test_a_consumer_files_a_complaint_on_a_phone(browse: Any, live_server: Any, world: Any, tmp_path: Path) -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    picture = tmp_path / "吊牌.png"
    picture.write_bytes(png("orange", (120, 90)))
    code = world["jacket"].code

    def scenario(browser: Any) -> tuple[bool, str, bool]:
        context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
        page = context.new_page()
        sign_in(page, live_server.url, "buyer.li")
        page.goto(f"{live_server.url}/market/{code}/")
        with page.expect_navigation():
            page.click(f"a[href*='/complaints/new/?listing={code}']")
        page.check("input[name=category][value=counterfeit]")
        page.fill("textarea[name=statement]", STATEMENT)
        page.set_input_files("input[name=attachments]", str(picture))
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
        page.screenshot(path=str(DOCS / "complaint-file-zh.png"), full_page=True)
        with page.expect_navigation():
            page.click("form button.primary")
        heading = page.locator("h1").inner_text()
        sent = page.locator(".evidence img").count() == 1
        context.close()
        return overflow, heading, sent

    overflow, heading, sent = browse(scenario)
    complaint = Complaint.objects.get(complainant=world["buyer"])
    assert (overflow, heading.startswith(complaint.number), sent) == (False, True, True)
    assert (complaint.category, complaint.evidence.count()) == ("counterfeit", 1)


def test_market_supervision_reads_the_queue_on_a_desktop(browse: Any, live_server: Any, world: Any) -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    escalated(world)
    investigating(world, by="other_consumer", category="counterfeit")
    late = filed(world, reference=world["coat"].code, category="aftersales_refused")
    Complaint.objects.filter(pk=late.pk).update(answer_due_at=timezone.now() - dt.timedelta(hours=1))
    services.complaints_escalate_overdue()
    seller = filed(world, reference=world["bookcase"].code, category="personal_information")
    services.complaint_answer(actor=world["seller"], complaint_id=seller.pk, answer="已删除相关信息")
    services.complaint_reject(actor=world["buyer"], complaint_id=seller.pk, reason="对方仍在联系我")
    referred = investigating(world, by="other_consumer", about="seller", reference=str(world["operator_a"].pk),
                             category="prohibited")
    casework.complaint_refer(actor=world["supervision"], complaint_id=referred.pk, reason="疑似销售管制刀具")

    def scenario(browser: Any) -> tuple[int, bool, int]:
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        sign_in(page, live_server.url, "samr.qian")
        page.goto(f"{live_server.url}/complaints/supervision/")
        rows = page.locator(".cp-table tbody tr").count()
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
        page.screenshot(path=str(DOCS / "complaints-supervision-zh.png"), full_page=True)
        page.select_option("select[name=category]", "counterfeit")
        page.wait_for_function("document.querySelectorAll('.cp-table tbody tr').length === 1")
        filtered = page.locator(".cp-table tbody tr").count()
        context.close()
        return rows, overflow, filtered

    assert browse(scenario) == (5, False, 1)
