"""Preview links: a signed, expiring address that shows an unpublished article as readers will see it.

The token signs the article's id with the site's secret and a salt of its own, so it is good
for this use only; it expires after settings.NEWS_PREVIEW_DAYS. Anyone holding a valid link
sees the article (editors share it with a reviewer), so the page is never cached nor indexed.
"""

import datetime as dt

from django.conf import settings
from django.core import signing
from django.urls import reverse

from portal.news.models import Article

SALT = "portal.news.preview"


class PreviewExpired(Exception):
    """The link was signed here, but longer ago than NEWS_PREVIEW_DAYS."""


class PreviewInvalid(Exception):
    """The link was not signed here, was altered, or names no article any more."""


def max_age() -> dt.timedelta:
    return dt.timedelta(days=settings.NEWS_PREVIEW_DAYS)


def preview_url(article: Article) -> str:
    """The preview address of `article`, valid for NEWS_PREVIEW_DAYS from now."""
    token = signing.TimestampSigner(salt=SALT).sign(str(article.pk))
    return reverse("news:article_preview", args=[token])


def article_id_of(token: str) -> int:
    """The id of the article `token` was signed for; PreviewExpired or PreviewInvalid otherwise."""
    try:
        value = signing.TimestampSigner(salt=SALT).unsign(token, max_age=max_age())
    except signing.SignatureExpired:
        raise PreviewExpired from None
    except signing.BadSignature:
        raise PreviewInvalid from None
    if not value.isdigit():
        raise PreviewInvalid
    return int(value)
