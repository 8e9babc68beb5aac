import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone, translation

from portal.news.indexing import search_rebuild
from portal.news.models import Article, SearchEntry, SearchKind
from portal.news.services import article_approve, article_save, article_submit, article_unpublish
from tests.committees.factories import LegalDocumentFactory, OrganizationFactory, PersonFactory
from tests.events.factories import EventFactory
from tests.news.factories import CategoryFactory, draft_article, published_article
from tests.pages import html_of, text_of

pytestmark = pytest.mark.django_db
# 17:09 30/08/2021 in Hà Nội.
AUG_30 = dt.datetime(2021, 8, 30, 10, 9, tzinfo=dt.UTC)


def titles(response) -> list[str]:
    """The titles of the hits listed, as a reader sees them, in order."""
    page = html_of(response)
    found = []
    for part in page.split('<h3 class="search-hit__title">')[1:]:
        link = part[: part.index("</h3>")]
        found.append(
            link[link.index(">") + 1 : link.rindex("</a>")].replace("<mark>", "").replace("</mark>", "")
        )
    return found


@pytest.mark.parametrize(
    "typed", ["hoi nghi so ket", "Hội nghị sơ kết", "HOI NGHI so KẾT", "hội nghi so ket"]
)
def test_typing_without_diacritics_finds_the_article_written_with_them(client, typed):
    published_article(title="Hội nghị sơ kết 18 tháng", now=AUG_30)
    published_article(title="Tọa đàm khoa học", now=AUG_30)

    assert titles(client.get("/tim-kiem/", {"q": typed})) == ["Hội nghị sơ kết 18 tháng"]


@pytest.mark.parametrize("typed", ["dang uy", "ĐẢNG ỦY", "Đảng uy", "dảng ủy"])
def test_d_with_stroke_is_found_as_d(client, typed):
    published_article(title="Đảng ủy Học viện họp phiên thường kỳ", now=AUG_30)

    assert titles(client.get("/tim-kiem/", {"q": typed})) == ["Đảng ủy Học viện họp phiên thường kỳ"]


def test_every_word_must_be_found_whole_in_the_title_or_the_text(client):
    published_article(title="Hội nghị", lead="Sơ kết một năm.", body="<p>Đảng ủy</p>", now=AUG_30)
    published_article(title="Hội nghị Sơn La", lead="", body="<p>Kết luận</p>", now=AUG_30)

    assert titles(client.get("/tim-kiem/", {"q": "hoi nghi so ket dang uy"})) == ["Hội nghị"]
    assert titles(client.get("/tim-kiem/", {"q": "hoi nghi so"})) == ["Hội nghị"]


def test_words_in_the_html_body_are_found_but_not_its_tags(client):
    published_article(title="Tin một", body='<p>Nội dung <a href="/tai-lieu/">tài liệu</a></p>', now=AUG_30)

    assert titles(client.get("/tim-kiem/", {"q": "tai lieu"})) == ["Tin một"]
    assert titles(client.get("/tim-kiem/", {"q": "href"})) == []


def test_a_title_match_ranks_above_a_text_match_whatever_the_dates(client):
    published_article(title="Tin mới", body="<p>Hội nghị sơ kết.</p>", now=AUG_30 + dt.timedelta(days=30))
    published_article(title="Hội nghị sơ kết", body="<p>Nội dung.</p>", now=AUG_30)

    assert titles(client.get("/tim-kiem/", {"q": "hoi nghi so ket"})) == ["Hội nghị sơ kết", "Tin mới"]


def test_equally_relevant_articles_are_listed_latest_first(client):
    for day in (1, 3, 2):
        published_article(title=f"Hội nghị ngày {day}", now=AUG_30 + dt.timedelta(days=day))

    assert titles(client.get("/tim-kiem/", {"q": "hoi nghi"})) == [
        "Hội nghị ngày 3",
        "Hội nghị ngày 2",
        "Hội nghị ngày 1",
    ]


def test_matched_words_are_marked_and_everything_else_escaped(client):
    published_article(
        title="<script>alert(1)</script> Đảng ủy",
        lead="Chiều nay <b>Đảng ủy</b> họp & bàn.",
        body="",
        now=AUG_30,
    )

    page = html_of(client.get("/tim-kiem/", {"q": "dang uy"}))

    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Đảng</mark> <mark>ủy</mark></a>" in page
    assert "Chiều nay &lt;b&gt;<mark>Đảng</mark> <mark>ủy</mark>&lt;/b&gt; họp &amp; bàn." in page
    assert "<script>alert" not in page


def test_the_query_typed_is_escaped_in_the_page(client):
    response = client.get("/tim-kiem/", {"q": '"><script>alert(1)</script>'})

    page = html_of(response)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize("state", ["draft", "submitted", "scheduled", "unpublished", "future"])
