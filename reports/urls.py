from django.contrib import admin
from django.urls import path

from reports import views

app_name = "reports"

# Staff pages under the admin site's guard (staff sign-in, two-step verification, never cached).
urlpatterns = [
    path(
        "quan-tri/tong-hop/<int:pk>/bang-tinh.xlsx",
        admin.site.admin_view(views.summary_workbook),
        name="summary_workbook",
    ),
    path("quan-tri/tong-hop/<int:pk>/in/", admin.site.admin_view(views.summary_print), name="summary_print"),
]
