"""Responsive renditions of an article's cover and body images (portal/news/renditions.py), made once
by a task queued on commit, and the pages that use them."""

import datetime as dt
import re
from html.parser import HTMLParser

import nh3
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from portal.news import sanitize
from portal.news.models import Article
from portal.news.renditions import make_renditions, responsive_body
from portal.news.services import article_make_renditions, article_save, articles_make_missing_renditions
from portal.news.tasks import make_article_renditions
from tests.files import image_bytes, jpeg_upload
from tests.news.factories import draft_article, published_article
from tests.pages import html_of

pytestmark = pytest.mark.django_db

AUG_30 = dt.datetime(2021, 8, 30, 10, 9, tzinfo=dt.UTC)


def stored(name: str, image_format: str = "JPEG", size=(2000, 1000)) -> str:
    """An image saved in the storage under `name`, as an upload would leave it."""
    return default_storage.save(name, ContentFile(image_bytes(image_format, size)))


def size_and_format(name: str) -> tuple[tuple[int, int], str]:
    with default_storage.open(name) as file, Image.open(file) as image:
        return image.size, image.format


def figure(name: str, alt: str = "Ảnh") -> str:
    return (
        f'<figure class="image"><img src="/media/{name}" alt="{alt}"><figcaption>{alt}</figcaption></figure>'
    )


# --- Making them ----------------------------------------------------------------------------


def test_a_large_jpeg_gets_three_widths_in_webp_and_jpeg_named_after_it(media_root):
    name = stored("news/images/toan-canh.jpg")

    entry = make_renditions(name)

    assert entry == {
        "width": 2000,
        "height": 1000,
        "webp": [
            [480, "news/images/renditions/toan-canh-480.webp"],
            [960, "news/images/renditions/toan-canh-960.webp"],
            [1600, "news/images/renditions/toan-canh-1600.webp"],
        ],
        "original": [
            [480, "news/images/renditions/toan-canh-480.jpg"],
            [960, "news/images/renditions/toan-canh-960.jpg"],
            [1600, "news/images/renditions/toan-canh-1600.jpg"],
        ],
    }
    assert [size_and_format(name) for _, name in entry["webp"]] == [
        ((480, 240), "WEBP"),
        ((960, 480), "WEBP"),
        ((1600, 800), "WEBP"),
    ]
    assert [size_and_format(name) for _, name in entry["original"]] == [
        ((480, 240), "JPEG"),
        ((960, 480), "JPEG"),
        ((1600, 800), "JPEG"),
    ]


def test_a_rerun_finds_the_renditions_made_and_encodes_nothing_again(media_root):
    name = stored("news/images/toan-canh.jpg")
    first = make_renditions(name)
    files = sorted(path.name for path in (media_root / "news/images/renditions").iterdir())
    stamps = {path: path.stat().st_mtime_ns for path in (media_root / "news/images/renditions").iterdir()}

    assert make_renditions(name) == first
    assert sorted(path.name for path in (media_root / "news/images/renditions").iterdir()) == files
    assert {path: path.stat().st_mtime_ns for path in stamps} == stamps


def test_an_image_narrower_than_a_width_is_never_scaled_up(media_root):
    name = stored("news/images/chan-dung.png", "PNG", (1200, 900))

    entry = make_renditions(name)

    # WebP at the original's own width instead of 1600; in PNG the original itself is the widest.
    assert entry["webp"] == [
        [480, "news/images/renditions/chan-dung-480.webp"],
        [960, "news/images/renditions/chan-dung-960.webp"],
        [1200, "news/images/renditions/chan-dung-1200.webp"],
    ]
    assert entry["original"] == [
        [480, "news/images/renditions/chan-dung-480.png"],
        [960, "news/images/renditions/chan-dung-960.png"],
        [1200, name],
    ]
    assert size_and_format(entry["webp"][2][1]) == ((1200, 900), "WEBP")
    assert size_and_format(entry["original"][1][1]) == ((960, 720), "PNG")


def test_a_small_image_is_only_given_a_webp_copy(media_root):
    name = stored("news/images/nho.jpg", size=(300, 200))

    assert make_renditions(name) == {
        "width": 300,
        "height": 200,
        "webp": [[300, "news/images/renditions/nho-300.webp"]],
        "original": [[300, name]],
    }


def test_a_webp_original_is_its_own_original_format(media_root):
    name = stored("news/images/anh.webp", "WEBP", (1000, 500))

    entry = make_renditions(name)

    assert entry["webp"] == [
        [480, "news/images/renditions/anh-480.webp"],
        [960, "news/images/renditions/anh-960.webp"],
        [1000, name],
    ]
    assert entry["original"] == entry["webp"]