def test_an_article_not_public_is_never_found(client, state):
    article = draft_article(title="Bí mật Đảng ủy", publish_at=timezone.now() + dt.timedelta(days=1))
    if state != "draft":
        article_submit(article=article, by=None)
    if state in {"scheduled", "unpublished"}:
        article_approve(article=article, by=None)
    if state == "unpublished":
        article_unpublish(article=article, by=None)
    if state == "future":  # published, but dated ahead (the beat task would not do this)
        article_approve(article=article, by=None, now=timezone.now() + dt.timedelta(days=2))
        Article.objects.filter(pk=article.pk).update(published_at=article.publish_at)
        search_rebuild()
        assert SearchEntry.objects.filter(kind=SearchKind.ARTICLE).count() == 1

    assert titles(client.get("/tim-kiem/", {"q": "bi mat"})) == []


def test_an_article_unpublished_leaves_the_search_and_an_edit_is_found_at_once(
    client, django_capture_on_commit_callbacks
):
    article = published_article(title="Tin cũ", now=AUG_30)
    article.title = "Tin đã sửa"
    article_save(article=article, by=None)

    assert titles(client.get("/tim-kiem/", {"q": "da sua"})) == ["Tin đã sửa"]
    assert titles(client.get("/tim-kiem/", {"q": "tin cu"})) == []
    with django_capture_on_commit_callbacks(execute=True):  # the cached page is dropped on commit
        article_unpublish(article=article, by=None)
    assert titles(client.get("/tim-kiem/", {"q": "da sua"})) == []


def test_filter_by_category_includes_its_subcategories(client):
    parent = CategoryFactory(name="Tin tức", slug="tin-tuc")
    child = CategoryFactory(name="Hội nghị", parent=parent)
    published_article(title="Hội nghị cha", now=AUG_30, many_to_many={"categories": [parent]})
    published_article(title="Hội nghị con", now=AUG_30, many_to_many={"categories": [child]})
    published_article(title="Hội nghị khác", now=AUG_30, many_to_many={"categories": [CategoryFactory()]})

    found = titles(client.get("/tim-kiem/", {"q": "hoi nghi", "chuyen_muc": "tin-tuc"}))

    assert sorted(found) == ["Hội nghị cha", "Hội nghị con"]


def test_filter_by_dates_in_ha_noi_time_both_ends_included(client):
    # 23:30 29/08 and 00:30 31/08 in Hà Nội, either side of 30/08 and 31/08 (UTC+7).
    published_article(title="Hội nghị 29", now=dt.datetime(2021, 8, 29, 16, 30, tzinfo=dt.UTC))
    published_article(title="Hội nghị 30", now=AUG_30)
    published_article(title="Hội nghị 31", now=dt.datetime(2021, 8, 30, 17, 30, tzinfo=dt.UTC))
    published_article(title="Hội nghị 01", now=dt.datetime(2021, 8, 31, 17, 30, tzinfo=dt.UTC))

    found = titles(
        client.get("/tim-kiem/", {"q": "hoi nghi", "tu_ngay": "30/08/2021", "den_ngay": "31/08/2021"})
    )

    assert found == ["Hội nghị 31", "Hội nghị 30"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"tu_ngay": "31/02/2021"}, "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 30/08/2021."),
        ({"tu_ngay": "01/01/99999"}, "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 30/08/2021."),
        ({"den_ngay": "2021-08-30"}, "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 30/08/2021."),
        ({"tu_ngay": "02/01/2021", "den_ngay": "01/01/2021"}, "Ngày kết thúc không được trước ngày bắt đầu."),
        ({"chuyen_muc": "khong-co"}, "Hãy chọn một chuyên mục trong danh sách."),
        ({"q": "x" * 500}, "Chỉ nhập tối đa 200 ký tự để tìm kiếm."),
    ],
)
def test_bad_input_is_a_clear_form_error_not_a_server_error(client, params, message):
    published_article(title="Hội nghị", now=AUG_30)

    response = client.get("/tim-kiem/", {"q": "hoi nghi", **params})

    assert message in html_of(response).replace("&#x27;", "'")
    assert titles(response) == []


@pytest.mark.parametrize(
    "params",
    [{"q": "hoi\x00nghi"}, {"q": "x" * 10_000}, {"q": "hoi nghi", "trang": "\x00"}, {"tu_ngay": "\x00"}],
)
def test_a_nul_or_a_value_no_form_could_send_is_a_bad_request(client, params):
    # portal.middleware.QueryStringGuardMiddleware answers before the view reads it.
    assert client.get("/tim-kiem/", params).status_code == 400


