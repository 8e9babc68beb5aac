"""The articles' spreadsheet: metadata exported, never imported, escaped, in Hà Nội time."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from portal.exchange import registry
from portal.exchange.formats import write_csv, write_xlsx
from portal.news.models import Article
from portal.news.resources import ArticleResource
from tests.committees.factories import OrganizationFactory
from tests.events.factories import EventFactory
from tests.news.factories import CategoryFactory, TagFactory, draft_article, published_article

pytestmark = pytest.mark.django_db


def test_articles_are_registered_for_export_only():
    assert registry.entry_for(Article).resource is ArticleResource
    assert registry.entry_for(Article).importable is False


@pytest.fixture
def articles():
    category = CategoryFactory(name="Hoạt động")
    tags = [TagFactory(name="Nghị quyết 35"), TagFactory(name="Tây Nguyên")]
    event = EventFactory(title="Hội nghị sơ kết")
    published = published_article(
        title="=Hội nghị sơ kết 5 năm",
        slug="hoi-nghi-so-ket",
        byline="Minh Anh",
        source_organization=OrganizationFactory(name="Học viện Chính trị khu vực I"),
        many_to_many={"categories": [category], "tags": tags, "events": [event]},
        now=dt.datetime(2024, 3, 4, 23, 15, tzinfo=dt.UTC),
    )
    draft = draft_article(title="@Bản thảo", slug="ban-thao")
    return published, draft


def test_export_cells_read_back_with_openpyxl(articles, django_assert_num_queries):
    resource = ArticleResource()
    stream = io.BytesIO()
    # The articles, then their categories, tags and events: one query each.
    with django_assert_num_queries(4):
        write_xlsx(stream, resource.export_headers(), resource.export_rows(Article.objects.order_by("pk")))
    sheet = load_workbook(io.BytesIO(stream.getvalue())).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows == [
        [
            "Tiêu đề",
            "Đường dẫn rút gọn",
            "Trạng thái",
            "Tác giả",
            "Đơn vị cung cấp tin",
            "Thời điểm đăng",
            "Chuyên mục",
            "Thẻ",
            "Sự kiện liên quan",
            "Địa chỉ trang",
        ],
        [
            "'=Hội nghị sơ kết 5 năm",
            "hoi-nghi-so-ket",
            "đã xuất bản",
            "Minh Anh",
            "Học viện Chính trị khu vực I",
            # 23:15 UTC is 06:15 the next morning in Hà Nội.
            dt.datetime(2024, 3, 5, 6, 15),  # noqa: DTZ001 - a workbook cell is naive
            "Hoạt động",
            "Nghị quyết 35; Tây Nguyên",
            "Hội nghị sơ kết",
            "/tin-tuc/hoi-nghi-so-ket/",
        ],
        ["'@Bản thảo", "ban-thao", "bản nháp", None, None, None, None, None, None, None],
    ]
    assert sheet["A2"].data_type == "s"
    assert sheet["F2"].number_format == "DD/MM/YYYY HH:MM"


def test_csv_export_writes_hanoi_time_and_escapes(articles):
    resource = ArticleResource()
    text = io.StringIO()
    write_csv(text, resource.export_headers(), resource.export_rows(Article.objects.order_by("pk")))
    lines = text.getvalue().splitlines()
    assert lines[1].split(",")[:6] == [
        "'=Hội nghị sơ kết 5 năm",
        "hoi-nghi-so-ket",
        "đã xuất bản",
        "Minh Anh",
        "Học viện Chính trị khu vực I",
        "05/03/2024 06:15",
    ]
