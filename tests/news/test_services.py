import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from portal.news.models import Article, ArticleRevision, ArticleSlugRedirect, ArticleStatus
from portal.news.services import (
    article_approve,
    article_archive,
    article_publish,
    article_restore_revision,
    article_save,
    article_submit,
    article_unpublish,
    articles_publish_due,
)
from portal.news.tasks import publish_due
from tests.news.factories import (
    CHIEF_EDITORS,
    EDITORS,
    CategoryFactory,
    draft_article,
    editorial_groups,
    published_article,
    user_in,
)

S = ArticleStatus
pytestmark = pytest.mark.django_db
NOON = dt.datetime(2026, 3, 1, 5, 0, tzinfo=dt.UTC)


@pytest.fixture
def editor():
    return user_in(EDITORS, username="editor")


@pytest.fixture
def chief():
    return user_in(CHIEF_EDITORS, username="chief")


# --- Slugs --------------------------------------------------------------------------------------


def test_slug_is_made_from_the_title_with_d_folded_and_kept_unique():
    first = draft_article(title="Đảng ủy Học viện họp")
    second = draft_article(title="Đảng ủy Học viện họp")

    assert (first.slug, second.slug) == ("dang-uy-hoc-vien-hop", "dang-uy-hoc-vien-hop-2")


def test_a_slug_given_is_folded_to_ascii_and_refused_when_another_article_has_it():
    draft_article(title="Một", slug="tin-mot")

    assert draft_article(title="Hai", slug="Tin Đặc biệt").slug == "tin-dac-biet"
    with pytest.raises(ValidationError) as error:
        draft_article(title="Ba", slug="tin-mot")
    assert error.value.message_dict == {"slug": ["Đường dẫn này đã được bài viết khác sử dụng."]}


def test_a_draft_slug_follows_its_title_until_published():
    article = draft_article(title="Tin cũ")
    article.title, article.slug = "Tin mới", ""
    article_save(article=article, by=None)

    assert article.slug == "tin-moi"
    assert ArticleSlugRedirect.objects.count() == 0


def test_a_published_slug_is_frozen_when_the_title_changes():
    article = published_article(title="Tin cũ")
    article.title, article.slug = "Tin mới", ""
    article_save(article=article, by=None)

    assert Article.objects.get().slug == "tin-cu"


def test_a_published_slug_changed_leaves_the_old_one_as_a_redirect():
    article = published_article(title="Tin cũ")
    article.slug = "tin-moi"
    article_save(article=article, by=None)

    assert list(ArticleSlugRedirect.objects.values_list("old_slug", "article")) == [("tin-cu", article.pk)]
    with pytest.raises(ValidationError):
        draft_article(title="Khác", slug="tin-cu")


def test_a_slug_made_from_a_title_passes_the_old_slugs_of_other_articles():
    article = published_article(title="Tin cũ")
    article.slug = "tin-moi"
    article_save(article=article, by=None)

    assert draft_article(title="Tin cũ").slug == "tin-cu-2"


def test_going_back_to_an_old_slug_drops_its_redirect():
    article = published_article(title="Tin cũ")
    article.slug = "tin-moi"
    article_save(article=article, by=None)
    article.slug = "tin-cu"
    article_save(article=article, by=None)

    assert list(ArticleSlugRedirect.objects.values_list("old_slug", flat=True)) == ["tin-moi"]


def test_a_cover_needs_its_alternative_text():
    with pytest.raises(ValidationError) as error:
        draft_article(cover="news/covers/a.jpg", cover_alt=" ")

    assert list(error.value.message_dict) == ["cover_alt"]


def test_the_body_is_sanitised_before_it_is_stored(monkeypatch):
    monkeypatch.setattr("portal.news.services.clean_body", lambda html: html.replace("<script>", ""))

    assert draft_article(body="<script><p>a</p>").body == "<p>a</p>"


# --- Workflow and who may move it -----------------------------------------------------------------


def test_an_editor_writes_and_submits_and_a_chief_editor_approves_and_publishes(editor, chief):
    article = draft_article(by=editor)
    article_submit(article=article, by=editor)
    article_approve(article=article, by=chief, now=NOON)

    article.refresh_from_db()
    assert (article.status, article.submitted_by, article.approved_by) == (S.PUBLISHED, editor, chief)
    assert (article.approved_at, article.published_at) == (NOON, NOON)


