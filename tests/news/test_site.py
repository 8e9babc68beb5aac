"""The public news site around the articles: home page, tag, archive and organisation pages,
feeds, sitemap, robots.txt, the article page's metadata and the panels on lower apps' pages."""

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from django.utils import timezone

from portal.news.models import Article
from portal.news.services import article_unpublish
from tests.agreements.factories import AgreementFactory, agreement_in_force
from tests.committees.factories import DecisionFactory, OrganizationFactory, PersonFactory
from tests.events.factories import EventFactory
from tests.news.factories import CategoryFactory, TagFactory, draft_article, published_article
from tests.pages import html_of, text_of
from tests.sitemaps import all_locations

pytestmark = pytest.mark.django_db
# 17:09 30/08/2021 in Hà Nội.
AUG_30 = dt.datetime(2021, 8, 30, 10, 9, tzinfo=dt.UTC)


def day(number: int) -> dt.datetime:
    return AUG_30 + dt.timedelta(days=number)


# --- Home page ---------------------------------------------------------------------------


def test_home_page_shows_featured_latest_category_blocks_and_most_viewed(client):
    parent = CategoryFactory(name="Hoạt động", slug="hoat-dong", order=1)
    child = CategoryFactory(name="Hội nghị", slug="hoi-nghi", parent=parent)
    other = CategoryFactory(name="Nghiên cứu", slug="nghien-cuu", order=2)
    CategoryFactory(name="Trống", slug="trong", order=3)
    featured = published_article(title="Tin nổi bật", now=day(0), featured=True)
    in_child = published_article(title="Tin hội nghị", now=day(1), many_to_many={"categories": [child]})
    in_both = published_article(title="Tin hai mục", now=day(2), many_to_many={"categories": [parent, child]})
    in_other = published_article(title="Tin nghiên cứu", now=day(3), many_to_many={"categories": [other]})
    draft_article(title="Tin nháp", featured=True, many_to_many={"categories": [parent]})
    Article.objects.filter(pk=in_child.pk).update(view_count=50)
    Article.objects.filter(pk=featured.pk).update(view_count=7)

    page = text_of(client.get("/"))

    assert "Tin nổi bật Tin nổi bật 17:09 30/08/2021 Sáng 30/8, hội nghị đã diễn ra." in page
    assert (
        "Tin mới nhất Tin nghiên cứu 17:09 02/09/2021 Sáng 30/8, hội nghị đã diễn ra. "
        "Tin hai mục 17:09 01/09/2021 Sáng 30/8, hội nghị đã diễn ra. "
        "Tin hội nghị 17:09 31/08/2021 Sáng 30/8, hội nghị đã diễn ra. Tất cả tin theo năm · Kênh RSS"
    ) in page
    # A block per top-level category holding its subcategories' articles, each once; none
    # for a category without articles.
    assert (
        "Hoạt động Tin hai mục 17:09 01/09/2021 Tin hội nghị 17:09 31/08/2021 "
        "Nghiên cứu Tin nghiên cứu 17:09 02/09/2021 Đọc nhiều nhất"
    ) in page
    assert "Trống" not in page
    assert (
        "Đọc nhiều nhất Tin hội nghị 17:09 31/08/2021 · 50 lượt xem Tin nổi bật 17:09 30/08/2021 · 7 lượt xem"
    ) in page
    assert "Tin nháp" not in page
    assert in_both.get_absolute_url() in html_of(client.get("/"))
    assert in_other.get_absolute_url() in html_of(client.get("/"))


