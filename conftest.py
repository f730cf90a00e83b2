"""Suite-wide fixtures: database vendor markers and the Playwright browser on Debian's Chromium."""

from __future__ import annotations

import shutil

import pytest
from django.db import connection

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        _keep_reference_data(item)
        if "browser" in item.keywords and CHROMIUM is None:
            item.add_marker(pytest.mark.skip(reason="Debian's chromium is not installed (apt-get install chromium)"))


def _keep_reference_data(item: pytest.Item) -> None:
    """Transactional tests flush the database afterwards, which would also delete the reference data that
    migrations load (districts, categories, grading scales). Serialized rollback restores it."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    transactional = (marker is not None and marker.kwargs.get("transaction")) or "transactional_db" in fixtures \
        or "live_server" in fixtures
    if transactional:
        kwargs = {**(marker.kwargs if marker else {}), "transaction": True, "serialized_rollback": True}
        item.add_marker(pytest.mark.django_db(**kwargs), append=False)


@pytest.fixture(autouse=True)
def _skip_postgres_only(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://...")


@pytest.fixture(autouse=True)
def _test_defaults(settings):  # type: ignore[no-untyped-def]
    """Fast password hashing; messages compared in tests are English (the source language) unless a test
    switches, as the Chinese browser tests and the translation tests do. Web requests still choose their
    language through LocaleMiddleware (zh-hans by default)."""
    from django.utils import translation

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.AXES_ENABLED = True
    settings.RECIRC_SEARCH_FRESH_SECONDS = 0  # each test sees its own writes at once (a test turns it on)
    with translation.override("en"):
        yield


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def browse():  # type: ignore[no-untyped-def]
    """Run a browser scenario `scenario(browser)` in its own thread and return its result.

    Playwright's sync API keeps an asyncio loop running in the thread that drives it; Django then treats
    that thread as async (other database connections, SynchronousOnlyOperation). A thread of its own keeps
    the test's thread, its database connection and the live server's shared in-memory database intact.
    """
    from concurrent.futures import ThreadPoolExecutor

    from playwright.sync_api import sync_playwright

    def run(scenario):  # type: ignore[no-untyped-def]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return scenario(browser)
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="browser") as pool:
        yield lambda scenario: pool.submit(run, scenario).result()
