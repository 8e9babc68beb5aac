import datetime as dt

import pytest
from django.utils import timezone

from portal.news.models import Article
from portal.news.services import article_approve, article_save, article_submit, article_unpublish
from tests.committees.factories import OrganizationFactory
from tests.news.factories import CategoryFactory, TagFactory, draft_article, published_article
from tests.pages import html_of, text_of

pytestmark = pytest.mark.django_db
# 17:09 30/08/2021 in Hà Nội.
AUG_30 = dt.datetime(2021, 8, 30, 10, 9, tzinfo=dt.UTC)


def test_article_page_shows_time_byline_lead_body_cover_categories_and_tags(client):
    category, tag = CategoryFactory(name="Hoạt động"), TagFactory(name="Nghị quyết 35")
    article = published_article(
        now=AUG_30,
        title="Hội nghị sơ kết 18 tháng",
        byline="Tin và ảnh: Ban Biên tập",
        lead="Chiều 30/8, Học viện tổ chức hội nghị.",
        body="<p>Đoạn <strong>một</strong>.</p>",
        cover="news/covers/hoi-nghi.jpg",
        cover_alt="Toàn cảnh hội nghị",
        cover_caption="Quang cảnh hội nghị",
        source_organization=OrganizationFactory(name="Học viện Chính trị khu vực IV"),
        many_to_many={"categories": [category], "tags": [tag]},
    )

    response = client.get("/tin-tuc/hoi-nghi-so-ket-18-thang/")

    page = html_of(response)
    assert article.get_absolute_url() == "/tin-tuc/hoi-nghi-so-ket-18-thang/"
    assert '<time datetime="2021-08-30T17:09:00+07:00">17:09 30/08/2021</time>' in page
    assert "<p>Đoạn <strong>một</strong>.</p>" in page
    # No renditions (the file is not stored): the cover as it is, not lazy (tests/news/test_images.py).
    assert (
        '<img src="/media/news/covers/hoi-nghi.jpg" alt="Toàn cảnh hội nghị" '
        'decoding="async" fetchpriority="high">'
    ) in page
    assert "<figcaption>Quang cảnh hội nghị</figcaption>" in page
    assert text_of(response).startswith(
        "Trang chủ Hoạt động Hội nghị sơ kết 18 tháng Hội nghị sơ kết 18 tháng 17:09 30/08/2021 "
        "0 lượt xem Tin và ảnh: Ban Biên tập Cỡ chữ A− A A+ In trang Chiều 30/8, Học viện tổ chức hội nghị."
    )
    assert "Nguồn: Học viện Chính trị khu vực IV Chuyên mục: Hoạt động Nghị quyết 35" in text_of(response)


@pytest.mark.parametrize("state", ["draft", "submitted", "scheduled", "unpublished", "future"])
def test_an_article_not_public_is_not_found_even_at_its_address(client, state):
    article = draft_article(title="Bí mật", publish_at=timezone.now() + dt.timedelta(days=1))
    if state != "draft":
        article_submit(article=article, by=None)
    if state in {"scheduled", "unpublished"}:
        article_approve(article=article, by=None)
    if state == "unpublished":
        article_unpublish(article=article, by=None)
    if state == "future":  # published, but dated ahead (the beat task would not do this)
        Article.objects.filter(pk=article.pk).update(status="published", published_at=article.publish_at)

    assert client.get("/tin-tuc/bi-mat/").status_code == 404


def test_an_old_slug_redirects_permanently_to_the_new_one(client):
    article = published_article(title="Tin cũ")
    article.slug = "tin-moi"
    article_save(article=article, by=None)

    response = client.get("/tin-tuc/tin-cu/")

    assert (response.status_code, response["Location"]) == (301, "/tin-tuc/tin-moi/")


