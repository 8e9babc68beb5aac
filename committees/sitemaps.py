"""Sitemaps of the registry's public pages; portal/urls.py gathers every app's into /sitemap.xml."""

from committees.models import Decision, LegalDocument, Organization, Person
from portal.sitemaps import RecordSitemap, StaticViewSitemap


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


# Section name → sitemap; portal/urls.py merges this with the other apps' dicts.
SITEMAPS = {
    "committees-pages": StaticViewSitemap(["committees:organization_list", "committees:document_list"]),
    "organizations": OrganizationSitemap,
    "people": PersonSitemap,
    "decisions": DecisionSitemap,
    "legal-documents": LegalDocumentSitemap,
}
