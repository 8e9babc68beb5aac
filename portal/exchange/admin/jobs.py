"""A member of staff's big exports in the admin: the list of their jobs, each job's page (views.py)."""

from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from portal.exchange import views
from portal.exchange.models import ExportJob


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    """A member of staff's own big exports (a superuser sees everyone's): read-only, each with its page."""

    list_display = ("model_name", "file_format", "status", "progress", "created_at", "finished_at")
    list_filter = ("status", "file_format")
    list_select_related = ("user",)
    ordering = ("-created_at", "-pk")

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        return obj is None or user.is_superuser or obj.user_id == user.pk

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.filter(user=request.user)

    @admin.display(description=_("list"))
    def model_name(self, job: ExportJob) -> str:
        return views.list_name(job)

    @admin.display(description=_("Progress"))
    def progress(self, job: ExportJob) -> str:
        return f"{job.percent}%"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:job_id>/", view(views.job_view), name="exchange_exportjob_job"),
            path("<int:job_id>/progress/", view(views.job_progress_view), name="exchange_exportjob_progress"),
            path("<int:job_id>/download/", view(views.job_download_view), name="exchange_exportjob_download"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The job's page is its progress page.
        try:
            job_id = int(object_id)
        except ValueError:
            return super().change_view(request, object_id, form_url, extra_context)
        return HttpResponseRedirect(
            reverse("admin:exchange_exportjob_job", args=[job_id], current_app=self.admin_site.name)
        )
