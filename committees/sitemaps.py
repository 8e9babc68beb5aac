"""Sitemaps of the registry's public pages; portal/urls.py gathers every app's into /sitemap.xml."""

from django.contrib.sitemaps import Sitemap
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
