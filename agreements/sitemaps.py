"""Sitemaps of the agreements' public pages; portal/urls.py gathers every app's into /sitemap.xml."""

from django.contrib.sitemaps import Sitemap

from agreements import selectors
from committees.sitemaps import SITEMAP_LIMIT, StaticViewSitemap


class AgreementSitemap(Sitemap):
    """Every public agreement's page (drafts are not public), with the time its record last changed."""

    limit = SITEMAP_LIMIT

    def items(self):
        return selectors.public_agreements().order_by("pk").only("pk", "slug", "updated_at")

    def lastmod(self, agreement):
        return agreement.updated_at


# Section name → sitemap; portal/urls.py merges this with the other apps' dicts.
SITEMAPS = {
    "agreements-pages": StaticViewSitemap(["agreements:agreement_list"]),
    "agreements": AgreementSitemap,
}
