"""The five source articles published by `load_demo` (portal/news/demo), after the other apps' demos."""

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from portal.news.demo import ARTICLES
from portal.news.models import Article, ArticleRevision, ArticleStatus, Category, Tag
from portal.news.renditions import image_names
from tests.pages import html_of, text_of

pytestmark = pytest.mark.django_db

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
FURNITURE = (
    "xem cỡ chữ",
    "In trang",
    "lượt xem",
    "Năm phát hành",
    "Đang truy cập",
    "Hôm nay:",
    "Tháng hiện tại",
    "Tổng lượt truy cập",
    "Phản hồi",
    "Các tin khác",
    "Mới nhất",
    "Xem nhiều nhất",
    "Tin cùng chuyên mục",
    "Banner",
    "Hội nghị giao ban báo chí tháng",  # a title from 003's list of other news
)


@pytest.fixture
def loaded(demo_data):
    """The demo, loaded once for the module (tests/conftest.py)."""
    return demo_data


def article(number: str) -> Article:
    title = next(spec.title for spec in ARTICLES if spec.number == number)
    return Article.objects.get(title=title)


def local(value: dt.datetime) -> str:
    return f"{timezone.localtime(value, LOCAL):%H:%M %d/%m/%Y}"


def test_the_five_articles_are_published_with_their_exact_titles(loaded):
    published = Article.objects.filter(status=ArticleStatus.PUBLISHED)
    assert set(published.values_list("title", flat=True)) == {
        "Hội nghị Sơ kết việc thực hiện Quy chế phối hợp giữa Học viện Chính trị khu vực IV và Ban Tuyên "
        "giáo các tỉnh, thành ủy khu vực Tây Nam Bộ trong thực hiện Nghị quyết số 35-NQ/TW",
        "Hội nghị công bố các Quyết định của Ban Chỉ đạo 35 của Học viện Chính trị khu vực II và triển khai "
        "hoạt động xây dựng các Quy chế thực hiện theo Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính "
        "trị",
        "Hội nghị sơ kết các mặt công tác 6 tháng đầu năm 2021 và phương hướng 6 tháng cuối năm 2021",
        "Kết quả triển khai Nghị quyết số 35-NQ/TW của Bộ Chính trị ở Đảng bộ Học viện Chính trị khu vực I",
        "Ký kết chương trình phối hợp giữa Ban Tuyên giáo Tỉnh ủy và Trường Chính trị tỉnh",
    }
    assert Article.objects.count() == 5


def test_articles_are_dated_as_their_pages_and_events_give(loaded):
    assert {number: local(article(number).published_at) for number in ("000", "001", "003", "004")} == {
        "000": "17:09 30/08/2021",
        "001": "09:47 14/05/2021",
        "003": "17:00 19/11/2024",  # "Chiều ngày 19/11/2024": the end of that afternoon
        "004": "10:55 08/07/2021",
    }
    # 002 gives no date: published when the demo was loaded.
    assert loaded.started <= article("002").published_at <= loaded.finished


def test_each_article_keeps_its_lead_byline_and_source(loaded):
    assert {
        number: (article(number).byline, article(number).source_organization.slug)
        for number in ("000", "001", "002", "003", "004")
    } == {
        "000": ("Tác giả: Học viện Chính trị khu vực IV", "hoc-vien-chinh-tri-khu-vuc-iv"),
        "001": ("Tin và ảnh: Đức Anh", "hoc-vien-chinh-tri-khu-vuc-ii"),
        "002": ("", "hoc-vien-chinh-tri-khu-vuc-i"),
        "003": ("Ái Vân, Ban Tuyên giáo Tỉnh ủy", "ban-tuyen-giao-tinh-uy-nghe-an"),
        "004": ("Tác giả: hcma1.hcma.vn", "hoc-vien-chinh-tri-khu-vuc-ii"),
    }
    assert article("000").lead.startswith(
        "Ngày 25/8/2021, bằng hình thức trực tuyến, Học viện Chính trị khu vực IV"
    )
    assert article("003").lead.startswith("Chiều ngày 19/11/2024, Ban Tuyên giáo Tỉnh ủy phối hợp")


def test_bodies_hold_the_paragraphs_and_no_page_furniture(loaded):
    for spec in ARTICLES:
        body = article(spec.number).body
        assert [word for word in FURNITURE if word.lower() in body.lower()] == [], spec.number
        assert not re.search(r"lượt xem|\b\d{4,}\b(?=</p>)", body)
    # The last paragraphs, as printed.
    assert article("000").body.endswith("đã góp phần quan trọng cho sự thành công của hội nghị./.</p>")
    assert article("001").body.endswith("<p>Hội nghị kết thúc chiều cùng ngày./.</p>")
    assert article("003").body.endswith(
        "<p>Tại hội nghị, Ban Tuyên giáo Tỉnh ủy và Trường Chính trị tỉnh ký kết nội dung phối hợp công tác "
        "năm 2025.</p>"
    )
    assert article("002").body.count("<p>") == 24
    assert "Tác giả" not in article("000").body and "Tin và ảnh" not in article("001").body


