"""The one rule for rich text stored by the portal: an allow-list, applied on the server.

Whatever the editor sends — CKEditor 5's output, a paste from Word, a hand-made request —
only what an article needs is kept: paragraphs, headings, lists, links, tables, block quotes,
and images with captions (`figure`/`figcaption`). Scripts, styles, frames, forms, event
handlers, `javascript:` and `data:` addresses are removed, and an image is kept only when it
is one of the site's own uploads (under MEDIA_URL); a foreign image would let a page track its
readers. Word's spans and styles go, their text stays.
"""

import posixpath
import re
from urllib.parse import unquote, urlsplit

import nh3
from django.conf import settings

TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "blockquote", "ul", "ol", "li", "a", "hr", "code", "pre",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "figure", "figcaption", "img",
}  # fmt: skip
# Removed with their content, not only their tags: nothing inside them is an article's text.
DROPPED_WITH_CONTENT = {
    "script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math", "textarea",
    "select", "title", "head",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "reversed"},
}
ATTRIBUTE_VALUES = {"th": {"scope": {"row", "col", "rowgroup", "colgroup"}}}
# The classes CKEditor 5 gives its figures, which the site's stylesheet lays out.
CLASSES = {
    "figure": {
        "image",
        "table",
        "image-style-side",
        "image-style-align-left",
        "image-style-align-right",
        "image-style-align-center",
        "image-style-block-align-left",
        "image-style-block-align-right",
    },
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
NUMBER = re.compile(r"\d{1,4}")
# The page's title is its only h1: a heading 1 pasted into the body becomes a heading 2.
HEADING_1 = re.compile(r"<(/?)h1\b", re.IGNORECASE)
# An image whose address was removed (nh3 output quotes every attribute with ").
IMAGE_WITHOUT_SOURCE = re.compile(r'<img(?:\s(?!src=)[a-z-]+="[^"]*")*\s*/?>')


def clean_body(html: str) -> str:
    """`html` with only what the allow-list keeps; NUL bytes and comments removed."""
    cleaned = nh3.clean(
        HEADING_1.sub(r"<\1h2", html.replace("\x00", "")),
        tags=TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ATTRIBUTES,
        tag_attribute_values=ATTRIBUTE_VALUES,
        allowed_classes=CLASSES,
        attribute_filter=_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return IMAGE_WITHOUT_SOURCE.sub("", cleaned).strip()


def is_own_media(url: str) -> bool:
    """True when `url` names a file under MEDIA_URL (a path, or MEDIA_URL's own origin), with
    no way out of it (`..`, a backslash, another host)."""
    media = urlsplit(settings.MEDIA_URL)
    parts = urlsplit(url.strip())
    if "\\" in url or parts.query or parts.fragment:
        return False
    if media.netloc:  # media on their own domain: the same scheme and host
        if (parts.scheme, parts.netloc) != (media.scheme, media.netloc):
            return False
    elif parts.scheme or parts.netloc:
        return False
    path = unquote(parts.path)
    prefix = media.path if media.path.endswith("/") else media.path + "/"
    return path.startswith(prefix) and posixpath.normpath(path) + ("/" if path.endswith("/") else "") == path


def _attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        return value if is_own_media(value) else None
    if attribute in {"width", "height", "colspan", "rowspan", "start"}:
        return value if NUMBER.fullmatch(value.strip()) else None
    if attribute == "reversed":
        return ""
    return value