def test_home_page_shows_upcoming_events_latest_decisions_and_public_agreements(client):
    today = timezone.localdate()
    EventFactory(title="Hội nghị đã qua", start_date=today - dt.timedelta(days=1))
    EventFactory(title="Hội thảo sắp tới", start_date=today + dt.timedelta(days=3))
    DecisionFactory(title="Quyết định cũ", number="1-QĐ/BCĐ35", issued_on=dt.date(2020, 1, 2))
    DecisionFactory(title="Quyết định mới", number="2-QĐ/BCĐ35", issued_on=dt.date(2021, 5, 14))
    agreement_in_force(title="Quy chế đang hiệu lực", signed_on=dt.date(2020, 2, 25))
    AgreementFactory(title="Quy chế dự thảo")

    page = text_of(client.get("/"))

    assert f"Sắp diễn ra Hội thảo sắp tới {today + dt.timedelta(days=3):%d/%m/%Y}" in page
    assert "Hội nghị đã qua" not in page
    assert (
        "Quyết định mới Quyết định mới 2-QĐ/BCĐ35 · 14/05/2021 "
        "Quyết định cũ 1-QĐ/BCĐ35 · 02/01/2020 Tất cả văn bản"
    ) in page
    assert "Quy chế đang hiệu lực Quy chế phối hợp · ký ngày 25/02/2020" in page
    assert "Quy chế dự thảo" not in page


def test_home_page_without_any_news_says_so(client):
    assert "Tin mới nhất Chưa có tin nào được đăng." in text_of(client.get("/"))


@pytest.mark.parametrize("count", [2, 20])
def test_home_page_query_count_does_not_grow_with_articles_or_categories(
    client, django_assert_num_queries, count
):
    today = timezone.localdate()
    for number in range(count):
        parent = CategoryFactory()
        child = CategoryFactory(parent=parent)
        published_article(
            title=f"Tin {number}",
            featured=number % 2 == 0,
            many_to_many={"categories": [parent, child]},
        )
        EventFactory(start_date=today + dt.timedelta(days=number))
        DecisionFactory()
        agreement_in_force()

    # Featured; latest; the categories and their ranked articles; most viewed; upcoming
    # events; decisions; agreements.
    with django_assert_num_queries(8):
        response = client.get("/")
    assert html_of(response).count('class="teaser') > 0
    assert text_of(response).count("Tin ") >= min(count, 8)


# --- Tag, archive, organisation pages ------------------------------------------------------


def test_tag_page_lists_the_public_articles_with_the_tag_latest_first(client):
    tag = TagFactory(name="Nghị quyết 35", slug="nghi-quyet-35")
    published_article(title="Tin một", now=day(0), many_to_many={"tags": [tag]})
    published_article(title="Tin hai", now=day(1), many_to_many={"tags": [tag]})
    published_article(title="Tin khác", now=day(2))
    draft_article(title="Tin nháp", many_to_many={"tags": [tag]})

    response = client.get("/the/nghi-quyet-35/")

    assert tag.get_absolute_url() == "/the/nghi-quyet-35/"
    assert text_of(response) == (
        "Trang chủ Nghị quyết 35 Thẻ Nghị quyết 35 Tin hai 17:09 31/08/2021 Sáng 30/8, hội nghị đã diễn ra. "
        "Tin một 17:09 30/08/2021 Sáng 30/8, hội nghị đã diễn ra."
    )
    assert '<link rel="canonical" href="http://testserver/the/nghi-quyet-35/">' in html_of(response)


def test_tag_page_is_paginated_with_its_page_in_the_canonical_address(client):
    tag = TagFactory(slug="nghi-quyet-35")
    for number in range(21):
        published_article(title=f"Tin {number}", now=day(number), many_to_many={"tags": [tag]})

    second = client.get("/the/nghi-quyet-35/", {"trang": 2, "utm_source": "x", "nam": "2021"})

    assert html_of(second).count('class="article-card"') == 1
    assert '<link rel="canonical" href="http://testserver/the/nghi-quyet-35/?trang=2">' in html_of(second)


@pytest.mark.parametrize("address", ["/the/khong-co/", "/luu-tru/nam-2020/", "/luu-tru/nam-2021/thang-07/"])
def test_pages_without_a_record_or_articles_are_not_found(client, address):
    published_article(now=AUG_30)

    assert client.get(address).status_code == 404


