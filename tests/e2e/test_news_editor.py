"""An article written in CKEditor 5 under the enforced Content-Security-Policy, with a picture
uploaded from the editor and its caption, submitted by an editor and published by a chief editor;
then a reader on a phone finds it by searching without diacritics, enlarges the text and prints it."""

import os
import tempfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from portal.news.models import Article, ArticleStatus
from tests.browser import LAPTOP, PHONE
from tests.e2e.test_article_page import COUNT_PRINTS
from tests.e2e.test_csp import assert_strict_policy
from tests.files import jpeg_bytes
from tests.news.factories import CHIEF_EDITORS, EDITORS, editorial_groups
from tests.staff import sees_everything

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "mat-khau-bien-tap-2025"
# Screenshots to look at (/tmp/shots unless SHOTS_DIR says otherwise).
SHOTS = Path(os.environ.get("SHOTS_DIR") or Path(tempfile.gettempdir()) / "shots")
CAPTION = "Quang cảnh hội nghị sơ kết"


def staff_in(group: str, username: str) -> User:
    editorial_groups()
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    # The journey is about writing and publishing, not about whose articles they are.
    return sees_everything(user)


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

    # A reader on a phone finds it by typing without diacritics, enlarges the text and prints it.
    reader = open_page(PHONE)
    reader.context.add_init_script(COUNT_PRINTS)
    reader.goto(live_server.url + "/")
    reader.get_by_role("link", name="Tìm kiếm").click()
    reader.get_by_label("Từ khóa").fill("hoi nghi so ket quy che phoi hop")
    reader.get_by_label("Từ khóa").press("Enter")
    hit = reader.locator(".search-hit__title a")
    expect(hit).to_have_text(["Hội nghị sơ kết Quy chế phối hợp"])
    hit.click()
    reader.wait_for_url(live_server.url + article.get_absolute_url())
    figure = reader.locator(".article__body figure.image")
    expect(figure.locator("figcaption")).to_have_text(CAPTION)
    figure.locator("img").scroll_into_view_if_needed()
    expect(figure.locator("img")).not_to_have_js_property("naturalWidth", 0)
    body = reader.locator(".article__body")
    normal = body.evaluate("element => parseFloat(getComputedStyle(element).fontSize)")
    reader.get_by_role("button", name="Phóng to chữ").click()
    assert body.evaluate("element => parseFloat(getComputedStyle(element).fontSize)") > normal
    reader.get_by_role("button", name="In trang").click()
    assert reader.evaluate("window.__prints") == 1
    reader.emulate_media(media="print")
    expect(reader.locator(".site-header")).to_be_hidden()
    expect(figure.locator("figcaption")).to_be_visible()
    reader.screenshot(path=SHOTS / "editor-5-public-print.png", full_page=True)
    reader.emulate_media(media="screen")
    assert reader.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert reader.errors == []
