"""Exports too big to write during a request: the job a worker runs, and the file it leaves.

The file is kept outside the public media (settings.EXPORTS_ROOT, never served by the web
server): it is handed out only by the download view, to the member of staff who asked for it
(or a superuser), while they still hold the export permission of its model.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportStorage(FileSystemStorage):
    """The private folder of the export files, settings.EXPORTS_ROOT as it is when a file is
    written or read (tests and deployments move it); it has no public URL."""

    @property
    def base_location(self):
        return settings.EXPORTS_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Export files have no public URL: the download view hands them out.")


export_storage = ExportStorage()


def _export_storage():
    return export_storage


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", "XLSX"
    CSV = "csv", "CSV"


class ExportJobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class ExportJob(models.Model):
    """The export of an admin list's filtered rows to a spreadsheet, run by a worker."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.CASCADE, related_name="+"
    )
    model_label = models.CharField(_("list"), max_length=100)
    # The list's query string as the admin received it: search, filters, ordering.
    params = models.JSONField(_("list filters"), default=dict, blank=True)
    file_format = models.CharField(_("file format"), max_length=8, choices=ExportFormat)
    status = models.CharField(
        _("status"), max_length=16, choices=ExportJobStatus, default=ExportJobStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("rows to export"), default=0)
    done = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(
        _("file"), storage=_export_storage, upload_to="%Y/%m/", blank=True, max_length=255
    )
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("spreadsheet export")
        verbose_name_plural = _("spreadsheet exports")
        indexes = [models.Index(fields=["status", "created_at"], name="exchange_job_status")]

    def __str__(self):
        return f"{self.model_label} #{self.pk}"

    @property
    def percent(self) -> int:
        if self.status == ExportJobStatus.DONE:
            return 100
        return min(100, self.done * 100 // self.total) if self.total else 0