@pytest.mark.parametrize(
    "address",
    [
        "/luu-tru/nam-99999/",
        "/luu-tru/nam-0/",
        "/luu-tru/nam-0000/",
        "/luu-tru/nam-abcd/",
        "/luu-tru/nam-2021/thang-13/",
        "/luu-tru/nam-2021/thang-00/",
        "/luu-tru/nam-2021/thang-8/",
    ],
)
def test_a_bad_year_or_month_is_not_found(client, address):
    published_article(now=AUG_30)

    assert client.get(address).status_code == 404


def test_a_nul_byte_in_the_archive_address_is_a_bad_request(client):
    published_article(now=AUG_30)

    assert client.get("/luu-tru/nam-2021%00/").status_code == 400


@pytest.mark.parametrize("page", ["abc", "99999999999999999999", "-1", "0"])
def test_a_bad_page_number_shows_a_page_never_an_error(client, page):
    published_article(now=AUG_30)

    response = client.get(f"/luu-tru/nam-2021/?trang={page}")

    assert text_of(response).count("Hội nghị sơ kết Đảng ủy") == 1


def test_archive_by_year_lists_its_articles_with_months_and_years_in_vietnamese(client):
    published_article(title="Tin tháng năm", now=dt.datetime(2021, 5, 14, 2, 47, tzinfo=dt.UTC))
    published_article(title="Tin tháng tám", now=AUG_30)
    # 23:30 31/12/2020 in Hà Nội is 16:30 UTC: it belongs to 2020 there.
    published_article(title="Tin cuối năm", now=dt.datetime(2020, 12, 31, 16, 30, tzinfo=dt.UTC))

    year = client.get("/luu-tru/nam-2021/")
    month = client.get("/luu-tru/nam-2021/thang-08/")
    index = client.get("/luu-tru/")

    assert text_of(year) == (
        "Trang chủ Lưu trữ tin tức Năm 2021 Lưu trữ tin tức Năm 2021 "
        "Tin tháng tám 17:09 30/08/2021 Sáng 30/8, hội nghị đã diễn ra. "
        "Tin tháng năm 09:47 14/05/2021 Sáng 30/8, hội nghị đã diễn ra. "
        "Theo tháng Tháng 5 năm 2021 (1) Tháng 8 năm 2021 (1) Năm phát hành 2021 (2) 2020 (1)"
    )
    assert text_of(month).startswith(
        "Trang chủ Lưu trữ tin tức Năm 2021 Tháng 8 năm 2021 Lưu trữ tin tức Tháng 8 năm 2021 Tin tháng tám"
    )
    assert "Tin tháng năm" not in text_of(month)
    assert text_of(index) == "Trang chủ Lưu trữ tin tức Lưu trữ tin tức Năm phát hành 2021 (2) 2020 (1)"
    assert '<a href="/luu-tru/nam-2021/thang-08/">' in html_of(year)
    assert '<link rel="canonical" href="http://testserver/luu-tru/nam-2021/thang-08/">' in html_of(month)


def test_category_page_lists_its_years_and_filters_by_one(client):
    category = CategoryFactory(name="Hoạt động", slug="hoat-dong")
    published_article(title="Tin 2021", now=AUG_30, many_to_many={"categories": [category]})
    published_article(
        title="Tin 2020", now=AUG_30 - dt.timedelta(days=365), many_to_many={"categories": [category]}
    )
    published_article(title="Tin 2019 ngoài mục", now=AUG_30 - dt.timedelta(days=800))

    whole = client.get("/chuyen-muc/hoat-dong/")
    one_year = client.get("/chuyen-muc/hoat-dong/", {"nam": "2020"})

    assert text_of(whole).endswith("Năm phát hành 2021 (1) 2020 (1) Kênh RSS của chuyên mục")
    assert '<a href="/chuyen-muc/hoat-dong/?nam=2020">2020</a>' in html_of(whole)
    assert text_of(one_year).startswith("Trang chủ Hoạt động Hoạt động – năm 2020 Tin 2020 ")
    assert "Tin 2021" not in text_of(one_year)
    assert '<link rel="canonical" href="http://testserver/chuyen-muc/hoat-dong/?nam=2020">' in html_of(
        one_year
    )


