"""The rich-text allow-list (portal.news.sanitize): what an article keeps, what an attacker loses."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from portal.news.sanitize import ATTRIBUTE_VALUES, ATTRIBUTES, TAGS, clean_body, is_own_media
from tests.security.xss import PAYLOADS

ALLOWED = {tag: ATTRIBUTES.get(tag, set()) | set(ATTRIBUTE_VALUES.get(tag, {})) for tag in TAGS}
ALLOWED["a"] = ALLOWED["a"] | {"rel"}
ALLOWED["figure"] = {"class"}


class Elements(HTMLParser):
    """Every start tag of a fragment with its attributes, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parsed(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_payload_of_the_xss_corpus_keeps_anything_that_could_run(payload, settings):
    settings.MEDIA_URL = "/media/"
    for html in (
        payload,
        f"<p>{payload}</p>",
        f"<figure class='image'>{payload}<figcaption>x</figcaption></figure>",
    ):
        elements = parsed(clean_body(html))
        for tag, attributes in elements.elements:
            assert tag in TAGS, (html, tag)
            assert set(attributes) <= ALLOWED[tag], (html, tag, attributes)
            for name in ("href", "src"):
                value = attributes.get(name)
                if value is not None:
                    assert urlsplit(value).scheme in {"", "http", "https", "mailto", "tel"}, (html, value)


def test_an_article_written_in_ckeditor_keeps_its_structure(settings):
    settings.MEDIA_URL = "/media/"
    body = (
        "<h2>Kết quả</h2><p>Hội nghị <strong>sơ kết</strong> 6 tháng, <em>ngày 02/7/2021</em>.</p>"
        '<figure class="image image-style-side"><img src="/media/news/2021/07/hoi-nghi.jpg" alt="Quang cảnh" '
        'width="960" height="640"><figcaption>Quang cảnh hội nghị</figcaption></figure>'
        '<ul><li>Một</li><li>Hai</li></ul><ol start="3"><li>Ba</li></ol>'
        "<blockquote><p>Trích dẫn</p></blockquote>"
        '<figure class="table"><table><thead><tr><th scope="col">Đơn vị</th><th>Số</th></tr></thead>'
        '<tbody><tr><td colspan="2">Tổng</td></tr></tbody></table></figure>'
        '<p><a href="https://hcma.vn/tin-tuc">Học viện</a></p>'
    )

    assert clean_body(body) == body.replace(
        '<a href="https://hcma.vn/tin-tuc">', '<a href="https://hcma.vn/tin-tuc" rel="noopener noreferrer">'
    )


def test_a_paste_from_word_keeps_its_text_without_its_styles_and_spans():
    pasted = (
        '<p class="MsoNormal" style="margin:0cm;font-family:Times New Roman"><span lang="VI" '
        'style="font-size:14pt">Đảng ủy Học viện</span><o:p></o:p></p>'
        "<!--[if gte mso 9]><xml>x</xml><![endif]-->"
    )

    assert clean_body(pasted) == "<p>Đảng ủy Học viện</p>"


@pytest.mark.parametrize(
    ("html", "kept"),
    [
        ('<img src="https://evil.example/pixel.gif" alt="x">', ""),
        ('<img src="//evil.example/pixel.gif">', ""),
        ('<img src="data:image/png;base64,iVBORw0KGgo=">', ""),
        ('<img src="/media/../admin/logo.png">', ""),
        ('<img src="/static/admin/img/icon.svg">', ""),
        ('<img src="/media/news/a.jpg?x=1">', ""),
        ('<img src="/media/news/a.jpg" alt="Ảnh">', '<img src="/media/news/a.jpg" alt="Ảnh">'),
    ],
)
def test_images_are_kept_only_from_the_sites_own_media(html, kept, settings):
    settings.MEDIA_URL = "/media/"

    assert clean_body(html) == kept


def test_with_media_on_their_own_domain_only_that_domain_is_accepted(settings):
    settings.MEDIA_URL = "https://media.bcd35.example.vn/"

    assert is_own_media("https://media.bcd35.example.vn/news/a.jpg")
    assert not is_own_media("http://media.bcd35.example.vn/news/a.jpg")
    assert not is_own_media("https://evil.example/news/a.jpg")
    assert not is_own_media("/news/a.jpg")


@pytest.mark.parametrize(
    ("html", "cleaned"),
    [
        ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
        ('<a href="data:text/html,<script>1</script>">x</a>', '<a rel="noopener noreferrer">x</a>'),
        (
            '<a href="/to-chuc/" target="_blank" onclick="x()">x</a>',
            '<a href="/to-chuc/" rel="noopener noreferrer">x</a>',
        ),
        ("<h1>Tiêu đề</h1>", "<h2>Tiêu đề</h2>"),
        ('<td colspan="2 onmouseover=x">c</td>', "c"),
        (
            '<table><tr><td colspan="2 x" rowspan="3">c</td></tr></table>',
            '<table><tbody><tr><td rowspan="3">c</td></tr></tbody></table>',
        ),
        ("<p>a\x00b</p>", "<p>ab</p>"),
        ("<p>x<!-- <script>1</script> --></p>", "<p>x</p>"),
        ("<svg><text>hidden</text></svg><p>kept</p>", "<p>kept</p>"),
        (
            '<figure class="image attacker-class"><figcaption>c</figcaption></figure>',
            '<figure class="image"><figcaption>c</figcaption></figure>',
        ),
    ],
)
def test_hostile_or_foreign_markup_is_reduced_to_the_allow_list(html, cleaned, settings):
    settings.MEDIA_URL = "/media/"

    assert clean_body(html) == cleaned
