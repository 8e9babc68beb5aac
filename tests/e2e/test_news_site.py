"""The news lists in Chromium: the home page, category, tag, archive and organisation news
pages work under the enforced policy on a phone and a desktop, without scrolling sideways,
and the article page's metadata is read by the browser as data (no script runs).

Screenshots go to $SHOTS_DIR when it is set (to look at the layout)."""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser import DESKTOP, PHONE
from tests.committees.factories import OrganizationFactory
from tests.events.factories import EventFactory
from tests.news.factories import CategoryFactory, TagFactory, editorial_groups, published_article

pytestmark = pytest.mark.django_db(transaction=True)
AUG_30 = dt.datetime(2021, 8, 30, 10, 9, tzinfo=dt.UTC)


@pytest.fixture
def news():
    editorial_groups()
    organization = OrganizationFactory(name="Học viện Chính trị khu vực IV", slug="hoc-vien-iv")
    tag = TagFactory(name="Nghị quyết 35", slug="nghi-quyet-35")
    categories = [
        CategoryFactory(name="Hoạt động của Ban Chỉ đạo 35", slug="hoat-dong", order=1),
        CategoryFactory(name="Nghiên cứu, trao đổi", slug="nghien-cuu", order=2),
    ]
    for number in range(8):
        published_article(
            title=f"Hội nghị sơ kết 18 tháng thực hiện Quy chế phối hợp giữa các học viện số {number}",
            lead="Chiều 30/8, Học viện Chính trị khu vực IV tổ chức hội nghị trực tuyến sơ kết 18 tháng.",
            now=AUG_30 + dt.timedelta(days=number),
            featured=number < 2,
            source_organization=organization,
            many_to_many={"categories": [categories[number % 2]], "tags": [tag]},
        )
    EventFactory(title="Hội thảo khoa học cấp Bộ", start_date=timezone.localdate() + dt.timedelta(days=5))


PAGES = [
    "/",
    "/chuyen-muc/hoat-dong/",
    "/the/nghi-quyet-35/",
    "/luu-tru/nam-2021/",
    "/to-chuc/hoc-vien-iv/tin-tuc/",
]


@pytest.mark.parametrize(("viewport", "name"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_news_lists_work_under_the_policy_without_sideways_scrolling(
    live_server, open_page, news, viewport, name
):
    page = open_page(viewport)
    shots = os.environ.get("SHOTS_DIR")

    for url in PAGES:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], url
        if shots:
            slug = url.strip("/").replace("/", "_") or "home"
            page.screenshot(path=str(Path(shots) / f"news-site-{slug}-{name}.png"), full_page=True)

    assert page.errors == []


def test_the_home_page_is_usable_with_the_keyboard(live_server, open_page, news):
    page = open_page(PHONE)
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Bỏ qua, đến nội dung chính"
    headings = page.eval_on_selector_all("main h1, main h2", "nodes => nodes.map(n => n.tagName)")
    assert headings[0] == "H1" and headings.count("H1") == 1
    assert page.locator("aside").count() == 1