def test_category_page_lists_and_counts_once_an_article_filed_under_it_and_its_subcategory(client):
    parent = CategoryFactory(name="Hoạt động", slug="hoat-dong")
    child = CategoryFactory(name="Hội nghị", slug="hoi-nghi", parent=parent)
    published_article(title="Tin hai mục", now=AUG_30, many_to_many={"categories": [parent, child]})
    published_article(title="Tin mục con", now=day(1), many_to_many={"categories": [child]})

    page = text_of(client.get("/chuyen-muc/hoat-dong/"))

    assert page.count("Tin hai mục") == 1
    assert page.count("Tin mục con") == 1
    assert page.endswith("Năm phát hành 2021 (2) Kênh RSS của chuyên mục")


def test_home_page_block_holds_the_latest_four_distinct_articles_of_a_category_and_its_subcategories(client):
    parent = CategoryFactory(name="Hoạt động", slug="hoat-dong", order=1)
    child = CategoryFactory(name="Hội nghị", slug="hoi-nghi", parent=parent)
    for number in range(6):
        published_article(
            title=f"Tin số {number}", now=day(number), many_to_many={"categories": [parent, child]}
        )

    page = text_of(client.get("/"))

    block = page[page.index("Hoạt động Tin số") : page.index("Đọc nhiều nhất")]
    assert re.findall(r"Tin số \d", block) == ["Tin số 5", "Tin số 4", "Tin số 3", "Tin số 2"]


@pytest.mark.parametrize("year", ["2019", "99999", "0", "abc", "２０２０", "2020\x00", ""])
def test_category_page_with_a_year_it_has_no_article_in_is_not_found(client, year):
    category = CategoryFactory(slug="hoat-dong")
    published_article(now=AUG_30 - dt.timedelta(days=365), many_to_many={"categories": [category]})

    assert client.get("/chuyen-muc/hoat-dong/", {"nam": year}).status_code in {400, 404}


@pytest.mark.parametrize("count", [2, 25])
def test_list_pages_query_count_does_not_grow_with_articles(client, django_assert_num_queries, count):
    category = CategoryFactory(slug="hoat-dong")
    tag = TagFactory(slug="nghi-quyet-35")
    organization = OrganizationFactory(slug="hoc-vien")
    for number in range(count):
        published_article(
            title=f"Tin {number}",
            now=day(number),
            source_organization=organization if number % 2 else None,
            many_to_many={"categories": [category], "tags": [tag], "organizations": [organization]},
        )

    # The tag; how many; a page.
    with django_assert_num_queries(3):
        assert client.get("/the/nghi-quyet-35/").status_code == 200
    # The category; its subcategories; its years; how many; a page.
    with django_assert_num_queries(5):
        assert client.get("/chuyen-muc/hoat-dong/").status_code == 200
    # The months; how many; a page; the years.
    with django_assert_num_queries(4):
        assert client.get("/luu-tru/nam-2021/").status_code == 200
    with django_assert_num_queries(3):
        assert client.get("/luu-tru/nam-2021/thang-08/").status_code == 200
    with django_assert_num_queries(1):
        assert client.get("/luu-tru/").status_code == 200
    # The organisation; how many; a page.
    with django_assert_num_queries(3):
        assert client.get("/to-chuc/hoc-vien/tin-tuc/").status_code == 200


def test_organisation_news_page_lists_articles_it_published_or_is_about(client):
    organization = OrganizationFactory(name="Học viện Chính trị khu vực IV", slug="hoc-vien-iv")
    published_article(title="Tin của học viện", now=day(0), source_organization=organization)
    published_article(title="Tin về học viện", now=day(1), many_to_many={"organizations": [organization]})
    published_article(
        title="Tin cả hai",
        now=day(2),
        source_organization=organization,
        many_to_many={"organizations": [organization]},
    )
    published_article(title="Tin khác", now=day(3))

    response = client.get("/to-chuc/hoc-vien-iv/tin-tuc/")

    assert [
        title
        for title in ("Tin cả hai", "Tin về học viện", "Tin của học viện", "Tin khác")
        if title in text_of(response)
    ] == ["Tin cả hai", "Tin về học viện", "Tin của học viện"]
    assert text_of(response).count("Tin cả hai") == 1
    assert text_of(response).startswith(
        "Trang chủ Tổ chức Học viện Chính trị khu vực IV Tin tức Học viện Chính trị khu vực IV Tin tức "
        "Kênh RSS của đơn vị Tin cả hai"
    )
    assert client.get("/to-chuc/khong-co/tin-tuc/").status_code == 404


