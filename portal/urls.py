from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from agreements.sitemaps import SITEMAPS as AGREEMENTS_SITEMAPS
from committees.sitemaps import SITEMAPS as COMMITTEES_SITEMAPS
from events.sitemaps import SITEMAPS as EVENTS_SITEMAPS
from portal import media, views
from portal.cache import TOPICS, public_page
from portal.news.sitemaps import SITEMAPS as NEWS_SITEMAPS
from portal.sitemaps import StaticViewSitemap

admin.site.site_header = _("Steering Committee 35 portal administration")
admin.site.site_title = _("BCĐ35 administration")
admin.site.index_title = _("Administration")

# /sitemap.xml: each app adds its own sections (events, agreements, news… as they come).
sitemaps = {
    "pages": StaticViewSitemap(["home"]),
    **COMMITTEES_SITEMAPS,
    **EVENTS_SITEMAPS,
    **AGREEMENTS_SITEMAPS,
    **NEWS_SITEMAPS,
}

urlpatterns = [
    path("", views.home, name="home"),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin's among them).
    path("favicon.ico", views.favicon, name="favicon"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # An index of per-section documents, each at most SITEMAP_LIMIT addresses a page.
    path(
        "sitemap.xml",
        public_page(*TOPICS)(sitemap_views.index),
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(*TOPICS)(sitemap_views.sitemap),
        # Only what the sections hold (addresses and dates): Django's template also asks each
        # address for a change frequency, priority and translations.
        {"sitemaps": sitemaps, "template_name": "sitemaps/section.xml"},
        name="sitemap_section",
    ),
    path("admin/", admin.site.urls),
    # Each app owns its Vietnamese URL prefixes (/to-chuc/, /su-kien/, …).
    path("", include("committees.urls")),
    path("", include("events.urls")),
    path("", include("agreements.urls")),
    path("", include("portal.news.urls")),
    path("", include("reports.urls")),
]

# The embedded demo serves uploads itself, with the proxy's safe headers; in production the
# reverse proxy or object storage does.
if settings.SERVE_MEDIA and settings.MEDIA_URL.startswith("/"):
    urlpatterns.append(
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.+)$",
            media.serve,
            name="media",
        )
    )
