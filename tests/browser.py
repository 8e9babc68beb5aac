"""Browser fixtures: Playwright drives Debian's Chromium against a live test server.

Used by the journeys of tests/e2e and the browser checks of tests/security (marked e2e).

Static files are served by WhiteNoise from the collected, hashed files, exactly as in
production, rather than by Django's development static handler.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
# The secretariat's laptops.
LAPTOP = {"width": 1366, "height": 768}


def _passthrough(application):
    return application


@pytest.fixture(scope="session")
def live_server(request):
    """Like pytest-django's live_server, but WhiteNoise serves static files as in production."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("127.0.0.1:0", start=False)
    server.thread.static_handler = _passthrough
    server.start()
    request.addfinalizer(server.stop)
    return server


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(
                f"{CHROMIUM} is missing: on CI the browser tests must run (apt-get install chromium)."
            )
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); browser tests skipped.")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django refuses ORM calls from async contexts.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Every Content-Security-Policy violation is reported to the test, whatever the page does.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__reportCspViolation(
    `CSP ${event.effectiveDirective} blocked ${event.blockedURI || "inline"}` +
    ` at ${event.sourceFile}:${event.lineNumber} ${event.sample || ""}`
  );
});
"""


@pytest.fixture
def open_page(browser):
    """open_page(viewport) gives a fresh page that records console errors and Content-Security-
    Policy violations in page.errors."""
    contexts = []

    def _open(viewport=DESKTOP):
        context = browser.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        context.expose_function("__reportCspViolation", lambda violation: page.errors.append(violation))
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on(
            "response",
            lambda response: (
                response.status >= 400 and page.errors.append(f"{response.status} {response.url}")
            ),
        )
        return page

    yield _open
    for context in contexts:
        context.close()