@pytest.mark.parametrize("page", ["99999999999999999999", "abc", "-1", "0"])
def test_any_page_number_shows_a_page(client, page):
    published_article(title="Hội nghị", now=AUG_30)

    assert titles(client.get("/tim-kiem/", {"q": "hoi nghi", "trang": page})) == ["Hội nghị"]


def test_an_unknown_kind_shows_the_articles(client):
    published_article(title="Hội nghị", now=AUG_30)

    assert titles(client.get("/tim-kiem/", {"q": "hoi nghi", "loai": "khac"})) == ["Hội nghị"]


def test_an_empty_query_shows_the_form_only(client):
    published_article(title="Hội nghị", now=AUG_30)

    for params in ({}, {"q": ""}, {"q": "   "}):
        response = client.get("/tim-kiem/", params)
        assert 'role="search"' in html_of(response)
        assert titles(response) == []
        assert "Không có kết quả" not in html_of(response)


def test_a_query_of_no_words_finds_nothing(client):
    published_article(title="Hội nghị", now=AUG_30)

    response = client.get("/tim-kiem/", {"q": "!!! ???"})

    assert "Không tìm thấy kết quả nào" in text_of(response)


def test_results_are_paginated_twenty_a_page(client):
    for day in range(21):
        published_article(title=f"Hội nghị {day}", now=AUG_30 + dt.timedelta(days=day))

    first = client.get("/tim-kiem/", {"q": "hoi nghi"})
    second = client.get("/tim-kiem/", {"q": "hoi nghi", "trang": 2})

    assert len(titles(first)) == 20
    assert titles(second) == ["Hội nghị 0"]
    assert "Trang 2/2" in text_of(second)


def indexed_records():
    """An event, an organisation, a person and a legal document about "Đảng ủy", indexed as the
    refresh task indexes them."""
    EventFactory(title="Hội nghị Đảng ủy mở rộng", summary="Tổng kết năm.", start_date=dt.date(2025, 6, 5))
    OrganizationFactory(name="Đảng ủy Học viện", description="")
    PersonFactory(full_name="Trần Văn Đảng", bio="Bí thư Đảng ủy.")
    LegalDocumentFactory(title="Quy chế làm việc của Đảng ủy")
    search_rebuild()


def test_events_organisations_people_and_documents_are_found_in_their_groups(client):
    published_article(title="Đảng ủy họp", now=AUG_30)
    indexed_records()

    response = client.get("/tim-kiem/", {"q": "dang uy"})

    text = text_of(response)
    assert "Tin bài (1) Sự kiện (1) Tổ chức (1) Nhân sự (1) Văn bản (1)" in text
    assert titles(response) == [
        "Đảng ủy họp",
        "Hội nghị Đảng ủy mở rộng",
        "Đảng ủy Học viện",
        "Trần Văn Đảng",
        "Quy chế làm việc của Đảng ủy",
    ]
    assert "Sự kiện · 05/06/2025" in text
    assert "Xem tất cả trong mục Sự kiện (1)" in text


def test_a_group_chosen_lists_its_hits_alone(client):
    published_article(title="Đảng ủy họp", now=AUG_30)
    indexed_records()

    response = client.get("/tim-kiem/", {"q": "dang uy", "loai": "to-chuc"})

    assert titles(response) == ["Đảng ủy Học viện"]


def test_a_change_to_an_event_reaches_the_search_once_committed(client, django_capture_on_commit_callbacks):
    from events.services import event_save

    event = EventFactory(title="Hội nghị cũ")
    search_rebuild()
    event.title = "Hội nghị Đảng ủy mới"
    with django_capture_on_commit_callbacks(execute=True):
        event_save(event=event, by=None)

    assert titles(client.get("/tim-kiem/", {"q": "dang uy", "loai": "su-kien"})) == ["Hội nghị Đảng ủy mới"]