def test_a_gif_is_kept_as_it_is_with_its_size(media_root):
    name = stored("news/images/dong.gif", "GIF", (800, 600))

    assert make_renditions(name) == {"width": 800, "height": 600, "webp": [], "original": []}
    assert not (media_root / "news/images/renditions").exists()


def test_a_missing_or_unreadable_image_gets_an_empty_entry(media_root):
    junk = default_storage.save("news/images/hong.jpg", ContentFile(b"not a picture"))

    assert make_renditions("news/images/khong-co.jpg") == {}
    assert make_renditions(junk) == {}


# --- Once, after the commit ------------------------------------------------------------------


def test_saving_an_article_queues_its_renditions_after_the_commit(
    media_root, django_capture_on_commit_callbacks
):
    body_image = stored("news/images/phat-bieu.jpg", size=(1000, 600))

    with django_capture_on_commit_callbacks(execute=True):
        article = draft_article(
            cover=jpeg_upload("toan-canh.jpg", 1800, 1200),
            cover_alt="Toàn cảnh",
            body=f"<p>Mở đầu.</p>{figure(body_image)}",
        )

    article.refresh_from_db()
    assert set(article.renditions) == {article.cover.name, body_image}  # jsonb keeps no order
    assert article.renditions[article.cover.name]["webp"][-1][0] == 1600
    assert article.renditions[body_image]["original"][-1] == [1000, body_image]
    assert article.renditions_due is False


