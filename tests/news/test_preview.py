"""Preview links: staff see an unpublished article through a signed link that expires; nobody
sees it otherwise."""

import time
import types

import pytest
from django.core import signing

from portal.news import preview
from portal.news.models import Article
from portal.news.services import article_save
from tests.news.factories import EDITORS, draft_article, published_article, user_in

pytestmark = pytest.mark.django_db

DAY = 24 * 3600


def later(monkeypatch, seconds: int) -> None:
    """The signer's clock moved on by `seconds`."""
    now = time.time() + seconds
    monkeypatch.setattr(signing, "time", types.SimpleNamespace(time=lambda: now))


def test_a_draft_is_shown_through_its_link_with_a_banner_and_never_cached_nor_indexed(client):
    article = draft_article(title="Dự thảo tin hội nghị", body="<p>Nội dung dự thảo.</p>")

    response = client.get(preview.preview_url(article))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Xem trước – chưa xuất bản" in page
    assert "Dự thảo tin hội nghị" in page and "<p>Nội dung dự thảo.</p>" in page
    assert "trạng thái hiện tại là “bản nháp”" in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "X-Page-Cache" not in response
    # Nothing that would announce it for sharing or indexing: no canonical address, no cards, no JSON-LD.
    assert 'rel="canonical"' not in page and "og:title" not in page and "application/ld+json" not in page


def test_the_preview_shows_each_change_at_once(client):
    article = draft_article(title="Bản đầu")
    url = preview.preview_url(article)
    client.get(url)

    article.title = "Bản sửa"
    article_save(article=article, by=None)

    assert "Bản sửa" in client.get(url).content.decode()


def test_the_link_lives_at_the_news_address():
    article = draft_article()

    assert preview.preview_url(article).startswith("/tin-tuc/xem-truoc/")


def test_the_article_itself_stays_hidden_at_its_public_address(client):
    article = draft_article()

    assert client.get(preview.preview_url(article)).status_code == 200
    assert client.get(f"/tin-tuc/{article.slug}/").status_code == 404


def test_a_link_older_than_the_setting_is_refused_as_expired(client, monkeypatch, settings):
    settings.NEWS_PREVIEW_DAYS = 3
    url = preview.preview_url(draft_article(title="Tin bí mật"))
    later(monkeypatch, 3 * DAY - 60)
    assert client.get(url).status_code == 200

    later(monkeypatch, 3 * DAY + 60)
    response = client.get(url)

    page = response.content.decode()
    assert response.status_code == 410
    assert "Đường dẫn xem trước này đã hết hạn" in page
    assert "Tin bí mật" not in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_link_lasts_seven_days_by_default(client, monkeypatch):
    url = preview.preview_url(draft_article())

    later(monkeypatch, 7 * DAY - 60)
    assert client.get(url).status_code == 200
    later(monkeypatch, 7 * DAY + 60)
    assert client.get(url).status_code == 410


def _tampered(token: str) -> list[str]:
    value, stamp, signature = token.split(":")
    other = "A" if signature[0] != "A" else "B"
    return [
        f"{int(value) + 1}:{stamp}:{signature}",  # another article
        f"{value}:{stamp}:{other}{signature[1:]}",  # a changed signature
        f"{value}:{stamp}",  # no signature
        signing.TimestampSigner().sign(value),  # signed for another use (no salt)
        signing.TimestampSigner(salt=preview.SALT, key="not-the-secret").sign(value),
        "abc",
        "1:" + "9" * 40 + ":x",
    ]


def test_a_tampered_or_foreign_token_is_not_found_and_shows_no_article(client):
    article = draft_article(title="Tin bí mật")
    draft_article(title="Tin khác")
    token = preview.preview_url(article).split("/")[-2]

    for bad in _tampered(token):
        response = client.get(f"/tin-tuc/xem-truoc/{bad}/")
        page = response.content.decode()
        assert response.status_code == 404, bad
        assert "Đường dẫn xem trước này không hợp lệ" in page, bad
        assert "Tin bí mật" not in page and "Tin khác" not in page


def test_a_nul_byte_in_the_token_is_a_bad_request_not_an_error(client):
    draft_article()

    assert client.get("/tin-tuc/xem-truoc/1%00:x:y/").status_code == 400


def test_a_link_to_a_deleted_article_is_not_found(client):
    article = draft_article()
    url = preview.preview_url(article)
    Article.objects.filter(pk=article.pk).delete()

    assert client.get(url).status_code == 404


def test_a_published_article_can_be_previewed_too(client):
    article = published_article(title="Tin đã đăng")

    response = client.get(preview.preview_url(article))

    assert response.status_code == 200
    assert "trạng thái hiện tại là “đã xuất bản”" in response.content.decode()


@pytest.mark.parametrize("count", [1, 30])
def test_the_preview_query_count_does_not_grow_with_articles(client, django_assert_num_queries, count):
    for number in range(count):
        published_article(title=f"Tin {number}")
    url = preview.preview_url(draft_article(title="Dự thảo"))

    # The article with its source, its categories and tags, and the five kinds of related records.
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200


def test_the_change_page_shows_the_preview_link(client):
    article = draft_article()
    client.force_login(user_in(EDITORS, username="editor"))

    page = client.get(f"/admin/news/article/{article.pk}/change/").content.decode()

    assert 'href="/tin-tuc/xem-truoc/' in page
    assert "Xem trước bài viết như bạn đọc sẽ thấy" in page
    assert "trong 7 ngày" in page
    link = page.split('href="/tin-tuc/xem-truoc/', 1)[1].split('"', 1)[0]
    assert "Xem trước – chưa xuất bản" in client.get(f"/tin-tuc/xem-truoc/{link}").content.decode()
