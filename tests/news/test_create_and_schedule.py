"""article_create adds drafts only; article_schedule sets an approved article's publication time."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from portal.news.models import Article, ArticleRevision, ArticleStatus
from portal.news.services import (
    article_create,
    article_save,
    article_schedule,
    article_submit,
    article_unpublish,
    articles_publish_due,
)
from tests.admin_forms import admin_url
from tests.news.factories import CHIEF_EDITORS, EDITORS, draft_article, published_article, user_in

S = ArticleStatus
pytestmark = pytest.mark.django_db
# 10:00 on 15/03/2026 in Hà Nội.
MARCH_15 = dt.datetime(2026, 3, 15, 3, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


@pytest.fixture
def editor():
    return user_in(EDITORS, username="editor")


@pytest.fixture
def chief():
    return user_in(CHIEF_EDITORS, username="chief")


# --- article_create ---------------------------------------------------------------------------------


def test_a_new_article_starts_as_a_draft_whatever_the_instance_says(editor, chief):
    article = Article(
        title="Tin mới",
        status=S.PUBLISHED,
        published_at=MARCH_15,
        approved_by=chief,
        approved_at=MARCH_15,
        view_count=5000,
    )

    article_create(article=article, by=editor)

    stored = Article.objects.get()
    assert (stored.status, stored.published_at, stored.approved_by, stored.view_count) == (
        S.DRAFT,
        None,
        None,
        0,
    )
    assert list(ArticleRevision.objects.values_list("by__username", "changed")) == [
        ("editor", ["title", "slug"])
    ]


def test_article_save_of_a_new_article_goes_through_article_create():
    article_save(article=Article(title="Tin mới", status=S.PUBLISHED, published_at=MARCH_15), by=None)

    assert Article.objects.get().status == S.DRAFT


def test_adding_an_article_needs_the_add_permission():
    with pytest.raises(PermissionDenied):
        article_create(article=Article(title="Tin mới"), by=user_in(permissions=("submit_article",)))
    assert not Article.objects.exists()


def test_article_create_does_not_change_a_saved_article():
    article = draft_article(title="Tin cũ")
    article.title = "Tin mới"

    with pytest.raises(ValueError, match="article_save changes a saved one"):
        article_create(article=article, by=None)
    assert Article.objects.get().title == "Tin cũ"


# --- article_schedule -------------------------------------------------------------------------------


def unpublished(**fields) -> Article:
    article = published_article(now=MARCH_15 - 24 * HOUR, **fields)
    article_unpublish(article=article, by=None)
    return article


def test_an_unpublished_article_is_scheduled_and_published_by_the_job_at_its_time(chief):
    article = unpublished(title="Tin")

    article_schedule(article=article, by=chief, publish_at=MARCH_15 + HOUR, now=MARCH_15)

    stored = Article.objects.get()
    assert (stored.status, stored.publish_at) == (S.SCHEDULED, MARCH_15 + HOUR)
    assert articles_publish_due(now=MARCH_15 + HOUR - dt.timedelta(seconds=1)) == 0
    assert articles_publish_due(now=MARCH_15 + HOUR) == 1
    stored.refresh_from_db()
    assert (stored.status, stored.published_at) == (S.PUBLISHED, MARCH_15 + HOUR)


def test_scheduling_without_a_time_uses_the_time_saved_on_the_article(chief):
    article = unpublished(title="Tin", publish_at=timezone.now() + 2 * HOUR)

    article_schedule(article=article, by=chief)

    assert Article.objects.get().status == S.SCHEDULED


@pytest.mark.parametrize("publish_at", [None, MARCH_15, MARCH_15 - HOUR], ids=["none", "now", "past"])
def test_a_time_not_ahead_is_refused_with_the_reason(chief, publish_at):
    article = unpublished(title="Tin")

    with pytest.raises(ValidationError) as error:
        article_schedule(article=article, by=chief, publish_at=publish_at, now=MARCH_15)

    assert error.value.message_dict == {
        "publish_at": ["Hãy đặt thời điểm xuất bản sau thời điểm hiện tại để hẹn giờ xuất bản tin."]
    }
    assert Article.objects.get().status == S.UNPUBLISHED


def test_an_editor_may_not_schedule(editor):
    article = unpublished(title="Tin")

    with pytest.raises(PermissionDenied):
        article_schedule(article=article, by=editor, publish_at=timezone.now() + HOUR)
    assert Article.objects.get().status == S.UNPUBLISHED


@pytest.mark.parametrize("state", ["draft", "submitted", "published"])
def test_only_an_unpublished_or_scheduled_article_can_be_scheduled(chief, state):
    article = draft_article(title="Tin") if state != "published" else published_article(title="Tin")
    if state == "submitted":
        article_submit(article=article, by=None)

    with pytest.raises(ValidationError) as error:
        article_schedule(article=article, by=chief, publish_at=timezone.now() + HOUR)
    assert error.value.code == "transition"


def test_a_scheduled_article_is_moved_to_another_time_with_a_revision(chief):
    article = unpublished(title="Tin")
    article_schedule(article=article, by=chief, publish_at=MARCH_15 + HOUR, now=MARCH_15)

    article_schedule(article=article, by=chief, publish_at=MARCH_15 + 3 * HOUR, now=MARCH_15)

    assert Article.objects.get().publish_at == MARCH_15 + 3 * HOUR
    last = ArticleRevision.objects.filter(article=article).first()
    assert (last.by, last.changed, last.snapshot["publish_at"]) == (
        chief,
        ["publish_at"],
        (MARCH_15 + 3 * HOUR).isoformat(),
    )
    assert articles_publish_due(now=MARCH_15 + HOUR) == 0


def test_the_admin_offers_scheduling_an_unpublished_article_at_its_saved_time(client, chief):
    article = unpublished(title="Tin", publish_at=timezone.now() + 2 * HOUR)
    client.force_login(chief)

    page = client.get(admin_url(Article, "change", article.pk)).content.decode()
    response = client.post(admin_url(Article, "workflow", article.pk, "schedule"), follow=True)

    assert ">Hẹn giờ xuất bản</button>" in page
    assert Article.objects.get().status == S.SCHEDULED
    assert "“Tin” hiện ở trạng thái “hẹn giờ xuất bản”." in response.content.decode()


def test_the_admin_refuses_scheduling_at_a_past_time_with_the_reason(client, chief):
    article = unpublished(title="Tin", publish_at=MARCH_15)
    client.force_login(chief)

    response = client.post(admin_url(Article, "workflow", article.pk, "schedule"), follow=True)

    assert "Hãy đặt thời điểm xuất bản sau thời điểm hiện tại" in response.content.decode()
    assert Article.objects.get().status == S.UNPUBLISHED