def test_a_change_made_while_the_broker_is_down_reaches_the_search_through_the_sweep(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    from events.services import event_save
    from portal.news import tasks
    from portal.news.models import SearchStale

    event = EventFactory(title="Hội nghị cũ")
    search_rebuild()
    queued = []
    monkeypatch.setattr(tasks, "enqueue", lambda task, *args: queued.append(args) and False)
    event.title = "Hội nghị Đảng ủy mới"
    with django_capture_on_commit_callbacks(execute=True):
        event_save(event=event, by=None)

    # Not queued: marked stale, and the search still shows the old title until the sweep.
    assert queued == [(["event"],)]
    assert list(SearchStale.objects.values_list("kind", flat=True)) == ["event"]
    assert titles(client.get("/tim-kiem/", {"q": "dang uy", "loai": "su-kien"})) == []

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.search_refresh_stale() == 1
    assert not SearchStale.objects.exists()
    assert titles(client.get("/tim-kiem/", {"q": "dang uy", "loai": "su-kien"})) == ["Hội nghị Đảng ủy mới"]
    assert tasks.search_refresh_stale() == 0


def test_the_rebuild_command_indexes_every_public_record():
    published_article(title="Tin một", now=AUG_30)
    draft_article(title="Tin nháp")
    EventFactory(title="Hội nghị", host=OrganizationFactory(name="Học viện"))
    SearchEntry.objects.all().delete()

    call_command("search_rebuild", verbosity=0)

    assert sorted(SearchEntry.objects.values_list("kind", "title")) == [
        ("article", "Tin một"),
        ("event", "Hội nghị"),
        ("organization", "Học viện"),
    ]


@pytest.mark.parametrize("count", [1, 25])
def test_search_query_count_does_not_grow_with_matches(client, django_assert_num_queries, count):
    for number in range(count):
        published_article(
            title=f"Đảng ủy tin {number}", now=AUG_30, many_to_many={"categories": [CategoryFactory()]}
        )
    indexed_records()

    # The categories (for the form); the matches numbered and counted by kind; the latest of
    # them ranked; the entries shown.
    with django_assert_num_queries(4):
        response = client.get("/tim-kiem/", {"q": "dang uy"})
    assert len(titles(response)) == min(count, 20) + 4


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
def test_on_postgresql_entries_have_weighted_vectors_read_through_their_kinds_gin_index():
    from portal.news.search import Criteria, search_matches

    published_article(title="Đảng ủy họp", lead="", body="<p>Hội nghị</p>", now=AUG_30)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        # Without the btree indexes on kind, which a table of one row would rather read
        # (the test's transaction puts them back).
        cursor.execute('DROP INDEX "news_search_kind_date"')
        cursor.execute('ALTER TABLE "news_searchentry" DROP CONSTRAINT "news_search_entry_unique"')
        plan = search_matches(Criteria(words=["dang", "uy"])).filter(kind="article").explain()

    assert (
        SearchEntry.objects.values_list("vector", flat=True).get()
        == "'dang':1A 'hoi':4 'hop':3A 'nghi':5 'uy':2A"
    )
    assert "news_search_vector_article" in plan


def test_only_the_latest_candidates_are_ranked_but_all_are_counted(client, monkeypatch):
    monkeypatch.setattr("portal.news.search.CANDIDATES", 3)
    published_article(title="Hội nghị cũ nhất", now=AUG_30)
    for day in range(1, 5):
        published_article(title=f"Tin {day}", body="<p>Hội nghị</p>", now=AUG_30 + dt.timedelta(days=day))

    response = client.get("/tim-kiem/", {"q": "hoi nghi"})

    assert "Tin bài (5)" in text_of(response)
    assert titles(response) == ["Tin 4", "Tin 3", "Tin 2"]


def test_past_the_counted_matches_a_group_shows_more_than_that_and_its_latest(client, monkeypatch):
    monkeypatch.setattr("portal.news.search.COUNTED", 3)
    for day in range(1, 5):
        published_article(title=f"Hội nghị {day}", now=AUG_30 + dt.timedelta(days=day))
    for day in range(1, 4):
        EventFactory(title=f"Hội nghị sự kiện {day}", start_date=dt.date(2025, 6, day))
    search_rebuild()

    response = client.get("/tim-kiem/", {"q": "hoi nghi"})

    assert "Tin bài (hơn 3)" in text_of(response)
    assert "Sự kiện (3)" in text_of(response)
    assert titles(response)[:4] == ["Hội nghị 4", "Hội nghị 3", "Hội nghị 2", "Hội nghị 1"]


def test_a_count_of_thousands_is_grouped_with_dots():
    from portal.news.search import GROUPS_BY_KEY, Results
    from portal.news.views import _found_label

    articles = GROUPS_BY_KEY["tin-bai"]
    found = Results(counts={"tin-bai": 1000}, more={"tin-bai"}, group=articles, page=None, others=[])

    with translation.override("vi"):
        assert _found_label(found, articles) == "hơn 1.000"
    found.more.clear()
    with translation.override("en"):
        assert _found_label(found, articles) == "1,000"


def test_without_articles_found_the_first_group_with_hits_is_listed(client):
    OrganizationFactory(name="Đảng ủy Học viện")
    search_rebuild()

    response = client.get("/tim-kiem/", {"q": "dang uy"})

    assert titles(response) == ["Đảng ủy Học viện"]
    assert 'aria-current="page">Tổ chức (1)</a>' in html_of(response)


def test_every_page_links_to_the_search_in_its_main_navigation(client):
    page = html_of(client.get("/tim-kiem/"))

    nav = page[page.index('<nav class="site-nav"') : page.index("</nav>")]
    assert '<a href="/tim-kiem/" aria-current="page">Tìm kiếm</a>' in nav
