"""Demo data of the news: the five source articles, published as an editor would (tables in `data`).

Runs after committees, events and agreements (INSTALLED_APPS order) and links each article to the
records those demos made of it. Categories and tags, which have no service, are upserted; every
article goes through the news services as nobody (`by=None`): `article_save` (which cleans the
body and keeps a revision), then `article_submit` and `article_approve` at the time the page gives.

Photos: the sources have captions, not pictures. Each is a generated placeholder (a neutral
picture with the caption's first words) stored through the upload rules (`portal.files`): the
cover through the article's `UploadImageField`, body photos cleaned by `clean_upload` and saved
under a random name in `news/images/`, as the editor's uploads are. Their renditions are made
here, synchronously, when missing (the task queued on commit then finds nothing to do).

Idempotent: an article is found by its slug; a photo is generated only when missing (a second
run, or a real photo an editor put in its place, keeps the stored file); the article is saved
only when a field the sources give differs, and links are added, never replaced, so what an
editor adds is kept. Each article becomes the record of its seed source (`portal.sources.seeds`),
which the other demos cite for every record they make. The workflow runs only for an article
still in draft: a second run leaves the published article, its time and its history as they are.
"""

import io
import textwrap

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from agreements.models import Agreement
from committees.models import Decision, Organization, Person
from events.models import Event
from portal.demo import staged, upsert
from portal.files import KINDS, RandomName, clean_upload
from portal.lib.text import strip_diacritics
from portal.news.demo.data import ARTICLES, CATEGORIES, TAGS, Art
from portal.news.models import Article, ArticleStatus, Category, Tag
from portal.news.renditions import body_image_names
from portal.news.sanitize import clean_body
from portal.news.services import article_approve, article_make_renditions, article_save, article_submit
from portal.sources.seeds import seed_source
from portal.sources.services import source_link_record

__all__ = ["ARTICLES", "CATEGORIES", "TAGS", "load"]

PHOTO_SIZE = (1600, 1000)
PHOTO_COLOUR = (92, 100, 110)  # a neutral slate: a stand-in, not a photo
BODY_IMAGES = RandomName("news/images")
COVER, FIGURE = "[cover] ", "[figure] "


def load() -> None:
    """Create or update the categories, tags and five articles; a second run changes nothing."""
    categories: dict[str, Category] = {}
    for spec in CATEGORIES:
        parent = categories[spec.parent] if spec.parent else None
        values = {"name": spec.name, "parent": parent, "order": spec.order}
        categories[spec.slug] = upsert(Category, {"slug": spec.slug}, values)
    tags = {slug: upsert(Tag, {"slug": slug}, {"name": name}) for slug, name in TAGS}
    for spec in ARTICLES:
        _load_article(spec, categories, tags)


def _load_article(spec: Art, categories: dict[str, Category], tags: dict[str, Tag]) -> Article:
    lead, *lines = spec.lines()
    cover_caption = next((line.removeprefix(COVER) for line in lines if line.startswith(COVER)), "")
    stored = Article.objects.filter(slug=spec.slug).first()
    values = {
        "title": spec.title,
        "lead": lead,
        "body": _body(lines, stored),
        "byline": spec.byline,
        "source_organization": Organization.objects.get(slug=spec.source),
        "cover_caption": cover_caption,
        "cover_alt": cover_caption.rstrip("."),
        "featured": spec.featured,
    }
    if cover_caption and not (stored and stored.cover):
        values["cover"] = SimpleUploadedFile("anh.jpg", placeholder_jpeg(cover_caption), "image/jpeg")
    article, changed = staged(Article, {"slug": spec.slug}, values)
    many_to_many = _missing_links(article, spec, categories, tags)
    if changed or many_to_many:
        article_save(article=article, by=None, many_to_many=many_to_many)
    if article.status == ArticleStatus.DRAFT:
        article_submit(article=article, by=None)
        article_approve(article=article, by=None, now=spec.published)
    # The portal's article is where readers open the source the other demos cite (its title, date
    # and publisher stay those of the original page).
    source_link_record(source=seed_source(spec.number), record=article, by=None)
    article.refresh_from_db(fields=["renditions_due"])
    if article.renditions_due:
        article_make_renditions(article_id=article.pk)
    return article


def _body(lines: list[str], stored: Article | None) -> str:
    """The body's HTML: paragraphs, and figures with their captions. The photos an earlier run
    stored (in order) are used again; only those missing are generated."""
    kept = [name for name in body_image_names(stored.body) if default_storage.exists(name)] if stored else []
    parts = []
    for line in lines:
        if line.startswith(COVER):
            continue
        if not line.startswith(FIGURE):
            parts.append(f"<p>{escape(line)}</p>")
            continue
        caption = line.removeprefix(FIGURE)
        name = kept.pop(0) if kept else _store_photo(caption)
        parts.append(
            f'<figure class="image"><img src="{escape(default_storage.url(name))}" alt="{escape(caption)}" '
            f'width="{PHOTO_SIZE[0]}" height="{PHOTO_SIZE[1]}">'
            f"<figcaption>{escape(caption)}</figcaption></figure>"
        )
    return clean_body("".join(parts))  # as article_save stores it, so that a rerun finds it equal


def _store_photo(caption: str) -> str:
    """A placeholder for the photo captioned `caption`, stored as an editor's upload is."""
    upload = SimpleUploadedFile("anh.jpg", placeholder_jpeg(caption), "image/jpeg")
    content = clean_upload(upload, KINDS["photo"])
    return default_storage.save(BODY_IMAGES(None, content.name), content)


def _missing_links(article: Article, spec: Art, categories: dict, tags: dict) -> dict[str, list]:
    """The many-to-many values to save: those linked plus those the sources give that are missing."""
    wanted = {
        "categories": [categories[slug] for slug in spec.categories],
        "tags": [tags[slug] for slug in spec.tags],
        "events": list(Event.objects.filter(slug__in=spec.events)),
        "agreements": list(Agreement.objects.filter(slug__in=spec.agreements)),
        "organizations": list(Organization.objects.filter(slug__in=spec.organizations)),
        "people": list(Person.objects.filter(slug__in=spec.people)),
        "decisions": list(Decision.objects.filter(slug__in=spec.decisions)),
    }
    links = {}
    for name, objects in wanted.items():
        linked = list(getattr(article, name).all()) if article.pk else []
        missing = [obj for obj in objects if obj not in linked]
        if missing:
            links[name] = linked + missing
    return links


def placeholder_jpeg(caption: str) -> bytes:
    """A 1600×1000 JPEG of one neutral colour with the caption's first words, standing in for the photo."""
    from PIL import Image, ImageDraw, ImageFont

    try:  # DejaVu Sans has the Vietnamese letters; Pillow's bundled font has not, so they are dropped.
        font, write = ImageFont.truetype("DejaVuSans.ttf", 52), str
    except OSError:
        font, write = ImageFont.load_default(size=52), strip_diacritics
    words = caption.split()
    shown = " ".join(words[:12]) + (" …" if len(words) > 12 else "")
    image = Image.new("RGB", PHOTO_SIZE, PHOTO_COLOUR)
    draw = ImageDraw.Draw(image)
    draw.multiline_text(
        (100, 140), "\n".join(textwrap.wrap(write(shown), width=40)), font=font, fill="white", spacing=18
    )
    draw.text((100, PHOTO_SIZE[1] - 130), write("Ảnh minh họa"), font=font, fill=(215, 218, 222))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()
