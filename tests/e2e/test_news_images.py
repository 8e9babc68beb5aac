"""A reader's browser picks the rendition its screen needs: a narrow WebP on a phone, the widest on a
desktop; body images wait until they are scrolled to (portal/news/renditions.py)."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from playwright.sync_api import expect

from portal.news.models import Article
from tests.e2e.conftest import DESKTOP, PHONE
from tests.files import image_bytes, jpeg_upload
from tests.news.factories import published_article

pytestmark = pytest.mark.django_db(transaction=True)

LONG_TEXT = "<p>" + "Nội dung hội nghị. " * 400 + "</p>"


@pytest.fixture
def article(media_root):
    body_image = default_storage.save(
        "news/images/phat-bieu.jpg", ContentFile(image_bytes("JPEG", (2000, 1200)))
    )
    # A transactional test commits: the renditions task runs (eagerly) after the commit, as in production.
    saved = published_article(
        title="Hội nghị sơ kết",
        cover=jpeg_upload("toan-canh.jpg", 2000, 1000),
        cover_alt="Toàn cảnh hội nghị",
        body=f'{LONG_TEXT}<figure class="image"><img src="/media/{body_image}" alt="Phát biểu"></figure>',
    )
    assert len(Article.objects.get(pk=saved.pk).renditions) == 2
    return saved


def current_source(page, selector: str) -> str:
    return page.locator(selector).evaluate("image => image.currentSrc")


def test_a_phone_loads_the_narrow_webp_cover_and_the_body_image_only_when_scrolled_to(
    live_server, open_page, article
):
    page = open_page(PHONE)
    loaded = []
    page.on("response", lambda response: "/media/" in response.url and loaded.append(response.url))

    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    page.wait_for_load_state("networkidle")

    assert current_source(page, ".article__cover img").endswith("-480.webp")
    assert not any("phat-bieu" in url for url in loaded)  # lazy: far below the fold
    page.locator(".article__body img").scroll_into_view_if_needed()
    expect(page.locator(".article__body img")).to_have_js_property("complete", True)
    assert current_source(page, ".article__body img").endswith("/renditions/phat-bieu-480.webp")
    assert page.errors == []


def test_a_desktop_loads_the_widest_rendition(live_server, open_page, article):
    page = open_page(DESKTOP)

    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    page.wait_for_load_state("networkidle")

    assert current_source(page, ".article__cover img").endswith("-1600.webp")
    assert page.errors == []
