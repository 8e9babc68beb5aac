"""The news' structured data for search engines: schema.org `NewsArticle` as JSON-LD, in the
article page's <head> (templates/news/_article_meta.html)."""

from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.news.models import Article


def local_iso(moment) -> str:
    """ "2021-08-30T17:09:00+07:00": the time in Hà Nội, with its offset."""
    return timezone.localtime(moment).isoformat()


def article_json_ld(article: Article, *, absolute_url: Callable[[str], str]) -> dict:
    """schema.org `NewsArticle` of a public article (its categories and tags prefetched).

    The author is the byline as printed ("Tin và ảnh: …") when there is one, else the source
    organisation; the publisher is the portal.
    """
    url = absolute_url(article.get_absolute_url())
    publisher = {
        "@type": "Organization",
        "name": _("Steering Committee 35 portal"),
        "url": absolute_url("/"),
    }
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": local_iso(article.published_at),
        "dateModified": local_iso(max(article.updated_at, article.published_at)),
        "inLanguage": "vi",
        "publisher": publisher,
    }
    if article.lead or article.seo_description:
        data["description"] = article.seo_description or article.lead
    if article.byline:
        data["author"] = {"@type": "Person", "name": article.byline}
    elif article.source_organization is not None:
        data["author"] = {
            "@type": "Organization",
            "name": article.source_organization.name,
            "url": absolute_url(article.source_organization.get_absolute_url()),
        }
    else:
        data["author"] = publisher
    if article.cover:
        data["image"] = [absolute_url(article.cover.url)]
    categories = [category.name for category in article.categories.all()]
    if categories:
        data["articleSection"] = categories
    tags = [tag.name for tag in article.tags.all()]
    if tags:
        data["keywords"] = tags
    return data
