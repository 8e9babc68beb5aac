import pytest

from tests.e2e.conftest import DESKTOP, PHONE


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_home_page_renders_in_vietnamese_without_console_errors(live_server, open_page, viewport):
    page = open_page(viewport)
    response = page.goto(live_server.url + "/")

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").inner_text() == "Cổng thông tin Ban Chỉ đạo 35"
    # The stylesheet arrived: the header is painted in the site's red.
    assert page.locator(".site-header").evaluate("el => getComputedStyle(el).backgroundColor") == (
        "rgb(183, 28, 28)"
    )
    # Nothing overflows sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    # The skip link is the first thing the keyboard reaches and it lands on the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Bỏ qua, đến nội dung chính"
    assert page.errors == []
