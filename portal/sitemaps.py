"""Sitemap pieces every app's sitemaps are built on: pages by URL name, and records by slug."""

import functools

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.urls import reverse

# Addresses in one section document; a longer section is split into numbered pages.
SITEMAP_LIMIT = 1000
# Stands for a record's slug in the address of a section's records (a valid slug itself).
SLUG_PLACEHOLDER = "__slug__"


class StaticViewSitemap(Sitemap):
    """Pages without a model behind them, by URL name ("home", "committees:document_list")."""

    def __init__(self, url_names: list[str]):
        self.url_names = url_names

    def items(self):
        return self.url_names

    def location(self, item):
        return reverse(item)


class RecordSitemap(Sitemap):
    """Every row of `model`, at `url_name` with its slug; only the slug is read.

    Every address is the one `reverse()` of the section document with the slug put in (a
    thousand calls of `get_absolute_url` took longer than the rest of the document).
    """

    model: type
    url_name: str
    limit = SITEMAP_LIMIT

    def records(self) -> QuerySet:
        return self.model._default_manager.all()

    def items(self):
        return self.records().order_by("pk").only("pk", "slug")

    def location(self, record):
        return self._address.replace(SLUG_PLACEHOLDER, record.slug)

    @functools.cached_property
    def _address(self) -> str:
        return reverse(self.url_name, kwargs={"slug": SLUG_PLACEHOLDER})


class UpdatedSitemap(RecordSitemap):
    """A `RecordSitemap` with the time each record last changed (`updated_at`).

    The index shows each section's latest change: one aggregate, where Django's default reads
    every row of the section to find it.
    """

    def items(self):
        return self.records().order_by("pk").only("pk", "slug", "updated_at")

    def lastmod(self, record):
        return record.updated_at

    def get_latest_lastmod(self):
        return self.records().order_by().aggregate(latest=Max("updated_at"))["latest"]
