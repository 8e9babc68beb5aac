from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from agreements.sitemaps import SITEMAPS as AGREEMENTS_SITEMAPS
from committees.sitemaps import SITEMAPS as COMMITTEES_SITEMAPS
from committees.sitemaps import StaticViewSitemap
from events.sitemaps import SITEMAPS as EVENTS_SITEMAPS
from portal import views

admin.site.site_header = _("Steering Committee 35 portal administration")
admin.site.site_title = _("BCĐ35 administration")
admin.site.index_title = _("Administration")

# /sitemap.xml: each app adds its own sections (events, agreements, news… as they come).
sitemaps = {
    "pages": StaticViewSitemap(["home"]),
    **COMMITTEES_SITEMAPS,
    **EVENTS_SITEMAPS,
    **AGREEMENTS_SITEMAPS,
}

urlpatterns = [
    path("", views.home, name="home"),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin's among them).
    path("favicon.ico", views.favicon, name="favicon"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="django.contrib.sitemaps.views.sitemap"),
    path("admin/", admin.site.urls),
    # Each app owns its Vietnamese URL prefixes (/to-chuc/, /su-kien/, …).
    path("", include("committees.urls")),
    path("", include("events.urls")),
    path("", include("agreements.urls")),
    path("", include("portal.news.urls")),
    path("", include("reports.urls")),
]

# The embedded demo (DEBUG) serves uploads itself; in production the web server or object
# storage does (static() adds nothing when DEBUG is off).
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
