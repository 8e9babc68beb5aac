"""Views and visitors counted in the cache, shown as stored plus pending, moved to the database
by the flush task exactly once."""

import datetime as dt
import json
from unittest import mock

import pytest
from django.db import DatabaseError

from portal.news import counters
from portal.news.models import Article, SiteVisits
from portal.news.tasks import flush_counters
from tests.news.factories import draft_article, published_article
from tests.pages import html_of

pytestmark = pytest.mark.django_db

READER = (
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"
)
# 10:00 on 15/03/2026 in Hà Nội (03:00 UTC), as a Unix time.
MARCH_15 = dt.datetime(2026, 3, 15, 3, 0, tzinfo=dt.UTC).timestamp()
MINUTE = 60


def beacon(client, url, *, user_agent=READER, address="203.0.113.7", **headers):
    return client.post(url, HTTP_USER_AGENT=user_agent, REMOTE_ADDR=address, **headers)


def views_of(article: Article) -> int:
    return Article.objects.get(pk=article.pk).view_count


def test_a_page_view_counts_in_the_cache_without_writing_to_the_database(client, django_assert_num_queries):
    article = published_article(title="Hội nghị sơ kết")

    # Reads only: the article is public (with its stored count); the stored sums of visitors,
    # the first time (then kept in the cache until the flush renews them).
    with django_assert_num_queries(2) as first_queries:
        first = beacon(client, f"/dem/{article.pk}/")
    with django_assert_num_queries(1) as second_queries:
        second = beacon(client, f"/dem/{article.pk}/", address="198.51.100.2")

    queries = [query["sql"] for query in [*first_queries.captured_queries, *second_queries.captured_queries]]
    assert all(sql.startswith("SELECT") for sql in queries), queries
    assert first.status_code == 200 and first["Cache-Control"] == "no-store"
    assert (first.json()["views"], second.json()["views"]) == (1, 2)
    assert views_of(article) == 0
    assert counters.with_views([Article.objects.get(pk=article.pk)])[0].views == 2


def test_the_article_page_shows_stored_plus_pending_views_and_names_its_beacon(client):
    article = published_article(title="Hội nghị sơ kết")
    Article.objects.filter(pk=article.pk).update(view_count=1234)
    for _ in range(3):
        counters.count_view(article_id=article.pk)

    page = html_of(client.get("/tin-tuc/hoi-nghi-so-ket/"))

    assert "<span data-views>1.237</span> lượt xem" in page
    assert f'data-count-url="/dem/{article.pk}/"' in page
    assert f'<noscript><img class="visitors__pixel" src="/dem/{article.pk}/"' in page


def test_a_page_from_the_page_cache_is_still_counted_by_its_beacon(client):
    article = published_article(title="Hội nghị sơ kết")
    assert client.get("/tin-tuc/hoi-nghi-so-ket/")["X-Page-Cache"] == "miss"
    assert client.get("/tin-tuc/hoi-nghi-so-ket/")["X-Page-Cache"] == "hit"

    answer = beacon(client, f"/dem/{article.pk}/")

    assert answer.json()["views"] == 1


def test_displayed_views_of_a_list_are_read_in_one_cache_call(django_assert_num_queries):
    articles = [published_article(title=f"Tin {n}") for n in range(3)]
    Article.objects.filter(pk=articles[0].pk).update(view_count=10)
    counters.count_view(article_id=articles[0].pk)
    counters.count_view(article_id=articles[2].pk)
    listed = list(Article.objects.filter(pk__in=[a.pk for a in articles]).order_by("pk"))

    with (
        mock.patch.object(counters.cache, "get_many", wraps=counters.cache.get_many) as get_many,
        django_assert_num_queries(0),
    ):
        counters.with_views(listed)

    assert get_many.call_count == 1
    assert [article.views for article in listed] == [11, 0, 1]


@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "Mozilla/5.0 (compatible; Yahoo! Slurp)",
        "Baiduspider/2.0",
        "curl/8.5.0",
        "Wget/1.21",
        "python-requests/2.32",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0",
        "facebookexternalhit/1.1",
    ],
)
def test_programs_are_answered_but_not_counted(client, user_agent):
    article = published_article(title="Hội nghị sơ kết")

    answer = beacon(client, f"/dem/{article.pk}/", user_agent=user_agent)

    assert answer.status_code == 200
    assert answer.json() == {"views": 0, "visitors": {"online": 0, "today": 0, "month": 0, "total": 0}}


def test_a_beacon_posted_from_another_site_is_not_counted(client):
    article = published_article(title="Hội nghị sơ kết")

    beacon(client, f"/dem/{article.pk}/", HTTP_SEC_FETCH_SITE="cross-site")

    assert beacon(client, f"/dem/{article.pk}/", HTTP_SEC_FETCH_SITE="same-origin").json()["views"] == 1