def test_a_save_that_adds_no_image_queues_nothing(media_root, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = draft_article(body=figure(stored("news/images/a.jpg")))
    article.refresh_from_db()

    article.lead = "Sapo mới."
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article_save(article=article, by=None)

    assert [callback for callback in callbacks if "enqueue" in repr(callback.__code__)] == []
    assert Article.objects.get(pk=article.pk).renditions == article.renditions


def test_an_image_added_is_rendered_alone_and_one_removed_is_forgotten(
    media_root, django_capture_on_commit_callbacks
):
    first, second = stored("news/images/a.jpg"), stored("news/images/b.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        article = draft_article(body=figure(first))
    article.refresh_from_db()
    made_first = article.renditions[first]

    article.body = figure(second)
    with django_capture_on_commit_callbacks(execute=True):
        article_save(article=article, by=None)

    assert Article.objects.get(pk=article.pk).renditions == {second: make_renditions(second)}
    assert made_first["webp"][0][1] == "news/images/renditions/a-480.webp"


def test_images_not_of_the_site_are_not_rendered(media_root, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = draft_article(body='<p>Chữ.</p><img src="https://evil.example/a.jpg">')

    article.refresh_from_db()
    assert (article.renditions, article.renditions_due) == ({}, False)


def test_the_sweep_makes_what_was_never_queued_and_then_nothing(
    media_root, django_capture_on_commit_callbacks
):
    # The commit callbacks (which queue the task) never run: the broker was down.
    with django_capture_on_commit_callbacks(execute=False):
        article = draft_article(body=figure(stored("news/images/a.jpg")))
    assert Article.objects.get(pk=article.pk).renditions_due is True

    assert articles_make_missing_renditions() == 1
    assert articles_make_missing_renditions() == 0
    article.refresh_from_db()
    assert (list(article.renditions), article.renditions_due) == (["news/images/a.jpg"], False)


def test_the_task_skips_a_deleted_article_and_is_in_the_beat_schedule():
    assert make_article_renditions.delay(987654).get() == 0
    assert settings.CELERY_BEAT_SCHEDULE["news-missing-renditions"]["task"] == "news.make_missing_renditions"


def test_rendering_twice_makes_nothing_twice(media_root, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        article = draft_article(body=figure(stored("news/images/a.jpg")))

    assert article_make_renditions(article_id=article.pk) == 1
    assert article_make_renditions(article_id=article.pk) == 0


# --- Pages ----------------------------------------------------------------------------------


def rendered_article(django_capture_on_commit_callbacks, **fields) -> Article:
    with django_capture_on_commit_callbacks(execute=True):
        return published_article(now=AUG_30, **{"title": "Hội nghị sơ kết", **fields})


def test_the_cover_is_a_picture_with_webp_and_jpeg_srcsets_and_its_size_not_lazy(
    client, media_root, django_capture_on_commit_callbacks
):
    article = rendered_article(
        django_capture_on_commit_callbacks, cover=jpeg_upload("c.jpg", 2000, 1000), cover_alt="Toàn cảnh"
    )
    stem = article.cover.name.removeprefix("news/covers/").removesuffix(".jpg")
    sizes = "(min-width: 74rem) 70rem, calc(100vw - 2rem)"

    page = html_of(client.get(article.get_absolute_url()))

    srcset = ", ".join(
        f"/media/news/covers/renditions/{stem}-{width}.{{}} {width}w" for width in (480, 960, 1600)
    )
    assert (
        f'<source type="image/webp" srcset="{srcset.format("webp", "webp", "webp")}" sizes="{sizes}">' in page
    )
    assert (
        f'<img src="/media/{article.cover.name}" srcset="{srcset.format("jpg", "jpg", "jpg")}" '
        f'sizes="{sizes}" '
        'width="2000" height="1000" alt="Toàn cảnh" decoding="async" fetchpriority="high">'
    ) in page
    assert 'loading="lazy"' not in page


def test_body_images_get_srcset_size_and_lazy_loading(client, media_root, django_capture_on_commit_callbacks):
    name = stored("news/images/phat-bieu.jpg", size=(1200, 800))
    article = rendered_article(
        django_capture_on_commit_callbacks, body=figure(name, "PGS, TS Hoàng Phúc Lâm phát biểu")
    )

    page = html_of(client.get(article.get_absolute_url()))

    webp = "/media/news/images/renditions/phat-bieu-{}.webp {}w"
    jpeg = "/media/news/images/renditions/phat-bieu-{}.jpg {}w"
    sizes = "(min-width: 74rem) 70rem, calc(100vw - 2rem)"
    assert (
        '<figure class="image"><picture>'
        f'<source type="image/webp" srcset="{webp.format(480, 480)}, {webp.format(960, 960)}, '
        f'{webp.format(1200, 1200)}" sizes="{sizes}">'
        '<img src="/media/news/images/phat-bieu.jpg" alt="PGS, TS Hoàng Phúc Lâm phát biểu" width="1200" '
        f'height="800" srcset="{jpeg.format(480, 480)}, {jpeg.format(960, 960)}, '
        f'/media/news/images/phat-bieu.jpg 1200w" sizes="{sizes}" loading="lazy" decoding="async"></picture>'
        "<figcaption>PGS, TS Hoàng Phúc Lâm phát biểu</figcaption></figure>"
    ) in page


def test_before_the_renditions_are_made_the_page_shows_the_images_as_stored(
    client, media_root, django_capture_on_commit_callbacks
):
    name = stored("news/images/a.jpg")
    with django_capture_on_commit_callbacks(execute=False):
        article = published_article(title="Tin", body=figure(name), cover=jpeg_upload(), cover_alt="Ảnh bìa")

    page = html_of(client.get(article.get_absolute_url()))

    assert figure(name) in page
    assert (
        f'<img src="/media/{article.cover.name}" alt="Ảnh bìa" decoding="async" fetchpriority="high">' in page
    )


def test_a_cached_page_is_rebuilt_with_the_renditions_once_they_are_made(
    client, media_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        article = published_article(title="Tin", body=figure(stored("news/images/a.jpg")))
    first = client.get(article.get_absolute_url())
    assert (first["X-Page-Cache"], html_of(first).count("srcset=")) == ("miss", 0)
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        article_make_renditions(article_id=article.pk)

    again = client.get(article.get_absolute_url())
    assert (again["X-Page-Cache"], html_of(again).count("srcset=")) == ("miss", 2)


@pytest.mark.parametrize("count", [1, 4])
def test_renditions_cost_the_article_page_no_query(
    client, media_root, django_capture_on_commit_callbacks, count
):
    plain = rendered_article(django_capture_on_commit_callbacks, title="Tin không ảnh")
    for number in range(count):
        rendered_article(
            django_capture_on_commit_callbacks,
            title=f"Tin {number}",
            cover=jpeg_upload("c.jpg", 1000, 500),
            cover_alt="Ảnh",
            body=figure(stored(f"news/images/{number}.jpg")),
        )

    # The page's own count is pinned by tests/news/test_views.py; the pictures add nothing to it,
    # however many articles have them.
    with CaptureQueriesContext(connection) as without_images:
        html_of(client.get(plain.get_absolute_url()))
    with CaptureQueriesContext(connection) as with_renditions:
        page = html_of(client.get("/tin-tuc/tin-0/"))
    assert page.count("srcset=") == 4
    assert len(with_renditions) == len(without_images)


# --- Safe output ----------------------------------------------------------------------------

# The sanitiser's allow-list, extended by exactly what the rewrite may add.
EXTENDED_TAGS = sanitize.TAGS | {"picture", "source"}
EXTENDED_ATTRIBUTES = {
    **sanitize.ATTRIBUTES,
    "img": sanitize.ATTRIBUTES["img"] | {"srcset", "sizes", "loading", "decoding"},
    "source": {"type", "srcset", "sizes"},
}
CANDIDATE = re.compile(r"(\S+) (\d{1,4})w")


def _extended_attribute(tag, attribute, value):
    if attribute == "srcset":
        candidates = value.split(", ")
        ok = all(
            (match := CANDIDATE.fullmatch(candidate)) and sanitize.is_own_media(match.group(1))
            for candidate in candidates
        )
        return value if ok else None
    if (tag, attribute) in {("source", "type")}:
        return value if value == "image/webp" else None
    if attribute == "loading":
        return value if value == "lazy" else None
    if attribute == "decoding":
        return value if value == "async" else None
    if attribute == "sizes":
        return value if value == "(min-width: 74rem) 70rem, calc(100vw - 2rem)" else None
    return sanitize._attribute(tag, attribute, value)


def extended_clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=EXTENDED_TAGS,
        attributes=EXTENDED_ATTRIBUTES,
        allowed_classes=sanitize.CLASSES,
        attribute_filter=_extended_attribute,
        url_schemes=sanitize.URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


# Every tag and (tag, attribute) a browser may read in a rewritten body of the cases below.
SAFE_MARKUP = {
    *("p", "a", "figure", "figcaption", "picture", "source", "img"),
    *(("a", name) for name in ("href", "rel", "title")),
    ("figure", "class"),
    *(("source", name) for name in ("type", "srcset", "sizes")),
    *(("img", name) for name in ("src", "alt", "width", "height", "srcset", "sizes", "loading", "decoding")),
}


def markup_of(fragment: str) -> set:
    """The tags of `fragment` and their attributes, as a browser's parser reads them."""
    found: set = set()

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.add(tag)
            found.update((tag, name) for name, _ in attrs)

    Parser().feed(fragment)
    return found


HOSTILE_BODIES = [
    '<p>a</p><img src="/media/news/a.jpg" alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">',
    '<img src="/media/news/a.jpg" alt="x" width="10"><img src="/media/news/a.jpg">',
    '<figure class="image"><img src="/media/news/a.jpg" alt="\'><svg onload=alert(1)>">'
    "<figcaption>c</figcaption></figure>",
    '<p><img src="/media/news/a.jpg" alt="a" onerror="alert(1)"></p><img src="https://evil.example/a.jpg">',
    '<a href="/media/news/a.jpg"><img src="/media/news/a.jpg" alt="<img src=x onerror=alert(1)>"></a>',
]
HOSTILE_RENDITIONS = {
    "news/a.jpg": {
        "width": '1" onload="alert(1)',
        "height": 1,
        "webp": [[480, 'news/r/a" onerror="alert(1).webp']],
        "original": [[480, "news/r/a 1w, javascript:alert(1)"], [960, "news/r/<script>.jpg"]],
    }
}


@pytest.mark.parametrize("body", HOSTILE_BODIES)
def test_the_rewrite_adds_only_what_the_extended_allow_list_keeps(media_root, body):
    name = stored("news/a.jpg")
    clean = sanitize.clean_body(body)

    rewritten = responsive_body(clean, {name: make_renditions(name)})

    assert rewritten.count("<picture>") == clean.count('src="/media/news/a.jpg"') > 0
    assert extended_clean(rewritten) == rewritten
    assert markup_of(rewritten) <= SAFE_MARKUP


@pytest.mark.parametrize("body", HOSTILE_BODIES)
def test_hostile_rendition_names_cannot_break_out_of_their_attribute(body):
    clean = sanitize.clean_body(body)

    rewritten = responsive_body(clean, HOSTILE_RENDITIONS)

    assert extended_clean(rewritten) == rewritten
    assert markup_of(rewritten) <= SAFE_MARKUP
    assert "javascript:" not in rewritten


def test_an_image_written_inside_an_attribute_is_not_rewritten(media_root):
    name = stored("news/a.jpg")
    clean = sanitize.clean_body('<p><a href="/" title=\'<img src="/media/news/a.jpg">\'>x</a></p>')

    assert responsive_body(clean, {name: make_renditions(name)}) == clean
