"""Template filters writing an article's images with their renditions (portal/news/renditions.py)."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from portal.news.models import Article
from portal.news.renditions import picture, responsive_body

register = template.Library()


@register.filter
def cover_picture(article: Article) -> dict:
    """What `news/_cover.html` needs: the cover's size and srcsets (empty until they are made)."""
    return picture(article.renditions.get(article.cover.name) if article.cover else None)


@register.filter
def responsive_images(article: Article) -> SafeString:
    """The article's body, sanitised when saved, with its own images given their renditions."""
    # The body was cleaned by portal.news.sanitize.clean_body when stored; responsive_body only
    # adds escaped attributes (tests/news/test_images.py checks it against the allow-list).
    return mark_safe(responsive_body(article.body, article.renditions))  # noqa: S308
