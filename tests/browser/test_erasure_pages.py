"""Issue #4 in a real browser: a technician takes the owner's consent, erases a phone and records it; a
colleague verifies it; the certificate is issued and anyone can check it by its QR code page; the phone may
then be listed. Phone (390 px) and tablet (1024 px) screenshots in var/screenshots/."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from recirc.catalog.facade import category_get
from recirc.demo.city import CityBuilder
from recirc.demo.people import DEMO_PASSWORD
from recirc.erasure.facade import certificate_public
from recirc.items import facade as items

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SHOTS = Path(os.environ.get("RECIRC_SCREENSHOTS", Path(__file__).resolve().parents[2] / "var" / "screenshots"))
WIDTHS = {"phone": (390, 844), "tablet": (1024, 1366)}
IMEIS = {"phone": "356938035643809", "tablet": "860123456789014"}


@pytest.fixture
def city(db: Any) -> Any:
    """A small demo city (its build runs the erasure step), and one fresh phone per width waiting at the demo
    shop."""
    builder = CityBuilder(scale=0.02, seed=7)
    builder.build()
    clerk = builder.login_users["clerk"]
    phones = category_get("mobile-phones")
    codes = {}
    for width, number in IMEIS.items():
        ref = items.item_register(actor=clerk, category_id=phones.id, title="Apple iPhone 14 Pro", brand="Apple",
                                  model_name="iPhone 14 Pro", identifiers=[("imei", number)],
                                  attributes={"storage_gb": "256", "colour": "黑色", "battery_health_percent": 88})
        items.item_transition(actor=clerk, item_id=ref.id, to_state="in_stock")
        codes[width] = ref
    return codes


def sign_in(page: Any, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("form.stack button[type=submit], form.stack input[type=submit]")


def submit(page: Any, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def technician_erases(browser: Any, base_url: str, width: str, item: Any) -> str:
    context = browser.new_context(locale="en-US", viewport=dict(zip(("width", "height"), WIDTHS[width],
                                                                     strict=True)))
    page = context.new_page()
    sign_in(page, base_url, "technician")
    page.goto(f"{base_url}/erasure/?q={item.code}")
    assert page.locator("#erasure-results tbody tr").count() == 1
    page.screenshot(path=str(SHOTS / f"erasure-queue-{width}.png"), full_page=True)
    page.goto(f"{base_url}/erasure/")
    page.screenshot(path=str(SHOTS / f"erasure-queue-all-{width}.png"), full_page=True)
    page.goto(f"{base_url}/erasure/items/{item.id}/open/")
    page.fill("input[name=subject_reference]", "form 20261201-017")
    page.check("input[name=effect_explained]")
    submit(page, "form.stack button[type=submit]")
    submit(page, "form[action$='/start/'] button[type=submit]")
    page.select_option("select[name=method]", "crypto_erase")
    page.select_option("select[name=level]", "purge")
    page.fill("input[name=tool]", "Blancco Mobile Diagnostics")
    page.fill("input[name=tool_version]", "5.4.1")
    page.select_option("select[name=destination]", "resale")
    page.screenshot(path=str(SHOTS / f"erasure-job-{width}.png"), full_page=True)
    submit(page, "form[action$='/complete/'] button[type=submit]")
    assert "you erased this device, so you may not verify it" in page.content()
    url = page.url
    context.close()
    return url


def colleague_verifies(browser: Any, base_url: str, width: str, job_url: str) -> str:
    context = browser.new_context(locale="en-US", viewport=dict(zip(("width", "height"), WIDTHS[width],
                                                                     strict=True)))
    page = context.new_page()
    sign_in(page, base_url, "inspector")
    page.goto(job_url + "verify/")
    page.select_option("select[name=method]", "full_readback")
    page.check("input[name=result][value=passed]")
    submit(page, "form.stack button[type=submit]")
    submit(page, "a[href*='/erasure/certificates/EC']")
    code = re.search(r"/certificates/(EC\w+)/", page.url).group(1)  # type: ignore[union-attr]
    assert "<svg" in page.content()
    page.screenshot(path=str(SHOTS / f"erasure-certificate-{width}.png"), full_page=True)
    context.close()
    return code


def anyone_checks(browser: Any, base_url: str, width: str, code: str) -> bool:
    context = browser.new_context(locale="en-US", viewport=dict(zip(("width", "height"), WIDTHS[width],
                                                                     strict=True)))
    page = context.new_page()
    page.goto(f"{base_url}/erasure/verify/{code}/")
    valid = f"Certificate {code} is valid" in page.content()
    page.screenshot(path=str(SHOTS / f"erasure-public-verify-{width}.png"), full_page=True)
    context.close()
    return valid


def test_erase_verify_certify_and_check(browse: Any, live_server: Any, city: Any) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)

    def scenario(browser: Any) -> dict[str, tuple[str, bool]]:
        seen = {}
        for width in WIDTHS:
            job_url = technician_erases(browser, live_server.url, width, city[width])
            code = colleague_verifies(browser, live_server.url, width, job_url)
            seen[width] = (code, anyone_checks(browser, live_server.url, width, code))
        return seen

    seen = browse(scenario)
    assert {width: valid for width, (_code, valid) in seen.items()} == {"phone": True, "tablet": True}
    for width, item in city.items():
        assert certificate_public(seen[width][0]).status == "valid"
        assert items.item_circulation_blockers(item.id) == []
