"""The narrow copy of the search entries (PostgreSQL, migration 0011_search_narrow) that the
search counts and dates its matches from: kept by a trigger whatever writes the entries."""

import datetime as dt

import pytest
from django.db import connection

from portal.news.models import Article, SearchEntry, SearchNarrow
from portal.news.services import article_save, article_unpublish
from tests.news.factories import published_article
from tests.news.test_search import AUG_30, titles

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the narrow copy is PostgreSQL's"),
]


def narrow() -> list[tuple]:
    return list(SearchNarrow.objects.order_by("pk").values_list("pk", "kind", "object_id", "date", "vector"))


def entries() -> list[tuple]:
    return [
        (pk, kind, object_id, date, _stripped(vector))
        for pk, kind, object_id, date, vector in SearchEntry.objects.order_by("pk").values_list(
            "pk", "kind", "object_id", "date", "vector"
        )
    ]


def _stripped(vector: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT strip(%s::tsvector)::text", [vector])
        return cursor.fetchone()[0]


def test_each_entry_has_a_narrow_copy_without_positions_kept_through_edits_and_removal():
    article = published_article(title="Đảng ủy họp", lead="", body="<p>Hội nghị</p>", now=AUG_30)
    other = published_article(title="Tin khác", now=AUG_30)

    assert narrow() == entries()
    assert SearchNarrow.objects.get(object_id=article.pk).vector == "'dang' 'hoi' 'hop' 'nghi' 'uy'"

    article.title = "Đảng ủy đã sửa"
    article_save(article=article, by=None)
    SearchEntry.objects.filter(object_id=other.pk).update(date=AUG_30 + dt.timedelta(days=3))
    assert narrow() == entries()
    assert "'sua'" in SearchNarrow.objects.get(object_id=article.pk).vector

    article_unpublish(article=article, by=None)
    assert narrow() == entries()
    assert list(SearchNarrow.objects.values_list("object_id", flat=True)) == [other.pk]


def test_the_search_counts_and_lists_from_the_narrow_copy(client):
    published_article(title="Hội nghị sơ kết", now=AUG_30)
    published_article(title="Hội nghị tổng kết", now=AUG_30 + dt.timedelta(days=1))
    # A copy out of step (never, through the trigger) shows which table the matches come from.
    SearchNarrow.objects.filter(object_id=Article.objects.get(title="Hội nghị sơ kết").pk).delete()

    assert titles(client.get("/tim-kiem/", {"q": "hoi nghi"})) == ["Hội nghị tổng kết"]


def test_emptying_the_entries_empties_the_copy():
    published_article(title="Tin một", now=AUG_30)
    with connection.cursor() as cursor:
        cursor.execute('TRUNCATE "news_searchentry"')

    assert narrow() == []
