"""The article body's editor: CKEditor 5 on the admin page, without inline scripts, and what it
writes surviving the server's allow-list."""

import json
import re

import pytest

from portal.news.sanitize import clean_body
from tests.news.factories import EDITORS, user_in

# What CKEditor 5 (47.x) writes for each block the toolbar offers.
FIGURE = (
    '<figure class="image"><img src="/media/news/images/0f3c.jpg" width="800" height="500">'
    "<figcaption>Quang cảnh hội nghị</figcaption></figure>"
)
TABLE = (
    '<figure class="table"><table><thead><tr><th>Đơn vị</th><th>Số bài</th></tr></thead>'
    "<tbody><tr><td>Học viện</td><td>12</td></tr></tbody></table>"
    "<figcaption>Kết quả năm 2021</figcaption></figure>"
)
QUOTE = "<blockquote><p>Bảo vệ nền tảng tư tưởng của Đảng.</p></blockquote>"
LISTS = "<ul><li>Một</li><li>Hai</li></ul><ol><li>Ba</li></ol>"
HEADINGS = "<h2>Phần một</h2><h3>Mục</h3><h4>Tiểu mục</h4>"
LINK = '<p>Xem <a href="https://hcma.vn/tin">tin gốc</a>, <strong>đậm</strong> và <i>nghiêng</i>.</p>'


@pytest.mark.parametrize(
    "html", [FIGURE, TABLE, QUOTE, LISTS, HEADINGS], ids=["figure", "table", "quote", "lists", "headings"]
)
def test_what_the_editor_writes_survives_the_allow_list_whole(html):
    assert clean_body(html) == html


def test_a_link_survives_with_rel_added():
    assert clean_body(LINK) == LINK.replace('">tin', '" rel="noopener noreferrer">tin')


def test_the_inline_aspect_ratio_the_editor_puts_on_images_is_dropped():
    written = FIGURE.replace("<img ", '<img style="aspect-ratio:800/500;" ')

    assert clean_body(written) == FIGURE


def test_an_image_side_style_keeps_its_class_and_a_foreign_image_is_dropped():
    side = FIGURE.replace('class="image"', 'class="image image-style-side"')
    foreign = FIGURE.replace("/media/news/images/0f3c.jpg", "https://tracker.example/pixel.gif")

    assert clean_body(side) == side
    assert (
        clean_body(foreign) == '<figure class="image"><figcaption>Quang cảnh hội nghị</figcaption></figure>'
    )


def test_a_paste_from_word_keeps_the_text_and_loses_the_styling():
    pasted = (
        '<p class="MsoNormal" style="margin:0cm;font-family:Calibri"><span lang="VI" style="font-size:14pt">'
        "Hội nghị <b>sơ kết</b></span><o:p></o:p></p>"
    )

    assert clean_body(pasted) == "<p>Hội nghị <b>sơ kết</b></p>"


@pytest.fixture
def add_page(client, db):
    client.force_login(user_in(EDITORS, username="editor"))
    return client.get("/admin/news/article/add/").content.decode()


def test_the_add_page_shows_the_editor_with_its_config_as_data_and_no_inline_script(add_page):
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", add_page, re.DOTALL)
    inline = [(attrs, body) for attrs, body in scripts if "src=" not in attrs]
    sources = [re.search(r'src="([^"]+)"', attrs).group(1) for attrs, _ in scripts if "src=" in attrs]

    assert 'class="django_ckeditor_5"' in add_page
    assert [attrs.strip() for attrs, _ in inline] == ['id="id_body_script" type="application/json"']
    config = json.loads(inline[0][1])
    assert config["language"] == "vi"
    assert [option["title"] for option in config["heading"]["options"]] == [
        "Đoạn văn",
        "Tiêu đề 2",
        "Tiêu đề 3",
        "Tiêu đề 4",
    ]
    assert {"uploadImage", "blockQuote", "insertTable", "link"} <= set(config["toolbar"]["items"])
    assert any("django_ckeditor_5/dist/bundle" in source for source in sources)
    assert any("django_ckeditor_5/dist/translations/vi" in source for source in sources)
    assert any("js/ckeditor-csp" in source for source in sources)
    assert 'data-upload-url="/admin/news/article/images/upload/"' in add_page
    assert "style=" not in re.search(
        r'<div class="ck-editor-container">.*?</div>', add_page, re.DOTALL
    ).group(0)


def test_the_page_policy_allows_no_inline_script_or_style(client, db):
    client.force_login(user_in(EDITORS, username="editor"))

    policy = client.get("/admin/news/article/add/")["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert (
        "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
    )
    assert directives["style-src"] == "'self'"
