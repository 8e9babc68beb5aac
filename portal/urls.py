from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from portal import views

admin.site.site_header = _("Steering Committee 35 portal administration")
admin.site.site_title = _("BCĐ35 administration")
admin.site.index_title = _("Administration")

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    # Each app owns its Vietnamese URL prefixes (/to-chuc/, /su-kien/, …).
    path("", include("committees.urls")),
    path("", include("events.urls")),
    path("", include("agreements.urls")),
    path("", include("portal.news.urls")),
    path("", include("reports.urls")),
]
