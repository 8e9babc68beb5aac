"""The article page's furniture: breadcrumbs, views, tools, share links, related records, the
lists of other news, and a query count that does not grow with the number of articles."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User

from agreements.models import Agreement
from portal.news.models import Article
from portal.news.services import feedback_moderate, feedback_submit
from tests.agreements.factories import AgreementFactory
from tests.committees.factories import DecisionFactory, OrganizationFactory, PersonFactory
from tests.events.factories import EventFactory
from tests.news.factories import CategoryFactory, TagFactory, draft_article, published_article
from tests.pages import html_of, text_of

pytestmark = pytest.mark.django_db
# 17:09 30/08/2021 in Hà Nội.
AUG_30 = dt.datetime(2021, 8, 30, 10, 9, tzinfo=dt.UTC)


def section(page: str, heading_id: str) -> str:
    """The HTML of the <section> labelled by `heading_id`."""
    start = page.index(f'aria-labelledby="{heading_id}"')
    return page[start : page.index("</section>", start)]


def titles_in(html: str) -> list[str]:
    return re.findall(r'<a href="/tin-tuc/[^"]+/">([^<]+)</a>', html)


def test_breadcrumbs_follow_the_category_path_from_home_to_the_title(client):
    top = CategoryFactory(name="Tin tức")
    middle = CategoryFactory(name="Hoạt động", parent=top)
    bottom = CategoryFactory(name="Hội nghị", parent=middle)
    published_article(title="Hội nghị sơ kết", many_to_many={"categories": [bottom]})

    page = html_of(client.get("/tin-tuc/hoi-nghi-so-ket/"))

    crumbs = page[page.index('class="breadcrumbs"') : page.index("</nav>", page.index('class="breadcrumbs"'))]
    assert re.findall(r"<li>(?:<a [^>]+>)?([^<]+)", crumbs) + re.findall(
        r'<li aria-current="page">([^<]+)', crumbs
    ) == ["Trang chủ", "Tin tức", "Hoạt động", "Hội nghị", "Hội nghị sơ kết"]
    assert f'<a href="{top.get_absolute_url()}">Tin tức</a>' in crumbs


def test_article_page_shows_time_views_byline_and_the_text_size_and_print_buttons_for_scripts(client):
    article = published_article(now=AUG_30, title="Hội nghị", byline="Tác giả: Lê Văn Hòa")
    Article.objects.filter(pk=article.pk).update(view_count=1234)

    response = client.get(article.get_absolute_url())

    page = html_of(response)
    assert text_of(response).startswith(
        "Trang chủ Hội nghị Hội nghị 17:09 30/08/2021 1.234 lượt xem Tác giả: Lê Văn Hòa "
        "Cỡ chữ A− A A+ In trang Sáng 30/8, hội nghị đã diễn ra."
    )
    # The buttons need the script: hidden until static/js/article.js shows them.
    assert '<div class="article-tools" data-article-tools hidden>' in page
    assert 'aria-label="Phóng to chữ">A+</button>' in page
    assert re.search(r'<script src="/static/js/article\.[0-9a-f]+\.js" defer></script>', page)
    assert re.search(r'<link rel="stylesheet" href="/static/css/article\.[0-9a-f]+\.css">', page)
    # No inline script nor style: the policy would block them.
    # (The JSON-LD in the <head> is data the browser never runs: tests/news/test_site.py.)
    assert re.findall(r'<script(?![^>]*\bsrc=)(?![^>]*type="application/ld\+json")[^>]*>', page) == []
    assert " style=" not in page and "<style" not in page


def test_share_links_are_plain_links_carrying_the_article_address(client):
    article = published_article(title="Hội nghị & tọa đàm")

    page = html_of(client.get(article.get_absolute_url()))

    share = section(page, "chia-se")
    url = "http%3A%2F%2Ftestserver%2Ftin-tuc%2Fhoi-nghi-toa-dam%2F"
    assert re.findall(r'href="([^"]+)"', share) == [
        f"https://www.facebook.com/sharer/sharer.php?u={url}",
        f"https://sp.zalo.me/share?url={url}",
        f"https://twitter.com/intent/tweet?url={url}&amp;text=H%E1%BB%99i%20ngh%E1%BB%8B%20%26%20t%E1%BB%8Da%20%C4%91%C3%A0m",
        f"mailto:?subject=H%E1%BB%99i%20ngh%E1%BB%8B%20%26%20t%E1%BB%8Da%20%C4%91%C3%A0m&amp;body={url}",
    ]
    assert 'data-copy-link="http://testserver/tin-tuc/hoi-nghi-toa-dam/"' in share
    assert "<script" not in share and "<iframe" not in share


def test_related_records_link_to_their_pages(client):
    event = EventFactory(title="Hội nghị Ban Chỉ đạo 35", slug="hoi-nghi-bcd35")
    agreement = AgreementFactory(title="Quy chế phối hợp 2021", slug="quy-che-2021")
    organization = OrganizationFactory(name="Học viện Báo chí và Tuyên truyền", slug="hv-bao-chi")
    person = PersonFactory(full_name="Nguyễn Xuân Thắng", slug="nguyen-xuan-thang")
    decision = DecisionFactory(title="Quyết định thành lập Tổ giúp việc", slug="qd-to-giup-viec")
    article = published_article(
        title="Tin có hồ sơ",
        many_to_many={
            "events": [event],
            "agreements": [agreement],
            "organizations": [organization],
            "people": [person],
            "decisions": [decision],
        },
    )

    page = html_of(client.get(article.get_absolute_url()))

    related = section(page, "ho-so-lien-quan")
    assert re.findall(r"<dt>([^<]+)</dt><dd><a href=\"([^\"]+)\">([^<]+)</a>", related) == [
        ("Sự kiện", "/su-kien/hoi-nghi-bcd35/", str(event)),
        ("Văn bản phối hợp", agreement.get_absolute_url(), "Quy chế phối hợp 2021"),
        ("Tổ chức", "/to-chuc/hv-bao-chi/", "Học viện Báo chí và Tuyên truyền"),
        ("Nhân sự", person.get_absolute_url(), str(person)),
        ("Quyết định", decision.get_absolute_url(), str(decision)),
    ]


def test_an_article_with_no_related_records_shows_no_such_section(client):
    article = published_article(title="Tin thường")

    assert 'id="ho-so-lien-quan"' not in html_of(client.get(article.get_absolute_url()))


def test_same_category_and_other_news_list_the_latest_public_articles_without_this_one(client):
    category, other = CategoryFactory(), CategoryFactory()
    day = dt.timedelta(days=1)
    this = published_article(title="Tin này", now=AUG_30, many_to_many={"categories": [category]})
    for number in range(6):  # one more than the list shows
        published_article(
            title=f"Cùng mục {number}", now=AUG_30 + number * day, many_to_many={"categories": [category]}
        )
    published_article(title="Mục khác", now=AUG_30 - day, many_to_many={"categories": [other]})
    published_article(title="Không mục", now=AUG_30 - 2 * day)
    draft_article(title="Bản nháp", many_to_many={"categories": [category]})

    page = html_of(client.get(this.get_absolute_url()))

    assert titles_in(section(page, "cung-chuyen-muc")) == [f"Cùng mục {n}" for n in (5, 4, 3, 2, 1)]
    # The latest besides this one and those listed above it.
    assert titles_in(section(page, "tin-khac")) == ["Cùng mục 0", "Mục khác", "Không mục"]


def test_an_article_without_category_lists_only_other_news(client):
    published_article(title="Tin trước", now=AUG_30)
    article = published_article(title="Tin không mục", now=AUG_30 + dt.timedelta(hours=1))

    page = html_of(client.get(article.get_absolute_url()))

    assert 'id="cung-chuyen-muc"' not in page
    assert titles_in(section(page, "tin-khac")) == ["Tin trước"]


@pytest.mark.parametrize("count", [1, 8])
def test_article_page_query_count_is_fixed_whatever_the_number_of_articles(
    client, django_assert_num_queries, count
):
    parent = CategoryFactory()
    category = CategoryFactory(parent=parent)
    chief = User.objects.create_superuser("chief")
    for number in range(count):
        article = published_article(
            title=f"Tin {number}",
            many_to_many={
                "categories": [category],
                "tags": [TagFactory()],
                "events": [EventFactory()],
                "agreements": [AgreementFactory()],
                "organizations": [OrganizationFactory()],
                "people": [PersonFactory()],
                "decisions": [DecisionFactory()],
            },
        )
        feedback = feedback_submit(
            article=article, name="Bạn đọc", email="a@example.vn", message="Hay", ip=f"10.0.0.{number}"
        )
        feedback_moderate(feedback=feedback, by=chief, approve=True)
    assert Agreement.objects.count() == count

    # The article with its organisation; its categories, tags, events, agreements, organisations,
    # people and decisions; the category tree (breadcrumbs); the same category; other news; the
    # approved feedback.
    with django_assert_num_queries(12):
        response = client.get("/tin-tuc/tin-0/")
    assert response.status_code == 200