def test_a_page_read_without_javascript_is_counted_by_its_image(client):
    article = published_article(title="Hội nghị sơ kết")

    answer = client.get(f"/dem/{article.pk}/", HTTP_USER_AGENT=READER)

    assert answer.status_code == 200 and answer["Content-Type"] == "image/gif"
    assert answer["Cache-Control"] == "no-store"
    assert answer.content.startswith(b"GIF89a")
    assert counters.with_views([Article.objects.get(pk=article.pk)])[0].views == 1


@pytest.mark.parametrize(
    "address", ["/dem/999999/", "/dem/99999999999999999999999/", "/dem/abc/", "/dem/%00/"]
)
def test_a_beacon_for_no_public_article_is_not_found_and_counts_nothing(client, address):
    assert beacon(client, address).status_code in {400, 404}


def test_a_beacon_for_a_draft_is_not_found(client):
    article = draft_article(title="Bản nháp")

    assert beacon(client, f"/dem/{article.pk}/").status_code == 404
    assert counters.with_views([Article.objects.get(pk=article.pk)])[0].views == 0


def test_the_beacon_takes_no_other_method(client):
    assert client.put("/dem/").status_code == 405
    assert client.head("/dem/").status_code == 405


# --- Flush ------------------------------------------------------------------------------------


def test_the_flush_moves_pending_views_to_the_database_exactly_once():
    first, second = published_article(title="Một"), published_article(title="Hai")
    for _ in range(3):
        counters.count_view(article_id=first.pk, now=MARCH_15)
    counters.count_view(article_id=second.pk, now=MARCH_15 + MINUTE)

    assert counters.views_flush(now=MARCH_15 + 2 * MINUTE) == 4
    assert counters.views_flush(now=MARCH_15 + 2 * MINUTE) == 0
    assert counters.views_flush(now=MARCH_15 + 3 * MINUTE) == 0

    assert (views_of(first), views_of(second)) == (3, 1)
    # Nothing pending any more: the shown count is the stored one.
    assert [a.views for a in counters.with_views(list(Article.objects.order_by("pk")))] == [3, 1]


def test_views_of_the_current_minute_wait_for_the_next_flush_and_are_not_lost():
    article = published_article(title="Một")
    counters.count_view(article_id=article.pk, now=MARCH_15)

    assert counters.views_flush(now=MARCH_15 + 10) == 0  # its minute is still open
    counters.count_view(article_id=article.pk, now=MARCH_15 + 70)
    assert counters.views_flush(now=MARCH_15 + 130) == 2

    assert views_of(article) == 2


def test_a_view_listed_by_a_web_machine_whose_clock_is_behind_is_still_moved():
    article = published_article(title="Một")
    assert counters.views_flush(now=MARCH_15 + 10 * MINUTE) == 0  # done through minute 9

    counters.count_view(article_id=article.pk, now=MARCH_15 + 8 * MINUTE)  # two minutes behind

    assert counters.views_flush(now=MARCH_15 + 11 * MINUTE) == 1
    assert views_of(article) == 1


def test_views_counted_while_a_flush_runs_stay_pending_for_the_next():
    article = published_article(title="Một")
    counters.count_view(article_id=article.pk, now=MARCH_15)
    real_get = counters.cache.get

    def get_then_a_reader_comes(key, *args, **kwargs):
        value = real_get(key, *args, **kwargs)
        if key.startswith("count:views:"):
            counters.count_view(article_id=article.pk, now=MARCH_15 + MINUTE)
        return value

    with mock.patch.object(counters.cache, "get", side_effect=get_then_a_reader_comes):
        assert counters.views_flush(now=MARCH_15 + MINUTE) == 1

    assert views_of(article) == 1
    assert counters.with_views([Article.objects.get(pk=article.pk)])[0].views == 2
    assert counters.views_flush(now=MARCH_15 + 2 * MINUTE) == 1
    assert views_of(article) == 2


def test_two_flushes_reading_the_same_count_move_it_once():
    article = published_article(title="Một")
    for _ in range(5):
        counters.count_view(article_id=article.pk, now=MARCH_15)
    real_get = counters.cache.get
    inner = []

    def get_then_another_flush_runs(key, *args, **kwargs):
        value = real_get(key, *args, **kwargs)
        if key.startswith("count:views:") and not inner:
            inner.append(None)
            inner[0] = counters.views_flush(now=MARCH_15 + MINUTE)
        return value

    with mock.patch.object(counters.cache, "get", side_effect=get_then_another_flush_runs):
        outer = counters.views_flush(now=MARCH_15 + MINUTE)

    assert (inner, outer) == ([5], 0)
    assert views_of(article) == 5
    assert counters.with_views([Article.objects.get(pk=article.pk)])[0].views == 5


def test_a_failed_database_write_gives_the_views_back_to_the_cache():
    article = published_article(title="Một")
    counters.count_view(article_id=article.pk, now=MARCH_15)

    with (
        mock.patch.object(Article.objects, "filter", side_effect=DatabaseError("down")),
        pytest.raises(DatabaseError),
    ):
        counters.views_flush(now=MARCH_15 + MINUTE)
    # The failed flush did not mark its minutes done: the next one reads them again.
    assert counters.views_flush(now=MARCH_15 + MINUTE) == 1
    assert views_of(article) == 1