@pytest.mark.parametrize(
    "service", [article_approve, article_publish, article_unpublish], ids=["approve", "publish", "unpublish"]
)
def test_an_editor_may_not_approve_publish_or_unpublish(editor, service):
    article = draft_article(publish_at=timezone.now() + dt.timedelta(days=1))
    article_submit(article=article, by=None)
    if service is not article_approve:
        article_approve(article=article, by=None)

    with pytest.raises(PermissionDenied):
        service(article=article, by=editor)
    article.refresh_from_db()
    assert article.status == (S.SUBMITTED if service is article_approve else S.SCHEDULED)


def test_a_staff_user_with_only_the_submit_permission_may_submit_but_not_edit():
    user = user_in(permissions=("submit_article",))
    article = draft_article()

    article_submit(article=article, by=user)
    assert Article.objects.get().status == S.SUBMITTED
    with pytest.raises(PermissionDenied):
        article_save(article=article, by=user)


def test_a_staff_user_without_permissions_may_not_submit():
    article = draft_article()

    with pytest.raises(PermissionDenied):
        article_submit(article=article, by=user_in())
    assert Article.objects.get().status == S.DRAFT


def test_who_submitted_may_not_approve(chief):
    article = draft_article()
    article_submit(article=article, by=chief)

    with pytest.raises(ValidationError) as error:
        article_approve(article=article, by=chief)
    assert error.value.messages == ["Người gửi duyệt bài viết không thể tự duyệt bài đó."]
    assert Article.objects.get().status == S.SUBMITTED


def test_the_setting_lets_who_submitted_approve(chief, settings):
    settings.NEWS_ALLOW_SELF_APPROVAL = True
    article = draft_article()
    article_submit(article=article, by=chief)
    article_approve(article=article, by=chief)

    assert Article.objects.get().status == S.PUBLISHED


@pytest.mark.parametrize(
    ("service", "status"),
    [
        (article_approve, S.DRAFT),
        (article_publish, S.DRAFT),
        (article_unpublish, S.DRAFT),
        (article_submit, S.SUBMITTED),
        (article_submit, S.PUBLISHED),
        (article_archive, S.PUBLISHED),
        (article_approve, S.ARCHIVED),
    ],
)
def test_transitions_outside_the_table_are_refused(service, status):
    article = draft_article()
    Article.objects.filter(pk=article.pk).update(status=status)

    with pytest.raises(ValidationError) as error:
        service(article=article, by=None)
    assert error.value.code == "transition"
    assert Article.objects.get().status == status


def test_unpublish_then_submit_again_then_archive(chief):
    article = published_article()
    article_unpublish(article=article, by=chief)
    assert Article.objects.get().status == S.UNPUBLISHED
    article_publish(article=article, by=chief, now=NOON)
    assert Article.objects.get().status == S.PUBLISHED
    article_unpublish(article=article, by=chief)
    article_submit(article=article, by=chief)
    article_archive(article=article, by=chief)

    assert Article.objects.get().status == S.ARCHIVED


def test_the_history_records_each_step_with_its_user(editor, chief):
    from django.contrib.admin.models import LogEntry

    article = draft_article(by=editor)
    article_submit(article=article, by=editor)
    article_approve(article=article, by=chief)

    entries = LogEntry.objects.order_by("pk").values_list("user__username", "change_message")
    assert list(entries) == [
        ("editor", "Được thêm."),
        ("editor", "Đã gửi duyệt."),
        ("chief", "Đã duyệt và xuất bản."),
    ]


# --- Scheduling ------------------------------------------------------------------------------------


def test_approval_before_the_publication_time_schedules_and_the_task_publishes_at_that_time():
    article = draft_article(publish_at=NOON)
    article_submit(article=article, by=None)
    article_approve(article=article, by=None, now=NOON - dt.timedelta(hours=1))
    assert Article.objects.get().status == S.SCHEDULED

    assert articles_publish_due(now=NOON - dt.timedelta(seconds=1)) == 0
    assert Article.objects.get().status == S.SCHEDULED
    assert articles_publish_due(now=NOON + dt.timedelta(minutes=5)) == 1
    article.refresh_from_db()
    assert (article.status, article.published_at) == (S.PUBLISHED, NOON)


def test_approval_after_the_publication_time_publishes_now():
    article = draft_article(publish_at=NOON)
    article_submit(article=article, by=None)
    article_approve(article=article, by=None, now=NOON + dt.timedelta(minutes=1))

    assert Article.objects.get().published_at == NOON + dt.timedelta(minutes=1)


