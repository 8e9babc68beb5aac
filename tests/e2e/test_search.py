"""The search in Chromium: a reader on a phone types without diacritics, with and without
JavaScript, and finds the article written with them, the words marked, under the enforced
policy and without scrolling sideways."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.browser import PHONE
from tests.news.factories import editorial_groups, published_article

pytestmark = pytest.mark.django_db(transaction=True)
AUG_30 = dt.datetime(2021, 8, 30, 10, 9, tzinfo=dt.UTC)


@pytest.fixture
def articles():
    editorial_groups()
    published_article(title="Hội nghị sơ kết 18 tháng thực hiện Quy chế phối hợp", now=AUG_30)
    published_article(title="Tọa đàm khoa học về Đảng ủy", now=AUG_30)


def search_on(page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.get_by_role("link", name="Tìm kiếm").click()
    page.get_by_label("Từ khóa").fill("hoi nghi so ket")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url(re.compile(r"[?&]q=hoi\+nghi\+so\+ket"))


def test_a_reader_on_a_phone_finds_an_article_typing_without_diacritics(live_server, open_page, articles):
    page = open_page(PHONE)

    search_on(page, live_server.url)

    hits = page.locator(".search-hit__title a")
    expect(hits).to_have_text(["Hội nghị sơ kết 18 tháng thực hiện Quy chế phối hợp"])
    expect(page.locator(".search-hit__title mark")).to_have_text(["Hội", "nghị", "sơ", "kết"])
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    hits.first.click()
    page.wait_for_url(live_server.url + "/tin-tuc/hoi-nghi-so-ket-18-thang-thuc-hien-quy-che-phoi-hop/")
    assert page.errors == []


def test_the_search_works_without_javascript(live_server, browser, articles):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="vi-VN")
    try:
        page = context.new_page()
        search_on(page, live_server.url)
        expect(page.locator(".search-hit__title a")).to_have_text(
            ["Hội nghị sơ kết 18 tháng thực hiện Quy chế phối hợp"]
        )
    finally:
        context.close()