def test_the_flush_task_moves_views_and_visitors(client):
    article = published_article(title="Một")
    beacon(client, f"/dem/{article.pk}/")
    beacon(client, "/dem/", address="198.51.100.2")

    with mock.patch("portal.news.counters.time.time", return_value=counters.time.time() + 2 * MINUTE):
        assert flush_counters.delay().get() == {"views": 1, "visitors": 2}
        assert flush_counters.delay().get() == {"views": 0, "visitors": 0}

    assert views_of(article) == 1
    assert SiteVisits.objects.get().visitors == 2


# --- Visitors ---------------------------------------------------------------------------------


class Reader:
    def __init__(self, address: str, user_agent: str = READER):
        self.META = {"REMOTE_ADDR": address, "HTTP_USER_AGENT": user_agent}


def test_a_visitor_is_counted_once_a_day_and_never_by_its_address():
    counters.count_visit(request=Reader("203.0.113.7"), now=MARCH_15)
    counters.count_visit(request=Reader("203.0.113.7"), now=MARCH_15 + MINUTE)
    counters.count_visit(request=Reader("203.0.113.8"), now=MARCH_15 + MINUTE)
    counters.count_visit(request=Reader("203.0.113.7", "Firefox/128.0"), now=MARCH_15 + MINUTE)

    assert counters.visitors(now=MARCH_15 + MINUTE) == {"online": 3, "today": 3, "month": 3, "total": 3}
    key = counters.visitor_key(Reader("203.0.113.7"), dt.date(2026, 3, 15))
    assert "203.0.113.7" not in key and len(key) == 32
    assert key != counters.visitor_key(Reader("203.0.113.7"), dt.date(2026, 3, 16))


def test_online_now_holds_the_visitors_of_the_last_five_minutes_each_once():
    staying = Reader("203.0.113.2")
    staying_key = counters._ONLINE.format(visitor=counters.visitor_key(staying, dt.date(2026, 3, 15)))
    counters.count_visit(request=Reader("203.0.113.1"), now=MARCH_15)  # leaves after a minute
    for minute in range(1, 12):  # stays on, reading a page a minute
        if minute in {6, 11}:
            counters.cache.delete(staying_key)  # as the cache does five minutes after it was set
        counters.count_visit(request=staying, now=MARCH_15 + minute * MINUTE)

    assert counters.visitors(now=MARCH_15 + 4 * MINUTE)["online"] == 2
    assert [counters.visitors(now=MARCH_15 + minute * MINUTE)["online"] for minute in range(5, 16)] == [
        1
    ] * 11
    assert counters.visitors(now=MARCH_15 + 16 * MINUTE)["online"] == 0


def test_visitors_of_today_this_month_and_in_all_are_stored_plus_pending():
    SiteVisits.objects.create(day=dt.date(2026, 2, 28), visitors=100)
    SiteVisits.objects.create(day=dt.date(2026, 3, 1), visitors=20)
    for address in ("203.0.113.1", "203.0.113.2"):
        counters.count_visit(request=Reader(address), now=MARCH_15)

    assert counters.visitors(now=MARCH_15) == {"online": 2, "today": 2, "month": 22, "total": 122}
    assert counters.visits_flush(now=MARCH_15) == 2
    assert counters.visits_flush(now=MARCH_15) == 0
    assert SiteVisits.objects.get(day=dt.date(2026, 3, 15)).visitors == 2

    counters.count_visit(request=Reader("203.0.113.3"), now=MARCH_15 + MINUTE)
    assert counters.visitors(now=MARCH_15 + MINUTE) == {"online": 3, "today": 3, "month": 23, "total": 123}
    assert counters.visits_flush(now=MARCH_15 + MINUTE) == 1
    assert SiteVisits.objects.get(day=dt.date(2026, 3, 15)).visitors == 3


def test_the_visitors_box_is_in_the_footer_hidden_until_the_beacon_fills_it(client):
    page = html_of(client.get("/"))

    footer = page[page.index("<footer") :]
    assert 'data-count-url="/dem/"' in footer and " hidden>" in footer
    for label in ("Đang truy cập", "Hôm nay", "Tháng này", "Tổng truy cập"):
        assert f"<dt>{label}</dt>" in footer
    assert "/static/js/counter." in footer


def test_the_site_beacon_answers_the_visitors_to_show(client):
    SiteVisits.objects.create(day=dt.date(2020, 1, 1), visitors=500)

    answer = beacon(client, "/dem/")

    data = json.loads(answer.content)
    assert data["views"] is None
    assert data["visitors"]["online"] == 1
    assert data["visitors"]["today"] == 1
    assert data["visitors"]["total"] == 501