# --- Feeds -------------------------------------------------------------------------------


def feed_items(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - the site's own feed
    assert root.tag == "rss" and root.get("version") == "2.0"
    return [{child.tag: child.text for child in item} for item in root.iter("item")]


def test_rss_lists_the_latest_public_articles_with_absolute_links_dates_and_leads(client):
    published_article(title="Tin một", now=day(0), lead="Lead <b>một</b> & hai")
    published_article(title="Tin hai", now=day(1), byline="Tin và ảnh: Ban Biên tập")
    draft_article(title="Tin nháp")
    hidden = published_article(title="Tin gỡ")
    article_unpublish(article=hidden, by=None)
    future = published_article(title="Tin tương lai")
    Article.objects.filter(pk=future.pk).update(published_at=timezone.now() + dt.timedelta(days=1))

    items = feed_items(client.get("/rss/"))

    assert [item["title"] for item in items] == ["Tin hai", "Tin một"]
    assert items[1]["link"] == "http://testserver/tin-tuc/tin-mot/"
    assert items[1]["description"] == "Lead <b>một</b> & hai"  # escaped in the XML, read back as text
    assert parsedate_to_datetime(items[1]["pubDate"]) == AUG_30
    assert b"Lead &lt;b&gt;m\xe1\xbb\x99t&lt;/b&gt; &amp; hai" in client.get("/rss/").content


def test_category_and_organisation_feeds_list_only_their_public_articles(client):
    category = CategoryFactory(slug="hoat-dong")
    child = CategoryFactory(parent=category)
    organization = OrganizationFactory(slug="hoc-vien")
    published_article(title="Tin mục con", now=day(0), many_to_many={"categories": [child]})
    published_article(title="Tin của đơn vị", now=day(1), source_organization=organization)
    published_article(title="Tin về đơn vị", now=day(2), many_to_many={"organizations": [organization]})
    draft_article(title="Tin nháp", source_organization=organization, many_to_many={"categories": [category]})

    in_category = feed_items(client.get("/chuyen-muc/hoat-dong/rss/"))
    of_organization = feed_items(client.get("/to-chuc/hoc-vien/rss/"))

    assert [item["title"] for item in in_category] == ["Tin mục con"]
    assert [item["title"] for item in of_organization] == ["Tin về đơn vị", "Tin của đơn vị"]
    assert all(
        item["link"].startswith("http://testserver/tin-tuc/") for item in in_category + of_organization
    )
    assert client.get("/chuyen-muc/khong-co/rss/").status_code == 404
    assert client.get("/to-chuc/khong-co/rss/").status_code == 404


@pytest.mark.parametrize("count", [2, 20])
def test_feed_query_count_does_not_grow_with_articles(client, django_assert_num_queries, count):
    for number in range(count):
        published_article(title=f"Tin {number}")

    with django_assert_num_queries(1):
        assert client.get("/rss/").status_code == 200


# --- Sitemap and robots ---------------------------------------------------------------------


def test_sitemap_covers_every_kind_of_public_news_page(client):
    category = CategoryFactory(slug="hoat-dong")
    tag = TagFactory(slug="nghi-quyet-35")
    TagFactory(slug="the-khong-dung")
    organization = OrganizationFactory(slug="hoc-vien")
    OrganizationFactory(slug="khong-co-tin")
    article = published_article(
        title="Tin công khai",
        now=AUG_30,
        source_organization=organization,
        many_to_many={"categories": [category], "tags": [tag]},
    )
    draft_article(title="Tin nháp")

    locations = all_locations(client)

    for address in (
        "/",
        "/tin-tuc/tin-cong-khai/",
        "/chuyen-muc/hoat-dong/",
        "/the/nghi-quyet-35/",
        "/luu-tru/",
        "/luu-tru/nam-2021/",
        "/luu-tru/nam-2021/thang-08/",
        "/to-chuc/hoc-vien/tin-tuc/",
    ):
        assert f"http://testserver{address}" in locations
    assert "http://testserver/tin-tuc/tin-nhap/" not in locations
    assert "http://testserver/the/the-khong-dung/" not in locations
    assert "http://testserver/to-chuc/khong-co-tin/tin-tuc/" not in locations
    section = client.get("/sitemap-articles.xml").content.decode()
    lastmod = timezone.localtime(Article.objects.get(pk=article.pk).updated_at).date().isoformat()
    assert f"<loc>http://testserver/tin-tuc/tin-cong-khai/</loc><lastmod>{lastmod}</lastmod>" in section
    ET.fromstring(client.get("/sitemap-news-archive.xml").content)  # noqa: S314 - well-formed


@pytest.mark.parametrize("count", [2, 20])
def test_news_sitemap_sections_read_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    for number in range(count):
        published_article(title=f"Tin {number}", now=day(number * 20), many_to_many={"tags": [TagFactory()]})

    with django_assert_num_queries(2):  # how many, and a page of them
        client.get("/sitemap-articles.xml")
    with django_assert_num_queries(1):  # the months
        client.get("/sitemap-news-archive.xml")


def test_robots_txt_allows_all_but_the_admin_and_search_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /tim-kiem/",
        "Disallow: /tin-tuc/xem-truoc/",
        "",
        "Sitemap: http://testserver/sitemap.xml",
    ]


