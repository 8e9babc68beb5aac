"""Writing an admin list's rows to a spreadsheet, during the request or by a worker (ExportJob).

Both paths read the rows the same way: the model admin's changelist for the user, with the
list's query string (search, filters, ordering), so scoping and permissions apply as on the
list itself; then the resource's `export_rows()` streamed to `formats.write_xlsx`/`write_csv`.
A worker rebuilds that changelist from the job's saved parameters with a RequestFactory request.
"""

import datetime as dt
import io
import logging
import tempfile
from collections.abc import Callable
from typing import IO, Any

from django.conf import settings
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from portal.exchange import formats
from portal.exchange.models import ExportFormat, ExportJob, ExportJobStatus
from portal.history import acting_as
from portal.jobs import enqueue, enqueue_on_commit
from portal.lib.text import slugify_vi

logger = logging.getLogger(__name__)

# A queued job that has not started after this long never reached the broker: the sweep sends it again.
QUEUED_STALE = dt.timedelta(minutes=10)


def export_filename(model: type[Model], file_format: str, day: dt.date | None = None) -> str:
    """ "van-ban-phap-ly-2026-12-06.xlsx": the list's name in ASCII, and the day (today)."""
    name = slugify_vi(str(model._meta.verbose_name_plural), max_length=80) or model._meta.model_name
    return f"{name}-{day or timezone.localdate():%Y-%m-%d}.{file_format}"


def export_job_filename(job: ExportJob) -> str:
    """The name the job's file is downloaded under: its list and the day it was asked for."""
    from django.apps import apps

    return export_filename(
        apps.get_model(job.model_label), job.file_format, timezone.localdate(job.created_at)
    )


def list_params(request: HttpRequest) -> dict[str, list[str]]:
    """The query string of an admin list, kept as {name: [values]} (a job saves it as JSON)."""
    return {key: request.GET.getlist(key) for key in request.GET}


def list_request(*, model_admin: ModelAdmin, user: Any, params: dict[str, list[str]]) -> HttpRequest:
    """A GET of `model_admin`'s list by `user` with `params`: what a worker rebuilds the list from."""
    opts = model_admin.opts
    path = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_changelist", current_app=model_admin.admin_site.name
    )
    request = RequestFactory().get(path, data=params)
    request.user = user
    return request


def export_write(
    *,
    resource: Any,
    queryset: QuerySet,
    file_format: str,
    stream: IO[bytes],
    title: str,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Write the rows of `queryset` as `resource` exports them to `stream`, in `file_format`."""
    headers = resource.export_headers()
    rows = resource.export_rows(queryset)
    if file_format == ExportFormat.XLSX:
        formats.write_xlsx(stream, headers, rows, title=title, progress=progress)
    else:
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        formats.write_csv(text, headers, rows, progress=progress)
        text.flush()
        text.detach()  # `stream` stays open for the caller


@transaction.atomic
def export_job_start(
    *, model_admin: ModelAdmin, params: dict[str, list[str]], file_format: str, total: int, by: Any
) -> ExportJob:
    """Record the export of `model_admin`'s list filtered by `params`, and queue it once committed."""
    from portal.exchange.tasks import run_export

    if file_format not in ExportFormat.values:
        raise ValidationError(gettext("Choose XLSX or CSV."))
    job = ExportJob.objects.create(
        user=by, model_label=model_admin.opts.label, params=params, file_format=file_format, total=total
    )
    enqueue_on_commit(run_export, job.pk)
    return job


class ExportRefused(Exception):
    """The job cannot be run for its user any more: the message says why, in Vietnamese."""


def export_job_run(*, job_id: int) -> ExportJob | None:
    """Run the export job `job_id`: its rows written to its file, its progress saved every 1,000 rows.

    A job already done (a task delivered twice) is left alone; one found running again (its
    worker died) starts over. The list is rebuilt for the job's user as it is now: a user who
    lost the export permission gets a failed job, not a file; the staff scope is the admin
    list's (portal/scoping.py), read for that user. Run as that user (`acting_as`)."""
    job = ExportJob.objects.select_related("user").filter(pk=job_id).first()
    if job is None or job.status in (ExportJobStatus.DONE, ExportJobStatus.FAILED):
        return None
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJobStatus.RUNNING, done=0, error="")
    with acting_as(job.user, reason=gettext("Export job %(job)s") % {"job": job.pk}):
        return _export(job)


