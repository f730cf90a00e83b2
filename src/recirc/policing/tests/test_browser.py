"""The police portal in a real browser on a phone screen: the alert queue, an alert, a hold order placed from
it. Screenshots go to POLICING_SHOTS (a directory) when it is set, for a person to look at."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from recirc.items.facade import holds_for_item
from recirc.policing.tests.scene import Scene, build, in_days

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "correct horse battery staple"


def shoot(page: Any, name: str) -> None:
    folder = os.environ.get("POLICING_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def overflow(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))


def test_the_police_place_a_hold_from_an_alert_on_a_phone(browse: Any, live_server: Any,
                                                          world: dict[str, Any]) -> None:
    scene: Scene = build(world)

    def scenario(browser: Any) -> dict[str, Any]:
        context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True)
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/?next=/police/alerts/")
        page.fill("input[name=username]", "officer.li")
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.click("form.stack button[type=submit], form.stack input[type=submit]")
        seen = {"queue": scene.item.code in page.content(), "queue_overflow": overflow(page)}
        shoot(page, "police-alerts-phone-zh")
        with page.expect_navigation():
            page.click(f"a[href='/police/alerts/{scene.alert.pk}/']")
        seen["detail_overflow"] = overflow(page)
        shoot(page, "police-alert-phone-zh")
        page.click("details summary")
        page.fill("input[name=order_number]", "杭公（西）扣字〔2026〕200号")
        page.fill("input[name=ends_on]", in_days(14))
        page.fill("textarea[name=reason]", "涉案物品，依法扣留")
        with page.expect_navigation():
            page.click("form[action$='/hold/'] button[type=submit]")
        shoot(page, "police-alert-held-phone-zh")
        seen["message"] = "物品已被扣留" in page.content() or "The item is on hold." in page.content()
        context.close()
        return seen

    seen = browse(scenario)
    assert seen["queue"] and seen["queue_overflow"] == 0 and seen["detail_overflow"] == 0
    # the phone also waits for a verified erasure (the erasure gate opened with its passport)
    assert {hold.kind for hold in holds_for_item(scene.item.pk) if hold.is_active} == {
        "police", "watchlist_match", "erasure_pending"}
