"""A reader's browser counts the page it shows, even from the page cache, and sees the counts of
now: the article's views and the visitors box of the footer, under the enforced policy."""

import pytest
from playwright.sync_api import expect

from portal.news import counters
from portal.news.models import Article
from tests.browser import PHONE, REPORT_CSP_VIOLATIONS
from tests.news.factories import published_article

pytestmark = pytest.mark.django_db(transaction=True)

# A phone's browser: Chromium run headless says "HeadlessChrome", which is not counted.
PHONE_BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile"
)


@pytest.fixture
def reader(browser):
    """reader() opens a page in a browser of its own (its own HTTP cache), as a phone's."""
    contexts = []

    def _open():
        context = browser.new_context(
            viewport=PHONE, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", user_agent=PHONE_BROWSER
        )
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        context.expose_function("__reportCspViolation", lambda violation: page.errors.append(violation))
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
        return page

    yield _open
    for context in contexts:
        context.close()


def test_the_beacon_counts_cached_pages_and_fills_the_views_and_the_visitors_box(live_server, reader):
    article = published_article(title="Hội nghị sơ kết")
    Article.objects.filter(pk=article.pk).update(view_count=1233)
    url = f"{live_server.url}/tin-tuc/hoi-nghi-so-ket/"
    page = reader()

    first = page.goto(url)
    expect(page.locator("[data-views]")).to_have_text("1.234")
    visitors = page.locator(".visitors")
    expect(visitors).to_be_visible()
    for name, label in [("online", "Đang truy cập"), ("today", "Hôm nay"), ("total", "Tổng truy cập")]:
        cell = visitors.locator(f'[data-visitors="{name}"]')
        expect(cell).to_have_text("1")
        expect(cell.locator("xpath=preceding-sibling::dt")).to_have_text(label)
    # Again, from the browser's own cache: no request reaches the server but the beacon's.
    page.goto(url)
    expect(page.locator("[data-views]")).to_have_text("1.235")
    # Another reader, given the page from the server's page cache.
    other = reader()
    again = other.goto(url)
    expect(other.locator("[data-views]")).to_have_text("1.236")

    assert (first.headers["x-page-cache"], again.headers["x-page-cache"]) == ("miss", "hit")
    assert "1.233" in again.text()  # the page as cached; the count of now came from the beacon
    assert Article.objects.get(pk=article.pk).view_count == 1233  # nothing written yet
    assert page.errors == [] and other.errors == []


def test_a_headless_browser_is_shown_the_counts_without_being_counted(live_server, open_page):
    published_article(title="Hội nghị sơ kết")
    page = open_page()

    page.goto(f"{live_server.url}/tin-tuc/hoi-nghi-so-ket/")

    expect(page.locator('[data-visitors="today"]')).to_have_text("0")
    expect(page.locator("[data-views]")).to_have_text("0")
    assert counters.visitors()["today"] == 0
    assert page.errors == []
