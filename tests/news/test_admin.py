import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from portal.news.models import Article, ArticleRevision, ArticleStatus
from portal.news.services import article_save, article_submit
from tests.admin_forms import admin_url, change_form_data, form_errors, management_forms
from tests.files import jpeg_upload
from tests.news.factories import CHIEF_EDITORS, EDITORS, draft_article, user_in

S = ArticleStatus
pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return user_in(EDITORS, username="editor")


@pytest.fixture
def chief():
    return user_in(CHIEF_EDITORS, username="chief")


def as_user(client, user):
    client.force_login(user)
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def press(client, article, name):
    return client.post(admin_url(Article, "workflow", article.pk, name), follow=True)


def add_data(**fields) -> dict:
    return {
        "title": "Hội nghị Đảng ủy",
        "lead": "",
        "body": "<p>Nội dung</p>",
        **management_forms(["revisions"]),
        **fields,
    }


def test_an_editor_adds_an_article_through_the_service(client, editor):
    response = as_user(client, editor).post(admin_url(Article, "add"), add_data())

    article = Article.objects.get()
    assert response.status_code == 302
    assert (article.slug, article.status) == ("hoi-nghi-dang-uy", S.DRAFT)
    assert list(ArticleRevision.objects.values_list("by__username", "changed")) == [
        ("editor", ["title", "slug", "body"])
    ]


def test_a_cover_without_alternative_text_is_refused_on_the_form(client, editor):
    response = as_user(client, editor).post(admin_url(Article, "add"), add_data(cover=jpeg_upload()))

    assert form_errors(response) == {
        "cover_alt": ["Hãy mô tả ảnh đại diện cho người đọc không xem được ảnh."]
    }
    assert Article.objects.count() == 0


def test_a_slug_held_by_another_article_is_refused_on_the_form(client, editor):
    draft_article(title="Tin", slug="tin")

    response = as_user(client, editor).post(admin_url(Article, "add"), add_data(slug="tin"))

    assert "slug" in form_errors(response)
    assert Article.objects.count() == 1


def test_change_page_offers_the_steps_of_the_status_and_shows_who_submitted(client, editor, chief):
    article = draft_article()
    article_submit(article=article, by=editor)

    response = as_user(client, chief).get(admin_url(Article, "change", article.pk))

    assert [t.name for t in response.context["workflow"]] == ["approve", "archive"]
    assert f'<div class="readonly"><a href="/admin/auth/user/{editor.pk}/change/">editor</a></div>' in (
        response.content.decode()
    )


def test_an_editor_submits_but_may_not_approve_with_the_services_refusal(client, editor):
    article = draft_article(by=editor)
    as_user(client, editor)

    assert messages_of(press(client, article, "submit")) == [
        "“Hội nghị sơ kết Đảng ủy” hiện ở trạng thái “chờ duyệt”."
    ]
    response = press(client, article, "approve")

    assert messages_of(response) == [
        "“Hội nghị sơ kết Đảng ủy” không được thay đổi: "
        "Bạn không có quyền thực hiện thao tác này với bài viết."
    ]
    assert Article.objects.get().status == S.SUBMITTED


def test_a_chief_editor_may_not_approve_what_they_submitted_but_another_may(client, chief):
    article = draft_article()
    article_submit(article=article, by=chief)
    other = user_in(CHIEF_EDITORS, username="other")

    refused = press(as_user(client, chief), article, "approve")
    assert messages_of(refused) == [
        "“Hội nghị sơ kết Đảng ủy” không được thay đổi: Người gửi duyệt bài viết không thể tự duyệt bài đó."
    ]
    press(as_user(client, other), article, "approve")

    article.refresh_from_db()
    assert (article.status, article.submitted_by, article.approved_by) == (S.PUBLISHED, chief, other)


def test_a_step_not_offered_from_the_status_is_refused_with_the_reason(client, chief):
    article = draft_article()

    response = press(as_user(client, chief), article, "publish")

    assert messages_of(response) == [
        "“Hội nghị sơ kết Đảng ủy” không được thay đổi: "
        "Không thể “Xuất bản ngay” bài viết đang ở trạng thái “bản nháp”."
    ]


def test_workflow_buttons_answer_only_posts_and_known_steps(client, chief):
    article = draft_article()
    as_user(client, chief)

    assert client.get(admin_url(Article, "workflow", article.pk, "submit")).status_code == 405
    assert client.post(admin_url(Article, "workflow", article.pk, "fly")).status_code == 404
    assert Article.objects.get().status == S.DRAFT


def test_a_user_without_news_permissions_may_not_press_buttons(client):
    article = draft_article()

    response = as_user(client, user_in()).post(admin_url(Article, "workflow", article.pk, "submit"))

    assert response.status_code == 403
    assert Article.objects.get().status == S.DRAFT


def test_restore_button_puts_a_revision_back(client, editor):
    article = draft_article(title="Bản đầu", by=editor)
    first = article.revisions.get()
    article.title = "Bản hai"
    article_save(article=article, by=editor)
    as_user(client, editor)
    data = change_form_data(client.get(admin_url(Article, "change", article.pk)))

    response = client.post(admin_url(Article, "restore", article.pk, first.pk), data, follow=True)

    assert messages_of(response) == ["Đã khôi phục phiên bản."]
    assert Article.objects.get().title == "Bản đầu"
    assert ArticleRevision.objects.count() == 3


def test_changelist_lists_articles_with_their_status(client, chief):
    draft_article(title="Một")

    response = as_user(client, chief).get(admin_url(Article, "changelist"), {"status__exact": "draft"})

    assert [a.title for a in response.context["cl"].result_list] == ["Một"]


def test_change_page_lists_revisions_each_with_a_restore_button(client, editor):
    article = draft_article(title="Bản đầu", by=editor)
    article.title = "Bản hai"
    article_save(article=article, by=editor)
    first, second = article.revisions.order_by("pk")

    page = as_user(client, editor).get(admin_url(Article, "change", article.pk)).content.decode()

    for revision in (first, second):
        url = admin_url(Article, "restore", article.pk, revision.pk)
        assert f'formaction="{url}"' in page
    assert "tiêu đề, đường dẫn (slug), sapo, nội dung" in page


def test_an_editor_is_offered_only_the_steps_an_editor_may_take(client, editor):
    article = draft_article(publish_at=timezone.now() + dt.timedelta(days=1))
    as_user(client, editor)

    offered = [t.name for t in client.get(admin_url(Article, "change", article.pk)).context["workflow"]]
    article_submit(article=article, by=editor)
    offered_submitted = [
        t.name for t in client.get(admin_url(Article, "change", article.pk)).context["workflow"]
    ]

    assert (offered, offered_submitted) == (["submit", "archive"], ["archive"])
