"""An article written in CKEditor 5 under the enforced Content-Security-Policy, with a picture
uploaded from the editor and its caption, submitted by an editor and published by a chief editor."""

import os
import tempfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from portal.news.models import Article, ArticleStatus
from tests.browser import LAPTOP
from tests.e2e.test_csp import assert_strict_policy
from tests.files import jpeg_bytes
from tests.news.factories import CHIEF_EDITORS, EDITORS, editorial_groups

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "mat-khau-bien-tap-2025"
# Screenshots to look at (/tmp/shots unless SHOTS_DIR says otherwise).
SHOTS = Path(os.environ.get("SHOTS_DIR") or Path(tempfile.gettempdir()) / "shots")
CAPTION = "Quang cảnh hội nghị sơ kết"


def staff_in(group: str, username: str) -> User:
    editorial_groups()
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def log_in(page, live_server, user: User) -> None:
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def test_an_editor_writes_with_a_captioned_picture_and_a_chief_editor_publishes(
    live_server, open_page, tmp_path
):
    SHOTS.mkdir(exist_ok=True)
    editor = staff_in(EDITORS, "bientap")
    chief = staff_in(CHIEF_EDITORS, "tongbientap")
    picture = tmp_path / "hoi-nghi.jpg"
    picture.write_bytes(jpeg_bytes(800, 500))

    page = open_page(LAPTOP)
    log_in(page, live_server, editor)
    response = page.goto(f"{live_server.url}/admin/news/article/add/")
    assert_strict_policy(response)
    toolbar = page.locator(".ck-editor .ck-toolbar")
    editable = page.locator(".ck-editor__editable[contenteditable=true]")
    expect(toolbar).to_be_visible()
    expect(editable).to_be_visible()
    page.screenshot(path=SHOTS / "editor-1-empty.png", full_page=True)

    page.fill("#id_title", "Hội nghị sơ kết Quy chế phối hợp")
    page.fill("#id_lead", "Sáng 30/8, hội nghị sơ kết đã diễn ra trực tuyến.")
    editable.click()
    page.keyboard.type("Hội nghị đã đánh giá kết quả phối hợp.")
    page.keyboard.press("Enter")
    page.locator(".ck-toolbar input[type=file]").set_input_files(picture)
    uploaded = editable.locator("figure.image img[src^='/media/news/images/']")
    expect(uploaded).to_have_count(1)
    uploaded.click()
    # The first button of the picture's toolbar shows its caption, and puts the cursor there.
    page.locator(".ck-balloon-panel_visible .ck-toolbar button").first.click()
    expect(editable.locator("figure.image figcaption")).to_be_visible()
    page.keyboard.type(CAPTION)
    page.screenshot(path=SHOTS / "editor-2-written.png", full_page=True)

    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_have_count(1)
    article = Article.objects.get()
    assert f"<figcaption>{CAPTION}</figcaption>" in article.body
    preview_url = page.locator(".field-preview_link a").get_attribute("href")
    page.click("button.lifecycle[value=submit]")
    expect(page.locator(".messagelist .success")).to_have_count(1)
    assert Article.objects.get().status == ArticleStatus.SUBMITTED
    response = page.goto(live_server.url + preview_url)
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    expect(page.locator(".notice--preview")).to_contain_text("Xem trước – chưa xuất bản")
    expect(page.locator(".article__body figure.image figcaption")).to_have_text(CAPTION)
    page.screenshot(path=SHOTS / "editor-3-preview.png", full_page=True)
    assert page.errors == []

    chief_page = open_page(LAPTOP)
    log_in(chief_page, live_server, chief)
    chief_page.goto(f"{live_server.url}/admin/news/article/{article.pk}/change/")
    chief_page.click("button.lifecycle[value=approve]")
    expect(chief_page.locator(".messagelist .success")).to_have_count(1)
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    chief_page.locator(".field-compare a").nth(1).click()  # the only revision, beside nothing
    expect(chief_page.locator(".revision-compare__diff ins").first).to_be_visible()
    chief_page.screenshot(path=SHOTS / "editor-4-compare.png", full_page=True)
    assert chief_page.errors == []

    reader = open_page(LAPTOP)
    response = reader.goto(live_server.url + article.get_absolute_url())
    assert response.status == 200
    assert_strict_policy(response)
    figure = reader.locator(".article__body figure.image")
    expect(figure.locator("figcaption")).to_have_text(CAPTION)
    expect(figure.locator("img")).to_have_js_property("naturalWidth", 800)
    reader.screenshot(path=SHOTS / "editor-5-public.png", full_page=True)
    assert reader.errors == []
