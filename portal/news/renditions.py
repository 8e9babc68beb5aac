"""Responsive renditions of an article's images: what is made, and how a page uses it.

An article's images are its cover and the site's own images in its (sanitised) body. Each is
scaled to RENDITION_WIDTHS — never up: a width past the original's becomes the original's own
— in WebP and in the original's format, under names derived from the original's
(`news/covers/ab12.jpg` → `news/covers/renditions/ab12-480.webp`), so a rerun finds what it made
and makes nothing twice. What was made is kept on the article (`Article.renditions`) and the
page writes its `srcset` from that, without a query or a look at the storage.

The body is rewritten when shown (`responsive_body`), not when saved: the stored body stays the
editor's, and renditions made later (the task runs after the commit) reach the cached page when
the task marks the news changed. The rewrite only adds what the sanitiser's allow-list extended
by `picture`, `source` and four image attributes would keep, every value escaped.
"""

import html
import io
import logging
import re
import warnings
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.html import escape

from portal.news.sanitize import is_own_media

logger = logging.getLogger(__name__)

RENDITION_WIDTHS = (480, 960, 1600)
# The article's column: the page's container (72rem) less its padding; the whole screen less
# the padding on a phone.
SIZES = "(min-width: 74rem) 70rem, calc(100vw - 2rem)"
# Pillow's format → the extension and save options of the original-format renditions. GIF is
# not scaled (an animation would lose its frames): its page shows the original, with its size.
FORMATS: dict[str, tuple[str, dict[str, Any]]] = {
    "JPEG": ("jpg", {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True}),
    "PNG": ("png", {"format": "PNG", "optimize": True}),
    "WEBP": ("webp", {"format": "WEBP", "quality": 80, "method": 4}),
}
WEBP = FORMATS["WEBP"]
# An <img> as nh3 writes it: lower-case attribute names, every value in double quotes with the
# quotes inside escaped. The body is only ever stored as nh3 left it (services.article_save).
IMAGE = re.compile(r'<img((?:\s+[a-z-]+="[^"]*")*)\s*/?>')
ATTRIBUTE = re.compile(r'\s+([a-z-]+)="([^"]*)"')

Renditions = Mapping[str, Mapping[str, Any]]


def media_name(url: str) -> str | None:
    """The stored name of the file at `url` when it is one of the site's own media, else None."""
    if not is_own_media(url):
        return None
    prefix = urlsplit(settings.MEDIA_URL).path
    prefix = prefix if prefix.endswith("/") else prefix + "/"
    return unquote(urlsplit(url.strip()).path)[len(prefix) :] or None


def body_image_names(body: str) -> list[str]:
    """The stored names of the site's own images in a sanitised body, in order, once each."""
    names: list[str] = []
    for match in IMAGE.finditer(body):
        source = dict(ATTRIBUTE.findall(match.group(1))).get("src", "")
        name = media_name(html.unescape(source))
        if name and name not in names:
            names.append(name)
    return names


def image_names(*, cover: str, body: str) -> list[str]:
    """The stored names of an article's images: its cover (if any), then its body's."""
    names = [cover] if cover else []
    return names + [name for name in body_image_names(body) if name != cover]


def renditions_missing(*, cover: str, body: str, renditions: Renditions) -> bool:
    """Whether an image of the article has no renditions entry yet."""
    return any(name not in renditions for name in image_names(cover=cover, body=body))


def rendition_name(name: str, width: int, extension: str) -> str:
    """`<folder>/renditions/<stem>-<width>.<extension>`: the same for the same original."""
    path = PurePosixPath(name)
    return str(path.parent / "renditions" / f"{path.stem}-{width}.{extension}")