def test_photo_captions_are_figures_with_generated_images_and_the_first_is_the_cover(loaded):
    figures = {
        spec.number: re.findall(r"<figcaption>(.*?)</figcaption>", article(spec.number).body)
        for spec in ARTICLES
    }

    assert {number: len(captions) for number, captions in figures.items()} == {
        "000": 2,
        "001": 1,
        "002": 0,
        "003": 0,
        "004": 5,
    }
    assert figures["000"][0] == (
        "PGS,TS Lê Văn Lợi, Phó Giám đốc, Phó Trưởng Ban Chỉ đạo 35 Học viện Chính trị quốc gia Hồ Chí Minh "
        "phát biểu tại Hội nghị"
    )
    assert article("000").cover_caption.startswith("Toàn cảnh Hội nghị Sơ kết Quy chế phối hợp")
    assert (article("002").cover_caption, article("002").cover_alt) == ("Ảnh minh họa.", "Ảnh minh họa")
    assert not article("003").cover
    for number in ("000", "001", "002", "004"):
        with default_storage.open(article(number).cover.name) as file, Image.open(file) as image:
            assert (image.format, image.size) == ("JPEG", (1600, 1000))
    assert all(
        re.fullmatch(r"news/images/[0-9a-f]{32}\.jpg", name)
        for name in image_names(cover="", body=article("004").body)
    )


def test_each_article_has_categories_tags_and_the_records_it_reports_on(loaded):
    def slugs(manager):
        return sorted(manager.values_list("slug", flat=True))

    kv4 = article("000")
    assert slugs(kv4.categories) == ["hoi-nghi-hoi-thao", "phoi-hop-thuc-hien"]
    assert slugs(kv4.events) == ["hoi-nghi-so-ket-quy-che-phoi-hop-kv-iv-tay-nam-bo-2021"]
    assert slugs(kv4.agreements) == [
        "quy-che-phoi-hop-kv-iv-ban-tuyen-giao-tay-nam-bo-thuc-hien-nghi-quyet-35"
    ]
    assert kv4.people.count() == 7
    assert slugs(article("001").decisions) == sorted(
        [
            "quyet-dinh-thanh-lap-to-tham-muu-dinh-huong-va-bien-tap-bai-viet-dau-tranh-tren-khong-gian-mang-kv-ii",
            "quyet-dinh-cong-nhan-cac-hoat-dong-cong-cu-dau-tranh-tren-khong-gian-mang-kv-ii",
            "quyet-dinh-thanh-lap-to-xay-dung-cac-quy-che-hoat-dong-cua-ban-chi-dao-kv-ii",
        ]
    )
    assert slugs(article("003").agreements) == [
        "chuong-trinh-phoi-hop-2023-2024-ban-tuyen-giao-truong-chinh-tri-nghe-an",
        "chuong-trinh-phoi-hop-2025-ban-tuyen-giao-truong-chinh-tri-nghe-an",
    ]
    assert slugs(article("004").people) == sorted(
        [
            "hoang-phuc-lam",
            "vu-thi-thanh-xuan",
            "nguyen-quoc-dung",
            "nguyen-tan-vinh",
            "nguyen-thi-tuyet-mai",
            "nguyen-dinh-phuc",
            "pham-thi-pha-le",
        ]
    )
    assert slugs(article("002").people) == ["vu-van-hien"]
    # Every link the data names was found: none silently missing.
    for spec in ARTICLES:
        saved = article(spec.number)
        for name in ("events", "agreements", "organizations", "people", "decisions"):
            assert slugs(getattr(saved, name)) == sorted(getattr(spec, name)), (spec.number, name)
        assert saved.categories.exists() and saved.tags.exists()


def test_categories_are_a_small_ordered_tree(loaded):
    tree = [
        (category.parent.name if category.parent else None, category.name)
        for category in Category.objects.select_related("parent").order_by("parent__order", "order")
    ]
    assert sorted(tree, key=str) == sorted(
        [
            (None, "Tin hoạt động"),
            ("Tin hoạt động", "Hội nghị, hội thảo"),
            ("Tin hoạt động", "Phối hợp thực hiện"),
            (None, "Thực hiện Nghị quyết 35"),
            ("Thực hiện Nghị quyết 35", "Kết quả, kinh nghiệm"),
            (None, "Văn bản chỉ đạo"),
        ],
        key=str,
    )
    assert Tag.objects.get(slug="nghi-quyet-35-nq-tw").articles.count() == 5


def test_renditions_are_made_for_every_demo_image(loaded):
    for spec in ARTICLES:
        saved = article(spec.number)
        names = image_names(cover=saved.cover.name or "", body=saved.body)
        assert sorted(saved.renditions) == sorted(names), spec.number
        assert saved.renditions_due is False
        for name in names:
            entry = saved.renditions[name]
            assert [width for width, _ in entry["webp"]] == [480, 960, 1600]
            assert entry["original"][-1] == [1600, name]
            assert all(
                default_storage.exists(rendition) for _, rendition in entry["webp"] + entry["original"]
            )
    assert sum(len(article(spec.number).renditions) for spec in ARTICLES) == 12


def test_the_article_page_shows_the_demo_article_with_its_pictures(loaded, client):
    response = client.get(article("004").get_absolute_url())

    page = html_of(response)
    text = text_of(response)
    assert "10:55 08/07/2021" in text and "Tác giả: hcma1.hcma.vn" in text
    assert "Sáng ngày 02/7/2021, Học viện Chính trị khu vực II trang trọng tổ chức" in text
    assert page.count("<picture>") == 6
    assert page.count('loading="lazy"') == 5


def test_loading_again_changes_nothing(loaded):
    before = {
        spec.number: (
            Article.objects.filter(pk=article(spec.number).pk).values().get(),
            sorted(default_storage.listdir("news/images")[1]),
        )
        for spec in ARTICLES
    }
    revisions = ArticleRevision.objects.count()

    with CaptureQueriesContext(connection) as queries:
        call_command("load_demo", stdout=io.StringIO())

    writes = [q["sql"] for q in queries if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]
    assert [sql for sql in writes if "news_" in sql] == []
    assert ArticleRevision.objects.count() == revisions
    assert {
        spec.number: (
            Article.objects.filter(pk=article(spec.number).pk).values().get(),
            sorted(default_storage.listdir("news/images")[1]),
        )
        for spec in ARTICLES
    } == before
