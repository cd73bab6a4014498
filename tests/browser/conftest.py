"""Real-browser tests: Playwright driving Debian's Chromium against a live test server."""

import os
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests
# make between page actions are ordinary synchronous code, not async.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        # Reached only when NEWSROOM_REQUIRE_BROWSER is set (see tests/conftest.py).
        pytest.fail(f"{CHROMIUM} is missing: `apt-get install -y chromium`", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


class PageWatcher:
    """Collects what a reader would never want to see: console errors and failed requests."""

    def __init__(self, page):
        self.errors: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on("requestfailed", lambda request: self.errors.append(f"failed: {request.url}"))
        page.on("response", self._on_response)

    def _on_console(self, message):
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def _on_response(self, response):
        if response.status >= 400 and response.request.resource_type != "document":
            self.errors.append(f"{response.status}: {response.url}")


@pytest.fixture
def page_factory(browser, request):
    """New pages with a given viewport; each saves a screenshot into test-artifacts/."""
    contexts = []

    def open_page(width: int = 1280, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.watcher = PageWatcher(page)
        return page

    yield open_page
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def broken_images(page) -> list[str]:
    return page.evaluate(
        """() => Array.from(document.images)
            .filter(img => img.complete && img.naturalWidth === 0)
            .map(img => img.currentSrc || img.src)"""
    )


def log_in(page, base_url: str, username: str, password: str) -> None:
    """Sign in through the admin's login form, as a person would."""
    page.goto(base_url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    assert "/admin/" in page.url and "login" not in page.url
