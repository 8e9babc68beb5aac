"""Revisions compared in the admin: a revision beside the current article or the one before it."""

import pytest

from portal.news.models import Article
from portal.news.services import article_save
from tests.news.factories import EDITORS, draft_article, user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    """Three revisions: the draft, a new title and lead, then a new body."""
    article = draft_article(title="Hội nghị sơ kết", lead="Sáng 30/8.", body="<p>Nội dung.</p>")
    article.title, article.lead = "Hội nghị tổng kết", "Sáng 31/8."
    article_save(article=article, by=None)
    article.body = '<p>Nội dung.</p><p>Thêm <a href="https://hcma.vn/">liên kết</a>.</p>'
    article_save(article=article, by=None)
    return Article.objects.get(pk=article.pk)


def url(article, revision, *, previous=False) -> str:
    return f"/admin/news/article/{article.pk}/revisions/{revision.pk}/compare/" + (
        "?with=previous" if previous else ""
    )


def sections(page: str) -> dict[str, str]:
    """The diff shown under each field's heading."""
    found = {}
    for part in page.split('<section class="revision-compare__field">')[1:]:
        heading = part.split("<h2>", 1)[1].split("</h2>", 1)[0]
        diff = part.split('<div class="revision-compare__diff">', 1)[1].split("</div>", 1)[0]
        found[heading.split(" <span")[0]] = diff
    return found


def test_the_first_revision_beside_the_current_article(client, article):
    viewer = user_in(None, username="viewer", permissions=("view_article",))
    client.force_login(viewer)
    first = article.revisions.order_by("pk").first()

    response = client.get(url(article, first))

    assert response.status_code == 200
    assert sections(response.content.decode()) == {
        "Tiêu đề": "Hội nghị <del>sơ</del><ins>tổng</ins> kết",
        "Sapo": "Sáng <del>30/8.</del><ins>31/8.</ins>",
        "Nội dung": (
            "&lt;p&gt;Nội dung.&lt;/p&gt;<ins>\n&lt;p&gt;Thêm &lt;a "
            "href=&quot;https://hcma.vn/&quot; rel=&quot;noopener noreferrer&quot;&gt;liên "
            "kết&lt;/a&gt;.&lt;/p&gt;</ins>"
        ),
    }


def test_a_revision_beside_the_one_before_shows_only_what_it_changed(client, article):
    client.force_login(user_in(EDITORS, username="editor"))
    second = article.revisions.order_by("pk")[1]

    page = client.get(url(article, second, previous=True)).content.decode()

    shown = sections(page)
    assert shown["Tiêu đề"] == "Hội nghị <del>sơ</del><ins>tổng</ins> kết"
    assert shown["Nội dung"] == "&lt;p&gt;Nội dung.&lt;/p&gt;"
    assert "(không đổi)" in page.split("Nội dung", 1)[1].split("</h2>", 1)[0]


def test_the_first_revision_beside_nothing_shows_it_all_added(client, article):
    client.force_login(user_in(EDITORS, username="editor"))
    first = article.revisions.order_by("pk").first()

    shown = sections(client.get(url(article, first, previous=True)).content.decode())

    assert shown["Tiêu đề"] == "<ins>Hội nghị sơ kết</ins>"


def test_a_hostile_body_is_shown_as_text(client):
    article = draft_article(body="<p>a</p>")
    revision = article.revisions.get()
    revision.snapshot = {**revision.snapshot, "title": '<img src=x onerror="alert(1)">'}
    revision.save()
    client.force_login(user_in(EDITORS, username="editor"))

    page = client.get(url(article, revision)).content.decode()

    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page


def test_the_restore_button_is_offered_to_those_who_may_change_and_restores(client, article):
    first = article.revisions.order_by("pk").first()
    viewer = user_in(None, username="viewer", permissions=("view_article",))
    client.force_login(viewer)
    assert "/restore/" not in client.get(url(article, first)).content.decode()

    client.force_login(user_in(EDITORS, username="editor"))
    page = client.get(url(article, first)).content.decode()
    restore = f"/admin/news/article/{article.pk}/revisions/{first.pk}/restore/"
    assert f'action="{restore}"' in page
    client.post(restore)

    assert Article.objects.get(pk=article.pk).title == "Hội nghị sơ kết"


def test_staff_without_the_view_permission_are_refused(client, article):
    client.force_login(user_in(None, username="other", permissions=("view_category",)))

    assert client.get(url(article, article.revisions.first())).status_code == 403


def test_a_revision_of_another_article_or_a_bad_id_is_not_found(client, article):
    other = draft_article(title="Tin khác")
    client.force_login(user_in(EDITORS, username="editor"))

    assert client.get(url(article, other.revisions.get())).status_code == 404
    assert client.get(f"/admin/news/article/{article.pk}/revisions/99999999999/compare/").status_code == 404
    assert client.get("/admin/news/article/abc/revisions/1/compare/").status_code == 404


def test_the_revision_list_links_to_both_comparisons(client, article):
    client.force_login(user_in(EDITORS, username="editor"))
    revision = article.revisions.first()

    page = client.get(f"/admin/news/article/{article.pk}/change/").content.decode()

    assert f'href="{url(article, revision)}"' in page
    assert f'href="{url(article, revision)}?with=previous"' in page
