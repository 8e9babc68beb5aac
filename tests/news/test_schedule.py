"""Scheduled articles whose time has passed by more than the publishing job's interval without
being published are said in the admin and in /healthz, never silently."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.news import schedule
from portal.news.models import Article, ArticleStatus
from portal.news.services import article_approve, article_schedule, article_submit
from portal.news.tasks import publish_due
from tests.admin_forms import admin_url
from tests.news.factories import CHIEF_EDITORS, draft_article, user_in

pytestmark = pytest.mark.django_db
# 10:00 on 15/03/2026 in Hà Nội.
MARCH_15 = dt.datetime(2026, 3, 15, 3, 0, tzinfo=dt.UTC)


def scheduled(title: str, publish_at: dt.datetime) -> Article:
    """An article approved an hour before `publish_at`, so scheduled for it (and committed: the
    services keep the scheduled times for /healthz once their transaction commits)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        article = draft_article(title=title, publish_at=publish_at)
        article_submit(article=article, by=None)
        article_approve(article=article, by=None, now=publish_at - dt.timedelta(hours=1))
    assert article.status == ArticleStatus.SCHEDULED
    return article


def ago(**delta) -> dt.datetime:
    return timezone.now() - dt.timedelta(**delta)


def test_an_article_is_late_once_its_time_has_passed_by_more_than_two_minutes():
    scheduled("Đúng giờ", MARCH_15)

    assert schedule.late_count(False, now=MARCH_15 + dt.timedelta(seconds=119)) == 0
    assert schedule.late_count(False, now=MARCH_15 + dt.timedelta(seconds=121)) == 1
    assert schedule.late_count(True, now=MARCH_15 + dt.timedelta(seconds=121)) == 1


def test_healthz_is_degraded_with_the_count_of_late_articles_and_reads_no_database(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    scheduled("Trễ một", ago(minutes=3))
    scheduled("Trễ hai", ago(hours=5))
    scheduled("Chưa đến giờ", ago(seconds=30))
    scheduled("Ngày mai", ago(days=-1))

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "broker": "eager", "scheduled_late": 2}
    assert len(queries) == 0


def test_healthz_is_ok_again_once_the_job_has_published_them(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    late = scheduled("Trễ", ago(minutes=10))
    assert client.get("/healthz").json()["status"] == "degraded"

    assert publish_due.delay().get() == 1

    assert Article.objects.get(pk=late.pk).status == ArticleStatus.PUBLISHED
    assert client.get("/healthz").json() == {"status": "ok", "broker": "eager"}


def test_a_rescheduled_article_is_no_longer_late(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    article = scheduled("Trễ", ago(minutes=10))

    with TestCase.captureOnCommitCallbacks(execute=True):
        article_schedule(article=article, by=user_in(CHIEF_EDITORS), publish_at=ago(hours=-2))

    assert client.get("/healthz").json() == {"status": "ok", "broker": "eager"}


def test_with_the_cache_emptied_the_admin_index_finds_them_again_for_healthz(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    scheduled("Trễ", ago(minutes=10))
    cache.clear()
    assert client.get("/healthz").json() == {"status": "ok", "broker": "eager"}  # cannot tell

    page = client.__class__()
    page.force_login(user_in(CHIEF_EDITORS))
    assert "1 tin đã hẹn giờ quá giờ xuất bản" in page.get("/admin/").content.decode()

    assert client.get("/healthz").json()["scheduled_late"] == 1


def test_the_admin_list_warns_and_filters_the_late_articles(client):
    scheduled("Trễ", ago(minutes=10))
    scheduled("Ngày mai", ago(days=-1))
    client.force_login(user_in(CHIEF_EDITORS))

    page = client.get(admin_url(Article, "changelist")).content.decode()
    late = client.get(admin_url(Article, "changelist") + "?late=1").content.decode()

    assert (
        '<a href="/admin/news/article/?late=1">1 tin đã hẹn giờ quá giờ xuất bản mà chưa được xuất bản: '
        "tác vụ xuất bản theo lịch có thể không chạy.</a>"
    ) in page
    assert "Trễ" in late and "Ngày mai" not in late
    assert "Ngày mai" in page


def test_the_change_page_of_a_late_article_says_when_it_was_due(client):
    article = scheduled("Trễ", MARCH_15)
    on_time = scheduled("Ngày mai", ago(days=-1))
    client.force_login(user_in(CHIEF_EDITORS))

    page = client.get(admin_url(Article, "change", article.pk)).content.decode()
    other = client.get(admin_url(Article, "change", on_time.pk)).content.decode()

    assert "Tin này lẽ ra được xuất bản lúc 10:00 15/03/2026 nhưng chưa được xuất bản" in page
    assert "lẽ ra được xuất bản" not in other


def test_the_admin_index_warns_only_staff_who_may_see_articles(client):
    scheduled("Trễ", ago(minutes=10))
    client.force_login(user_in(CHIEF_EDITORS))
    outsider = client.__class__()
    outsider.force_login(user_in(None))

    assert "1 tin đã hẹn giờ quá giờ xuất bản" in client.get("/admin/").content.decode()
    assert "quá giờ xuất bản" not in outsider.get("/admin/").content.decode()


def test_the_admin_list_is_quiet_when_nothing_is_late(client):
    scheduled("Ngày mai", ago(days=-1))
    client.force_login(user_in(CHIEF_EDITORS))

    assert "quá giờ xuất bản" not in client.get(admin_url(Article, "changelist")).content.decode()
    assert "quá giờ xuất bản" not in client.get("/admin/").content.decode()