# --- Article page metadata -----------------------------------------------------------------


def json_ld_of(page: str) -> dict:
    found = re.findall(r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', page, re.S)
    assert len(found) == 1
    return json.loads(found[0])


def test_article_page_has_canonical_opengraph_twitter_and_news_article_json_ld(client):
    category, tag = CategoryFactory(name="Hoạt động"), TagFactory(name="Nghị quyết 35")
    article = published_article(
        now=AUG_30,
        title="Hội nghị sơ kết 18 tháng",
        byline="Tin và ảnh: Ban Biên tập",
        lead="Chiều 30/8, Học viện tổ chức hội nghị.",
        cover="news/covers/hoi-nghi.jpg",
        cover_alt="Toàn cảnh hội nghị",
        many_to_many={"categories": [category], "tags": [tag]},
    )
    updated = timezone.localtime(Article.objects.get(pk=article.pk).updated_at).isoformat()

    page = html_of(client.get("/tin-tuc/hoi-nghi-so-ket-18-thang/?utm_source=zalo"))

    url = "http://testserver/tin-tuc/hoi-nghi-so-ket-18-thang/"
    for tag_html in (
        f'<link rel="canonical" href="{url}">',
        '<meta property="og:type" content="article">',
        '<meta property="og:title" content="Hội nghị sơ kết 18 tháng">',
        '<meta property="og:description" content="Chiều 30/8, Học viện tổ chức hội nghị.">',
        f'<meta property="og:url" content="{url}">',
        '<meta property="og:image" content="http://testserver/media/news/covers/hoi-nghi.jpg">',
        '<meta property="article:published_time" content="2021-08-30T17:09:00+07:00">',
        f'<meta property="article:modified_time" content="{updated}">',
        '<meta property="article:section" content="Hoạt động">',
        '<meta property="article:tag" content="Nghị quyết 35">',
        '<meta name="twitter:card" content="summary_large_image">',
    ):
        assert tag_html in page
    assert json_ld_of(page) == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Hội nghị sơ kết 18 tháng",
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": "2021-08-30T17:09:00+07:00",
        "dateModified": updated,
        "inLanguage": "vi",
        "publisher": {
            "@type": "Organization",
            "name": "Cổng thông tin Ban Chỉ đạo 35",
            "url": "http://testserver/",
        },
        "description": "Chiều 30/8, Học viện tổ chức hội nghị.",
        "author": {"@type": "Person", "name": "Tin và ảnh: Ban Biên tập"},
        "image": ["http://testserver/media/news/covers/hoi-nghi.jpg"],
        "articleSection": ["Hoạt động"],
        "keywords": ["Nghị quyết 35"],
    }


