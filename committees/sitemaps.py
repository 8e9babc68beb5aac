"""Sitemaps of the registry's public pages; portal/urls.py gathers every app's into /sitemap.xml."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.urls import reverse

from committees.models import Decision, LegalDocument, Organization, Person

# Addresses in one section document; a longer section is split into numbered pages.
SITEMAP_LIMIT = 1000


class StaticViewSitemap(Sitemap):
    """Pages without a model behind them, by URL name ("home", "committees:document_list")."""

    def __init__(self, url_names: list[str]):
        self.url_names = url_names

    def items(self):
        return self.url_names

    def location(self, item):
        return reverse(item)


class UpdatedSitemap(Sitemap):
    """Every row of `records()`, with the time its record last changed (`updated_at`).

    The index shows each section's latest change: one aggregate, where Django's default reads
    every row of the section to find it.
    """

    limit = SITEMAP_LIMIT

    def records(self) -> QuerySet:
        raise NotImplementedError

    def items(self):
        return self.records().order_by("pk").only("pk", "slug", "updated_at")

    def lastmod(self, record):
        return record.updated_at

    def get_latest_lastmod(self):
        return self.records().order_by().aggregate(latest=Max("updated_at"))["latest"]


class _SlugSitemap(Sitemap):
    """Every row of `model`, by its get_absolute_url; only the slug is read."""

    model: type
    limit = SITEMAP_LIMIT

    def items(self):
        return self.model._default_manager.order_by("pk").only("pk", "slug")


class OrganizationSitemap(_SlugSitemap):
    model = Organization


class PersonSitemap(_SlugSitemap):
    model = Person


class DecisionSitemap(_SlugSitemap):
    model = Decision


class LegalDocumentSitemap(_SlugSitemap):
    model = LegalDocument


# Section name → sitemap; portal/urls.py merges this with the other apps' dicts.
SITEMAPS = {
    "committees-pages": StaticViewSitemap(["committees:organization_list", "committees:document_list"]),
    "organizations": OrganizationSitemap,
    "people": PersonSitemap,
    "decisions": DecisionSitemap,
    "legal-documents": LegalDocumentSitemap,
}