def _export(job: ExportJob) -> ExportJob:
    try:
        model_admin, queryset = _job_rows(job)
        resource = model_admin.export_resource(job.user)
        total = queryset.count()
        ExportJob.objects.filter(pk=job.pk).update(total=total)

        def progress(done: int) -> None:
            ExportJob.objects.filter(pk=job.pk).update(done=done)

        with tempfile.TemporaryFile() as stream:
            title = str(model_admin.opts.verbose_name_plural)
            export_write(
                resource=resource,
                queryset=queryset,
                file_format=job.file_format,
                stream=stream,
                title=title,
                progress=progress,
            )
            stream.seek(0)
            name = f"{job.pk}-{export_job_filename(job)}"
            job.file.save(name, File(stream, name=name), save=False)
    except ExportRefused as refusal:
        return _job_failed(job, str(refusal))
    except Exception as error:
        logger.exception("Export job %s failed.", job.pk)
        _job_failed(
            job, gettext("The export failed: %(error)s") % {"error": f"{type(error).__name__}: {error}"}
        )
        raise
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJobStatus.DONE, done=total, total=total, file=job.file.name, finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def _job_rows(job: ExportJob) -> tuple[Any, QuerySet]:
    """The job's model admin and the rows of its list for its user, as the list shows them now."""
    from portal.exchange.admin import SpreadsheetAdminMixin

    try:
        model = _model(job.model_label)
        model_admin = admin.site.get_model_admin(model)
    except (LookupError, NotRegistered):
        raise ExportRefused(gettext("This list no longer exists.")) from None
    if not isinstance(model_admin, SpreadsheetAdminMixin):
        raise ExportRefused(gettext("This list cannot be exported."))
    request = list_request(model_admin=model_admin, user=job.user, params=job.params)
    if not (job.user.is_active and job.user.is_staff and model_admin.has_export_permission(request)):
        raise ExportRefused(gettext("You no longer have the permission to export this list."))
    try:
        return model_admin, model_admin.get_export_queryset(request)
    except IncorrectLookupParameters:
        raise ExportRefused(gettext("The filters of the list are not valid any more.")) from None


def _model(label: str) -> type[Model]:
    from django.apps import apps

    return apps.get_model(label)


def _job_failed(job: ExportJob, error: str) -> ExportJob:
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJobStatus.FAILED, error=error, finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def export_job_progress(job: ExportJob) -> dict[str, Any]:
    """What the progress bar shows: {status, total, done, percent, error}."""
    return {
        "status": job.status,
        "total": job.total,
        "done": job.done,
        "percent": job.percent,
        "error": job.error,
    }


def export_jobs_sweep(*, now: dt.datetime | None = None) -> dict[str, int]:
    """The periodic clean-up: files older than EXPORT_FILES_KEEP_DAYS deleted with their jobs, and
    jobs still queued long after they were asked for (the broker was away) sent again."""
    now = now or timezone.now()
    old = ExportJob.objects.filter(created_at__lt=now - dt.timedelta(days=settings.EXPORT_FILES_KEEP_DAYS))
    deleted = 0
    for job in old.iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        deleted += 1
    from portal.exchange.tasks import run_export

    stale = list(
        ExportJob.objects.filter(
            status=ExportJobStatus.QUEUED, created_at__lt=now - QUEUED_STALE
        ).values_list("pk", flat=True)
    )
    for job_id in stale:
        enqueue(run_export, job_id)
    return {"deleted": deleted, "requeued": len(stale)}


def export_job_owner_may_download(job: ExportJob, user: Any) -> bool:
    """Whether `user` may see `job` and download its file: theirs (or a superuser's to see), while
    they may still export its list."""
    if not (user.is_active and user.is_staff) or not (user.is_superuser or job.user_id == user.pk):
        return False
    from portal.exchange.admin import SpreadsheetAdminMixin

    try:
        model_admin = admin.site.get_model_admin(_model(job.model_label))
    except (LookupError, NotRegistered):
        return False
    if not isinstance(model_admin, SpreadsheetAdminMixin):
        return False
    request = HttpRequest()
    request.user = user
    return bool(model_admin.has_export_permission(request))
