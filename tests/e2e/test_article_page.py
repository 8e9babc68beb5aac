"""A reader on a phone reads an article: enlarges the text (remembered on the next visit),
prints it, copies its link and sends feedback; under the enforced Content-Security-Policy."""

import pytest
from playwright.sync_api import expect

from portal.news.models import ArticleFeedback, FeedbackStatus
from tests.browser import PHONE
from tests.news.factories import CategoryFactory, published_article

pytestmark = pytest.mark.django_db(transaction=True)

# window.print() opens a dialog the headless browser cannot close: count the calls instead.
COUNT_PRINTS = "window.__prints = 0; window.print = () => { window.__prints += 1; };"


@pytest.fixture
def article():
    category = CategoryFactory(name="Hoạt động")
    published_article(title="Tin cùng mục", many_to_many={"categories": [category]})
    return published_article(
        title="Hội nghị sơ kết 18 tháng",
        byline="Tin và ảnh: Ban Biên tập",
        body='<p>Nội dung <a href="https://www.hcma.vn/">trang Học viện</a>.</p>',
        many_to_many={"categories": [category]},
    )


def test_a_reader_enlarges_the_text_prints_and_sends_feedback(live_server, open_page, article):
    page = open_page(PHONE)
    page.context.add_init_script(COUNT_PRINTS)
    url = f"{live_server.url}{article.get_absolute_url()}"
    page.goto(url)

    body = page.locator(".article__body")
    normal = body.evaluate("element => parseFloat(getComputedStyle(element).fontSize)")
    page.get_by_role("button", name="Phóng to chữ").click()
    page.get_by_role("button", name="Phóng to chữ").click()
    larger = body.evaluate("element => parseFloat(getComputedStyle(element).fontSize)")
    assert larger > normal * 1.2

    page.reload()  # remembered on this browser
    assert body.evaluate("element => parseFloat(getComputedStyle(element).fontSize)") == larger
    page.get_by_role("button", name="Cỡ chữ mặc định").click()
    assert body.evaluate("element => parseFloat(getComputedStyle(element).fontSize)") == normal

    page.get_by_role("button", name="In trang").click()
    assert page.evaluate("window.__prints") == 1
    page.emulate_media(media="print")
    for hidden in (
        ".site-header",
        ".site-footer",
        ".breadcrumbs",
        ".article-share",
        ".feedback",
        ".article-tools",
    ):
        expect(page.locator(hidden)).to_be_hidden()
    link_after = page.locator(".article__body a").evaluate(
        "element => getComputedStyle(element, '::after').content"
    )
    assert link_after == '" (https://www.hcma.vn/)"'
    page.emulate_media(media="screen")

    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Sao chép liên kết").click()
    expect(page.get_by_role("status")).to_have_text("Đã sao chép liên kết.")
    assert page.evaluate("navigator.clipboard.readText()") == url

    page.get_by_label("Họ và tên").fill("Trần Thị Lan")
    page.get_by_label("Thư điện tử (không công bố)").fill("lan@example.vn")
    page.get_by_label("Nội dung phản hồi").fill("Bài viết rất bổ ích.")
    page.get_by_role("button", name="Gửi phản hồi").click()

    expect(page.get_by_role("heading", name="Cảm ơn bạn đã gửi phản hồi")).to_be_visible()
    assert list(ArticleFeedback.objects.values_list("name", "status")) == [
        ("Trần Thị Lan", FeedbackStatus.PENDING)
    ]
    assert page.errors == []


def test_without_javascript_the_buttons_that_need_it_are_not_shown(live_server, browser, article):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}{article.get_absolute_url()}")

    expect(page.get_by_role("button", name="Phóng to chữ")).to_be_hidden()
    expect(page.get_by_role("button", name="In trang")).to_be_hidden()
    expect(page.get_by_role("button", name="Sao chép liên kết")).to_be_hidden()
    expect(page.get_by_role("link", name="Facebook")).to_be_visible()
    context.close()


def test_nothing_on_the_page_is_wider_than_a_phone(live_server, open_page, article):
    page = open_page(PHONE)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.errors == []