def test_the_beat_task_publishes_what_is_due_now():
    due = draft_article(title="Đến giờ", publish_at=timezone.now() + dt.timedelta(seconds=1))
    later = draft_article(title="Chưa đến giờ", publish_at=timezone.now() + dt.timedelta(days=1))
    for article in (due, later):
        article_submit(article=article, by=None)
        article_approve(article=article, by=None, now=timezone.now() - dt.timedelta(minutes=1))
    Article.objects.filter(pk=due.pk).update(publish_at=timezone.now() - dt.timedelta(seconds=1))

    assert publish_due.delay().get() == 1
    assert dict(Article.objects.values_list("title", "status")) == {
        "Đến giờ": S.PUBLISHED,
        "Chưa đến giờ": S.SCHEDULED,
    }


# --- Revisions ------------------------------------------------------------------------------------


def test_each_save_keeps_a_revision_with_who_and_what_changed(editor):
    category = CategoryFactory()
    article = draft_article(by=editor, title="Bản đầu", lead="")
    article.lead = "Sapo"
    article_save(article=article, by=editor, many_to_many={"categories": [category]})
    article_save(article=article, by=editor)  # nothing changed: no revision

    revisions = list(ArticleRevision.objects.order_by("pk").values_list("by__username", "changed"))
    assert revisions == [("editor", ["title", "slug", "body"]), ("editor", ["lead", "categories"])]
    assert ArticleRevision.objects.order_by("pk").last().snapshot["categories"] == [category.pk]


def test_restoring_a_revision_puts_its_fields_back_as_a_new_revision(editor):
    category = CategoryFactory()
    article = draft_article(by=editor, title="Bản đầu", many_to_many={"categories": [category]})
    first = article.revisions.get()
    article.title, article.body = "Bản hai", "<p>Khác</p>"
    article_save(article=article, by=editor, many_to_many={"categories": []})

    restored = article_restore_revision(revision=first, by=editor)

    assert (restored.title, restored.body) == ("Bản đầu", "<p>Nội dung.</p>")
    assert list(restored.categories.all()) == [category]
    assert ArticleRevision.objects.order_by("pk").last().changed == ["title", "body", "categories"]


def test_the_history_of_a_change_names_the_fields_in_vietnamese(editor):
    from django.contrib.admin.models import LogEntry

    article = draft_article(by=editor)
    article.lead, article.featured = "Sapo mới", True
    article_save(article=article, by=editor)

    assert LogEntry.objects.order_by("pk").last().change_message == "Đã sửa sapo, nổi bật."


def test_the_beat_schedule_runs_the_publishing_task_every_minute(settings):
    from portal.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["news-publish-due"]
    assert entry["task"] == "news.publish_due"
    assert entry["task"] in app.tasks
    assert str(entry["schedule"]) == "<crontab: * * * * * (m/h/dM/MY/d)>"


def test_editors_and_chief_editors_get_their_news_permissions_from_their_roles():
    from django.contrib.auth.models import Group, Permission

    editorial_groups()  # made again if a test before this one flushed the database

    def codenames(name):
        permissions = Group.objects.get(name=name).permissions.filter(content_type__app_label="news")
        return sorted(permissions.values_list("codename", flat=True))

    editor = [
        "add_article",
        "add_articleimage",
        "add_tag",
        "change_article",
        "submit_article",
        "view_article",
        "view_articleimage",
        "view_category",
        "view_tag",
    ]
    exports = Permission.objects.filter(content_type__app_label="news", codename__startswith="export_")
    assert "export_article" in exports.values_list("codename", flat=True)
    assert codenames(EDITORS) == editor
    assert codenames(CHIEF_EDITORS) == sorted(
        [
            *editor,
            *exports.values_list("codename", flat=True),
            "add_category",
            "approve_article",
            "change_articlefeedback",
            "change_category",
            "change_tag",
            "moderate_feedback",
            "publish_article",
            "unpublish_article",
            "view_articlefeedback",
        ]
    )


def test_saving_a_copy_read_before_a_workflow_step_keeps_the_step():
    article = draft_article()
    stale = Article.objects.get(pk=article.pk)
    article_submit(article=article, by=None)
    Article.objects.filter(pk=article.pk).update(view_count=7)

    stale.lead = "Sapo mới"
    article_save(article=stale, by=None)

    assert Article.objects.values_list("status", "view_count", "lead").get() == (S.SUBMITTED, 7, "Sapo mới")


def test_saving_without_a_change_keeps_no_revision_and_no_history(editor):
    from django.contrib.admin.models import LogEntry

    article = draft_article(by=editor)
    article_save(article=article, by=editor)

    assert (ArticleRevision.objects.count(), LogEntry.objects.count()) == (1, 1)
