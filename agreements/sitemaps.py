"""Sitemaps of the agreements' public pages; portal/urls.py gathers every app's into /sitemap.xml."""

from agreements import selectors
from portal.sitemaps import StaticViewSitemap, UpdatedSitemap


class AgreementSitemap(UpdatedSitemap):
    """Every public agreement's page (drafts are not public), with the time its record last changed."""

    url_name = "agreements:agreement_detail"

    def records(self):
        return selectors.public_agreements()


# Section name → sitemap; portal/urls.py merges this with the other apps' dicts.
SITEMAPS = {
    "agreements-pages": StaticViewSitemap(["agreements:agreement_list"]),
    "agreements": AgreementSitemap,
}
