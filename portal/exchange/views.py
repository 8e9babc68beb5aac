"""The pages of an export job, inside the admin site's guard (ExportJobAdmin.get_urls).

Only the member of staff who asked for the export, or a superuser, sees a job, and only while
holding the export permission of its list: anyone else is told it does not exist (404). The
file is read from the private export folder and never cached.
"""

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.http import FileResponse, Http404, HttpRequest, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.exchange.models import ExportJob, ExportJobStatus
from portal.exchange.services import export_job_filename, export_job_owner_may_download, export_job_progress


def job_url(job: ExportJob) -> str:
    return reverse("admin:exchange_exportjob_job", args=[job.pk])


def list_name(job: ExportJob) -> str:
    """The list's name ("Văn bản pháp lý"), or its label if the model is gone."""
    try:
        return str(apps.get_model(job.model_label)._meta.verbose_name_plural).capitalize()
    except LookupError:
        return job.model_label


def _job(request: HttpRequest, job_id: int) -> ExportJob:
    job = get_object_or_404(ExportJob, pk=job_id)
    if not export_job_owner_may_download(job, request.user):
        raise Http404
    return job


def _progress(job: ExportJob) -> dict:
    progress = export_job_progress(job)
    if job.status == ExportJobStatus.DONE and job.file:
        progress["download_url"] = reverse("admin:exchange_exportjob_download", args=[job.pk])
    return progress


def job_view(request: HttpRequest, job_id: int) -> TemplateResponse:
    """The job's page: a progress bar until it is done, then the download."""
    job = _job(request, job_id)
    model = apps.get_model(job.model_label)
    opts = model._meta
    context = {
        **admin.site.each_context(request),
        "title": _("Spreadsheet export"),
        "job": job,
        "list_name": list_name(job),
        "progress": _progress(job),
        "progress_url": reverse("admin:exchange_exportjob_progress", args=[job.pk]),
        "changelist_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        "opts": ExportJob._meta,
        "keep_days": settings.EXPORT_FILES_KEEP_DAYS,
    }
    request.current_app = admin.site.name
    response = TemplateResponse(request, "admin/exchange/exportjob/job.html", context)
    patch_cache_control(response, private=True, no_store=True)
    return response


def job_progress_view(request: HttpRequest, job_id: int) -> JsonResponse:
    """The job's progress as JSON, for the progress bar (static/js/export-progress.js)."""
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    response = JsonResponse(_progress(_job(request, job_id)))
    patch_cache_control(response, private=True, no_store=True)
    return response


def job_download_view(request: HttpRequest, job_id: int) -> FileResponse:
    """The job's file, once done."""
    job = _job(request, job_id)
    if job.status != ExportJobStatus.DONE or not job.file:
        raise Http404
    try:
        stream = job.file.open("rb")
    except FileNotFoundError:
        raise Http404(gettext("The file of this export has been deleted.")) from None
    response = FileResponse(stream, as_attachment=True, filename=export_job_filename(job))
    patch_cache_control(response, private=True, no_store=True)
    return response
