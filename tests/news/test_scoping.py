"""The CMS within the staff's organisations (portal/scoping.py, RULES "news.article"): an
article is its source organisation's; its history names who changed it, or the job."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from committees.models import Organization
from portal.news.admin import ArticleAdmin
from portal.news.images import article_image_upload
from portal.news.models import (
    Article,
    ArticleFeedback,
    ArticleImage,
    ArticleRevision,
    ArticleStatus,
    FeedbackStatus,
)
from portal.news.services import (
    article_approve,
    article_create,
    article_restore,
    article_restore_revision,
    article_save,
    article_submit,
    articles_publish_due,
    feedback_moderate,
    publish_due_job_name,
)
from portal.scoping import ScopeError
from tests.admin_forms import admin_url, form_errors, management_forms
from tests.committees.factories import OrganizationFactory
from tests.files import jpeg_upload
from tests.news.factories import CHIEF_EDITORS, EDITORS, draft_article, published_article, user_in

S = ArticleStatus
pytestmark = pytest.mark.django_db


@pytest.fixture
def kv2() -> Organization:
    return OrganizationFactory(name="Học viện Chính trị khu vực II", slug="hoc-vien-khu-vuc-ii")


@pytest.fixture
def kv4() -> Organization:
    return OrganizationFactory(name="Học viện Chính trị khu vực IV", slug="hoc-vien-khu-vuc-iv")


@pytest.fixture
def editor(kv2) -> User:
    return user_in(EDITORS, username="editor-kv2", organizations=(kv2,))


@pytest.fixture
def chief(kv2) -> User:
    return user_in(CHIEF_EDITORS, username="chief-kv2", organizations=(kv2,))


@pytest.fixture
def ours(kv2) -> Article:
    return draft_article(title="Tin của khu vực II", source_organization=kv2)


@pytest.fixture
def theirs(kv4) -> Article:
    return draft_article(title="Tin của khu vực IV", source_organization=kv4)


def signed_in(client, user):
    client.force_login(user)
    return client


def out_of_scope(error) -> bool:
    return any(getattr(e, "code", None) == "out_of_scope" for e in error.value.error_list)


# --- What a KV II editor sees and changes in the admin ------------------------------------------


def test_the_list_shows_only_the_articles_of_their_organisation(client, editor, ours, theirs):
    response = signed_in(client, editor).get(admin_url(Article, "changelist"))

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [ours]


def test_another_organisations_article_has_no_change_page_and_cannot_be_posted(client, editor, theirs):
    client = signed_in(client, editor)
    page = client.get(admin_url(Article, "change", theirs.pk))
    post = client.post(admin_url(Article, "change", theirs.pk), {"title": "Đổi"})

    # Django answers an object outside the admin's rows by leaving for the index.
    assert (page.status_code, post.status_code) == (302, 302)
    assert page.url == post.url == reverse("admin:index")
    assert Article.objects.get(pk=theirs.pk).title == "Tin của khu vực IV"


def test_buttons_compare_and_restore_of_another_organisations_article_are_not_found(
    client, editor, chief, theirs
):
    revision = theirs.revisions.get()
    for user in (editor, chief):
        client = signed_in(client, user)
        answers = [
            client.post(admin_url(Article, "workflow", theirs.pk, "submit")).status_code,
            client.post(admin_url(Article, "restore", theirs.pk, revision.pk)).status_code,
            client.get(admin_url(Article, "compare", theirs.pk, revision.pk)).status_code,
        ]
        assert answers == [404, 404, 404]
    assert Article.objects.get(pk=theirs.pk).status == S.DRAFT


def test_an_article_added_by_a_scoped_editor_needs_one_of_their_organisations(client, editor, kv2, kv4):
    client = signed_in(client, editor)
    data = {"title": "Hội nghị", "lead": "", "body": "<p>Nội dung</p>", **management_forms(["revisions"])}

    form = client.get(admin_url(Article, "add")).context["adminform"].form
    assert form.fields["source_organization"].required
    assert list(form.fields["source_organization"].queryset) == [kv2]
    assert form.initial["source_organization"] == kv2.pk

    missing = client.post(admin_url(Article, "add"), data)
    elsewhere = client.post(admin_url(Article, "add"), {**data, "source_organization": kv4.pk})
    assert "source_organization" in form_errors(missing)
    assert "source_organization" in form_errors(elsewhere)
    assert not Article.objects.exists()

    added = client.post(admin_url(Article, "add"), {**data, "source_organization": kv2.pk})
    assert added.status_code == 302
    assert Article.objects.get().source_organization == kv2


def test_the_organisations_an_article_is_about_are_found_within_their_scope(client, editor, kv2, kv4):
    url = reverse("admin:autocomplete")
    params = {"app_label": "news", "model_name": "article", "field_name": "organizations", "term": "khu vực"}

    response = signed_in(client, editor).get(url, params)

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [str(kv2.pk)]


def test_a_system_administrator_may_leave_the_source_organisation_empty(client, kv2):
    administrator = user_in(EDITORS, username="admin-news")  # sees every organisation
    form = signed_in(client, administrator).get(admin_url(Article, "add")).context["adminform"].form

    assert not form.fields["source_organization"].required


def test_a_scoped_editor_cannot_give_their_article_to_another_organisation(editor, ours, kv4):
    ours.source_organization = kv4
    with pytest.raises(ValidationError) as error:
        article_save(article=ours, by=editor)

    assert out_of_scope(error)
    assert Article.objects.get(pk=ours.pk).source_organization_id != kv4.pk


def test_a_scoped_editor_cannot_add_an_article_of_no_organisation_through_the_service(editor):
    # Such an article would be seen by system administrators only: the form requires one,
    # and the service refuses it too.
    with pytest.raises(ValidationError) as error:
        article_create(article=Article(title="Không của ai"), by=editor)

    assert out_of_scope(error)
    assert not Article.objects.exists()


def test_an_editor_without_organisation_may_not_upload_pictures(client):
    nobody = user_in(EDITORS, username="no-organisation", organizations=())

    response = signed_in(client, nobody).post(admin_url(Article, "image_upload"), {})

    assert response.status_code == 403


# --- The chief editor of KV II publishes KV II's articles only ----------------------------------


def test_the_chief_editor_publishes_their_organisations_article_only(client, editor, chief, ours, theirs):
    article_submit(article=ours, by=editor)
    article_submit(article=theirs, by=None)
    client = signed_in(client, chief)

    client.post(admin_url(Article, "workflow", ours.pk, "approve"))
    refused = client.post(admin_url(Article, "workflow", theirs.pk, "approve"))

    assert refused.status_code == 404
    assert Article.objects.get(pk=ours.pk).status == S.PUBLISHED
    assert Article.objects.get(pk=theirs.pk).status == S.SUBMITTED
    with pytest.raises(ValidationError) as error:  # nor through the service
        article_approve(article=theirs, by=chief)
    assert out_of_scope(error)
    assert Article.objects.get(pk=theirs.pk).status == S.SUBMITTED


def test_feedback_is_moderated_within_the_organisation(client, chief, kv2, kv4):
    ours = ArticleFeedback.objects.create(
        article=published_article(title="A", source_organization=kv2), name="An", message="Hay"
    )
    theirs = ArticleFeedback.objects.create(
        article=published_article(title="B", source_organization=kv4), name="Bình", message="Tốt"
    )

    listed = signed_in(client, chief).get(admin_url(ArticleFeedback, "changelist"))
    assert list(listed.context["cl"].result_list) == [ours]
    with pytest.raises(ValidationError) as error:
        feedback_moderate(feedback=theirs, by=chief, approve=True)
    assert out_of_scope(error)
    feedback_moderate(feedback=ours, by=chief, approve=True)
    assert dict(ArticleFeedback.objects.values_list("pk", "status")) == {
        ours.pk: FeedbackStatus.APPROVED,
        theirs.pk: FeedbackStatus.PENDING,
    }


# --- The history: who, or which job ---------------------------------------------------------------


def test_the_history_names_the_user_of_each_change(client, editor, chief, kv2):
    client = signed_in(client, editor)
    data = {
        "title": "Hội nghị",
        "lead": "",
        "body": "<p>Nội dung</p>",
        "source_organization": kv2.pk,
        **management_forms(["revisions"]),
    }
    client.post(admin_url(Article, "add"), data)
    article = Article.objects.get()
    article_submit(article=article, by=editor)
    article_approve(article=article, by=chief)

    rows = list(article.history.order_by("history_id").values_list("history_type", "history_user", "status"))
    assert rows == [("+", editor.pk, S.DRAFT), ("~", editor.pk, S.SUBMITTED), ("~", chief.pk, S.PUBLISHED)]


def test_the_publishing_job_is_the_reason_of_its_history_row(chief, ours):
    ours.publish_at = timezone.now() + dt.timedelta(hours=1)
    article_save(article=ours, by=None)
    article_submit(article=ours, by=None)
    article_approve(article=ours, by=chief)
    assert Article.objects.get(pk=ours.pk).status == S.SCHEDULED

    assert articles_publish_due(now=timezone.now() + dt.timedelta(hours=2)) == 1

    last = ours.history.latest()
    assert (last.status, last.history_user, last.history_change_reason) == (
        S.PUBLISHED,
        None,
        "Đăng bài theo lịch (tác vụ tự động)",
    )
    assert publish_due_job_name() == last.history_change_reason


def test_an_uploaded_picture_is_in_the_history_as_the_uploaders(editor):
    image = article_image_upload(file=jpeg_upload(), by=editor)

    assert list(ArticleImage.history.values_list("id", "history_type", "history_user")) == [
        (image.pk, "+", editor.pk)
    ]


def test_the_counters_and_renditions_leave_no_history_row(ours):
    rows = ours.history.count()
    Article.objects.filter(pk=ours.pk).update(view_count=5, renditions_due=True)

    assert ours.history.count() == rows
    assert not hasattr(ours.history.latest(), "view_count")


# --- Restoring an earlier version -----------------------------------------------------------------


def test_a_version_of_the_history_is_restored_through_the_service(editor, ours):
    first = ours.history.get()
    ours.title, ours.lead = "Tiêu đề mới", "Sapo mới"
    article_save(article=ours, by=editor)

    restored = article_restore(article=ours, version=first, by=editor)

    assert (restored.title, restored.lead) == ("Tin của khu vực II", "Sáng 30/8, hội nghị đã diễn ra.")
    last = ours.history.latest()
    assert (ours.history.count(), last.history_user, last.title) == (3, editor, "Tin của khu vực II")
    assert last.history_change_reason.startswith("Khôi phục phiên bản lúc ")
    assert ArticleRevision.objects.filter(article=ours).latest("pk").by == editor
    assert ArticleAdmin.restore_service is article_restore


def test_restoring_another_organisations_article_or_version_is_refused(editor, ours, theirs):
    with pytest.raises(ValidationError) as error:
        article_restore(article=theirs, version=theirs.history.get(), by=editor)
    assert out_of_scope(error)
    with pytest.raises(ValidationError):
        article_restore(article=ours, version=theirs.history.get(), by=editor)
    with pytest.raises(ScopeError):
        article_restore_revision(revision=theirs.revisions.get(), by=editor)
    assert theirs.history.count() == 1


def test_restoring_a_revision_is_one_history_row_by_the_user(editor, ours):
    first = ours.revisions.get()
    ours.title = "Tiêu đề mới"
    article_save(article=ours, by=editor)

    article_restore_revision(revision=first, by=editor)

    rows = list(ours.history.order_by("history_id").values_list("title", "history_user"))
    assert rows == [
        ("Tin của khu vực II", None),
        ("Tiêu đề mới", editor.pk),
        ("Tin của khu vực II", editor.pk),
    ]