def make_renditions(name: str) -> dict[str, Any]:
    """Make (or find, when made before) the renditions of the stored image `name`.

    Returns its entry: the original's size and the renditions, narrowest first. An image that
    is gone, unreadable or too large to decode safely gets an empty entry (logged), so it is
    not tried again: the page shows it as stored. A storage failure (OSError) propagates, for
    the task to retry.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with default_storage.open(name, "rb") as source, Image.open(source) as original:
                original.load()
                image = ImageOps.exif_transpose(original)
                image_format = original.format or ""
    except FileNotFoundError:
        logger.warning("The article image %s is not in the storage.", name)
        return {}
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        SyntaxError,
    ):
        logger.warning("The article image %s could not be read.", name, exc_info=True)
        return {}
    width, height = image.size
    entry: dict[str, Any] = {"width": width, "height": height, "webp": [], "original": []}
    if image_format not in FORMATS:
        return entry
    extension, options = FORMATS[image_format]
    for target in sorted({min(size, width) for size in RENDITION_WIDTHS}):
        scaled = None
        for key, (ext, save_options) in (("webp", WEBP), ("original", (extension, options))):
            if target == width and (key == "original" or image_format == "WEBP"):
                entry[key].append([width, name])  # the original is its own full-width rendition
                continue
            if key == "original" and image_format == "WEBP":
                entry[key].append(entry["webp"][-1])  # a WebP original: the same files
                continue
            target_name = rendition_name(name, target, ext)
            if not default_storage.exists(target_name):
                if scaled is None:
                    scaled = _scaled(image, target, round(height * target / width))
                _save(scaled, target_name, save_options)
            entry[key].append([target, target_name])
    return entry


def _scaled(image: Any, width: int, height: int) -> Any:
    from PIL import Image

    mode = "RGBA" if image.mode in {"RGBA", "LA", "P", "PA"} else "RGB"
    return image.convert(mode).resize((width, max(height, 1)), Image.Resampling.LANCZOS)


def _save(image: Any, name: str, options: dict[str, Any]) -> None:
    buffer = io.BytesIO()
    (image.convert("RGB") if options["format"] == "JPEG" else image).save(buffer, **options)
    stored = default_storage.save(name, ContentFile(buffer.getvalue()))
    if stored != name:  # another worker made it meanwhile: keep one
        default_storage.delete(stored)


# --- Pages ----------------------------------------------------------------------------------


def _pixels(value: Any) -> int | None:
    return value if type(value) is int and value > 0 else None


def srcset(candidates: list[list[Any]]) -> str:
    """A `srcset` value from `[[width, name], ...]`, each URL escaped for an attribute; empty
    when a candidate is not a width and a name that fit in one."""
    parts = []
    for width, name in candidates:
        url = default_storage.url(name)
        if _pixels(width) is None or re.search(r"[\s,]", url):  # would split the list
            return ""
        parts.append(f"{url} {width}w")
    return escape(", ".join(parts))


def picture(entry: Mapping[str, Any] | None) -> dict[str, Any]:
    """What a template needs to write an image's <picture> from its renditions entry."""
    entry = entry or {}
    width, height = _pixels(entry.get("width")), _pixels(entry.get("height"))
    return {
        "width": width if height else None,
        "height": height if width else None,
        "webp_srcset": srcset(entry.get("webp") or []),
        "srcset": srcset(entry.get("original") or []),
        "sizes": SIZES,
    }


def responsive_body(body: str, renditions: Renditions) -> str:
    """The sanitised `body` with each own image that has renditions wrapped in a <picture>:
    a WebP <source>, and the <img> given srcset, sizes, its size, lazy loading and async
    decoding. Everything else is left as stored."""
    if not renditions:
        return body

    def rewrite(match: re.Match[str]) -> str:
        attributes = dict(ATTRIBUTE.findall(match.group(1)))
        name = media_name(html.unescape(attributes.get("src", "")))
        image = picture(renditions.get(name) if name else None)
        if not image["srcset"]:
            return match.group(0)
        if image["width"] and not ("width" in attributes or "height" in attributes):
            attributes.update(width=str(image["width"]), height=str(image["height"]))
        attributes.update(srcset=image["srcset"], sizes=image["sizes"], loading="lazy", decoding="async")
        tag = "<img" + "".join(f' {key}="{value}"' for key, value in attributes.items()) + ">"
        if image["webp_srcset"]:
            source = f'<source type="image/webp" srcset="{image["webp_srcset"]}" sizes="{image["sizes"]}">'
            return f"<picture>{source}{tag}</picture>"
        return tag

    return IMAGE.sub(rewrite, body)