def test_an_old_slug_of_an_unpublished_article_is_not_found(client):
    article = published_article(title="Tin cũ")
    article.slug = "tin-moi"
    article_save(article=article, by=None)
    article_unpublish(article=article, by=None)

    assert client.get("/tin-tuc/tin-cu/").status_code == 404


def test_category_page_lists_its_public_articles_and_its_subcategories_latest_first(client):
    parent = CategoryFactory(name="Tin tức", slug="tin-tuc")
    child = CategoryFactory(name="Hội nghị", parent=parent)
    published_article(title="Tin cha", now=AUG_30, many_to_many={"categories": [parent]})
    published_article(
        title="Tin con", now=AUG_30 + dt.timedelta(days=1), many_to_many={"categories": [child]}
    )
    draft_article(title="Tin nháp", many_to_many={"categories": [parent]})
    published_article(title="Tin khác")

    response = client.get("/chuyen-muc/tin-tuc/")

    assert text_of(response) == (
        "Trang chủ Tin tức Tin tức Tin con 17:09 31/08/2021 Sáng 30/8, hội nghị đã diễn ra. "
        "Tin cha 17:09 30/08/2021 Sáng 30/8, hội nghị đã diễn ra. "
        "Năm phát hành 2021 (2) Kênh RSS của chuyên mục"
    )


def test_category_page_is_paginated_twenty_a_page(client):
    category = CategoryFactory(slug="hoat-dong")
    for day in range(21):
        published_article(
            title=f"Tin {day}", now=AUG_30 + dt.timedelta(days=day), many_to_many={"categories": [category]}
        )

    first, second = client.get("/chuyen-muc/hoat-dong/"), client.get("/chuyen-muc/hoat-dong/", {"trang": 2})

    assert html_of(first).count('class="article-card"') == 20
    assert text_of(first).endswith(
        "Tin 1 17:09 31/08/2021 Sáng 30/8, hội nghị đã diễn ra. Trang 1/2 Trang sau "
        "Năm phát hành 2021 (21) Kênh RSS của chuyên mục"
    )
    assert html_of(second).count('class="article-card"') == 1
    assert text_of(second).endswith(
        "Tin 0 17:09 30/08/2021 Sáng 30/8, hội nghị đã diễn ra. Trang trước Trang 2/2 "
        "Năm phát hành 2021 (21) Kênh RSS của chuyên mục"
    )


def test_unknown_category_is_not_found(client):
    assert client.get("/chuyen-muc/khong-co/").status_code == 404


@pytest.mark.parametrize("count", [1, 5])
def test_article_page_query_count_does_not_grow_with_articles(client, django_assert_num_queries, count):
    category = CategoryFactory()
    for number in range(count):
        published_article(
            title=f"Tin {number}", many_to_many={"categories": [category], "tags": [TagFactory()]}
        )

    # The article with its organisation; its categories, tags and five kinds of related records;
    # the category tree; the same category; other news; the approved feedback.
    with django_assert_num_queries(12):
        response = client.get("/tin-tuc/tin-0/")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 25])
def test_category_page_query_count_does_not_grow_with_articles(client, django_assert_num_queries, count):
    category = CategoryFactory(slug="hoat-dong")
    for number in range(count):
        published_article(title=f"Tin {number}", many_to_many={"categories": [category]})

    # The category; its subcategories (none); its years; how many articles; a page of them.
    with django_assert_num_queries(5):
        response = client.get("/chuyen-muc/hoat-dong/")
    assert response.status_code == 200


def test_a_hostile_body_is_cleaned_when_saved_and_shown_clean(client):
    article = published_article(
        now=AUG_30,
        title="Tin có mã độc",
        body='<p onclick="steal()">Nội dung<script>steal()</script></p><img src="https://evil.example/p.gif">',
    )

    page = html_of(client.get(article.get_absolute_url()))

    assert Article.objects.get(pk=article.pk).body == "<p>Nội dung</p>"
    assert "<p>Nội dung</p>" in page
    assert "steal()" not in page
    assert "evil.example" not in page
