"""Sitemaps of the registry's public pages; portal/urls.py gathers every app's into /sitemap.xml."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from committees import selectors
from committees.models import Decision, LegalDocument, Organization, Person
from portal.sitemaps import SITEMAP_LIMIT, RecordSitemap, StaticViewSitemap


class OrganizationSitemap(RecordSitemap):
    model = Organization
    url_name = "committees:organization_detail"


class PersonSitemap(RecordSitemap):
    model = Person
    url_name = "committees:person_detail"


class DecisionSitemap(RecordSitemap):
    model = Decision
    url_name = "committees:decision_detail"


class LegalDocumentSitemap(RecordSitemap):
    model = LegalDocument
    url_name = "committees:legal_document_detail"


class RoleSitemap(Sitemap):
    """Every role someone held (its page lists all its holders), once."""

    limit = SITEMAP_LIMIT

    def items(self):
        return selectors.role_addresses()

    def location(self, item):
        organization_slug, role_slug = item
        return reverse(
            "committees:role_detail", kwargs={"organization_slug": organization_slug, "role_slug": role_slug}
        )


# Section name → sitemap; portal/urls.py merges this with the other apps' dicts.
SITEMAPS = {
    "committees-pages": StaticViewSitemap(
        ["committees:organization_list", "committees:person_list", "committees:document_list"]
    ),
    "organizations": OrganizationSitemap,
    "people": PersonSitemap,
    "roles": RoleSitemap,
    "decisions": DecisionSitemap,
    "legal-documents": LegalDocumentSitemap,
}