def test_json_ld_of_a_hostile_title_cannot_end_its_script_element(client):
    article = published_article(title='</script><script>alert(1)</script> & "x"', now=AUG_30)

    page = html_of(client.get(article.get_absolute_url()))

    assert "<script>alert(1)" not in page
    assert json_ld_of(page)["headline"] == '</script><script>alert(1)</script> & "x"'
    assert (
        '<meta property="og:title" '
        'content="&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;">' in page
    )


def test_the_json_ld_nonce_is_the_one_of_the_response_policy(client):
    article = published_article(now=AUG_30)

    response = client.get(article.get_absolute_url())

    nonce = re.search(r'<script type="application/ld\+json" nonce="([^"]+)">', html_of(response))[1]
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_article_of_an_organisation_without_byline_names_it_as_author_and_has_a_summary_card(client):
    organization = OrganizationFactory(name="Học viện Chính trị khu vực IV", slug="hoc-vien-iv")
    article = published_article(now=AUG_30, source_organization=organization)

    page = html_of(client.get(article.get_absolute_url()))

    assert json_ld_of(page)["author"] == {
        "@type": "Organization",
        "name": "Học viện Chính trị khu vực IV",
        "url": "http://testserver/to-chuc/hoc-vien-iv/",
    }
    assert '<meta name="twitter:card" content="summary">' in page
    assert "og:image" not in page


# --- Panels on the lower apps' pages --------------------------------------------------------


def test_lower_apps_pages_list_the_articles_about_their_record(client):
    organization = OrganizationFactory()
    person = PersonFactory()
    event = EventFactory()
    decision = DecisionFactory()
    agreement = agreement_in_force()
    published_article(
        title="Tin liên quan",
        now=AUG_30,
        many_to_many={
            "organizations": [organization],
            "people": [person],
            "events": [event],
            "decisions": [decision],
            "agreements": [agreement],
        },
    )
    draft_article(
        title="Tin nháp liên quan",
        many_to_many={"organizations": [organization], "people": [person], "events": [event]},
    )

    for record in (person, event, decision, agreement):
        page = text_of(client.get(record.get_absolute_url()))
        assert "Tin tức liên quan Tin liên quan 17:09 30/08/2021" in page, record
        assert "Tin nháp liên quan" not in page
    page = text_of(client.get(organization.get_absolute_url()))
    assert "Tin tức Tin liên quan 17:09 30/08/2021 Kênh RSS của đơn vị" in page


def test_lower_apps_pages_have_no_news_panel_when_no_article_links_them(client):
    organization, person, event, decision = (
        OrganizationFactory(),
        PersonFactory(),
        EventFactory(),
        DecisionFactory(),
    )
    agreement = agreement_in_force()
    published_article(title="Tin khác", now=AUG_30)

    for record in (organization, person, event, decision, agreement):
        page = html_of(client.get(record.get_absolute_url()))
        assert "Tin khác" not in page
        assert 'id="tin-lien-quan"' not in page
        assert 'id="tin-tuc"' not in page


@pytest.mark.parametrize("count", [1, 8])
def test_news_panels_read_one_query_whatever_the_number_of_articles(client, django_assert_num_queries, count):
    organization = OrganizationFactory()
    for number in range(count):
        published_article(
            title=f"Tin {number}", now=day(number), many_to_many={"organizations": [organization]}
        )
    links = Article.objects.filter(organizations=organization)
    assert links.count() == count

    # The registry's own 7 and its sources, events and agreements one each (see
    # tests/events/test_views.py), news one.
    with django_assert_num_queries(7 + 1 + 1 + 1 + 1):
        response = client.get(organization.get_absolute_url())
    assert text_of(response).count("Tin ") >= min(count, 5)
    assert ("Tất cả tin tức của đơn vị" in text_of(response)) == (count > 5)
