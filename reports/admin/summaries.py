"""Summaries and their jobs in the admin: read-only lists, "Tổng hợp mới" and the progress page.

Summaries are made only by the summary job (`reports.services.summary_job_start`, then the
Celery task and `summary_assemble`): the admin lists and shows them, with their downloads,
and never adds, changes or deletes one. Staff holding `reports.add_summary` start a job from
the list's "Tổng hợp mới" and follow it on the job's page, whose progress bar polls
`job_progress_view` every second (static/js/summary-progress.js) until the downloads appear.

Both lists, and the job pages, are scoped (portal/scoping.py): a staff user sees the summaries
and jobs of their organisations, read-only those of a region theirs are in, and the whole
system's; they start a summary only of an organisation of theirs (`summary_scope_check`).
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.admin import AdminLinksMixin, SafeChangeListMixin, year_filter
from portal.scoping import ScopedAdminMixin, scope_for_staff
from reports import services
from reports.admin.forms import SummaryStartForm, period_label
from reports.models import ScopeKind, Summary, SummaryJob, SummaryJobStatus

START_PERMISSION = "reports.add_summary"


def summary_links(summary_id: int) -> dict[str, str]:
    """The downloads of a summary: its workbook and its printable page."""
    return {
        "workbook_url": reverse("reports:summary_workbook", args=[summary_id]),
        "print_url": reverse("reports:summary_print", args=[summary_id]),
    }


def scope_name(record: Summary | SummaryJob) -> str:
    """Whose records a summary or job counts, named without a query (organisation and region
    are select_related by the lists)."""
    if record.scope_kind == ScopeKind.REGION:
        return str(record.region)
    if record.scope_kind == ScopeKind.ORGANIZATION:
        if record.include_children:
            return str(record.organization)
        return gettext("%(name)s (without its child organisations)") % {"name": record.organization}
    return gettext("The whole system")


def job_progress(job: SummaryJob) -> dict:
    """What the progress bar shows of `job`: the service's progress, with the downloads once done."""
    progress = dict(services.summary_job_progress(job))
    if progress.get("status") == SummaryJobStatus.DONE and progress.get("summary_id"):
        progress |= summary_links(progress["summary_id"])
    return progress


class ReadOnlyAdmin(SafeChangeListMixin, AdminLinksMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Rows written only by the summary job: shown (within the staff scope), never added,
    changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Summary)
class SummaryAdmin(ReadOnlyAdmin):
    list_display = ("title", "scope", "period", "assembled", "assembled_by", "downloads")
    list_filter = ("scope_kind", "period_kind", year_filter("period_start", _("year")))
    list_select_related = ("organization", "region", "assembled_by")
    search_fields = ("title",)
    fields = ("title", "scope", "period", "assembled", "assembled_by", "input_hash", "downloads")
    readonly_fields = fields

    def get_queryset(self, request):
        # The snapshot can be long (every report's sections): the list and page read only its title.
        return super().get_queryset(request).defer("snapshot")

    @admin.display(description=_("scope"), ordering="scope_key")
    def scope(self, summary: Summary) -> str:
        return scope_name(summary)

    @admin.display(description=_("period"), ordering="period_start")
    def period(self, summary: Summary) -> str:
        return period_label(summary.period)

    @admin.display(description=_("assembled at"), ordering="assembled_at")
    def assembled(self, summary: Summary) -> str:
        return timezone.localtime(summary.assembled_at).strftime("%d/%m/%Y %H:%M")

    @admin.display(description=_("downloads"))
    def downloads(self, summary: Summary) -> str:
        links = summary_links(summary.pk)
        return format_html(
            '<a href="{}" class="summary-workbook">{}</a> · <a href="{}" class="summary-print">{}</a>',
            links["workbook_url"],
            gettext("Workbook (XLSX)"),
            links["print_url"],
            gettext("Printable page"),
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            # Django's "Select summary to view" would read "Chọn tóm tắt": "summary" is an article's too.
            "title": _("Summaries assembled"),
            **(extra_context or {}),
            "can_start": request.user.has_perm(START_PERMISSION),
        }
        return super().changelist_view(request, extra_context)

    # --- Starting a summary and following its job ---------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path("start/", view(self.start_view), name="{}_{}_start".format(*info)),
            path("jobs/<int:job_id>/", view(self.job_view), name="{}_{}_job".format(*info)),
            path(
                "jobs/<int:job_id>/progress/",
                view(self.job_progress_view),
                name="{}_{}_job_progress".format(*info),
            ),
            path("jobs/<int:job_id>/retry/", view(self.job_retry_view), name="{}_{}_job_retry".format(*info)),
            *super().get_urls(),
        ]

    def _require_start_permission(self, request) -> None:
        if not request.user.has_perm(START_PERMISSION):
            raise PermissionDenied

    def _job_url(self, job: SummaryJob) -> str:
        return reverse("admin:reports_summary_job", args=[job.pk], current_app=self.admin_site.name)

    def _context(self, request, title, **context) -> dict:
        request.current_app = self.admin_site.name
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "app_label": self.opts.app_label,
            **context,
        }

    def start_view(self, request):
        """ "Tổng hợp mới": the scope and period of a summary, then its job is started."""
        self._require_start_permission(request)
        form = SummaryStartForm(
            request.POST if request.method == "POST" else None,
            admin_site=self.admin_site,
            user=request.user,
            today=timezone.localdate(),
        )
        if request.method == "POST" and form.is_valid():
            assert form.scope is not None and form.period is not None  # noqa: S101 - set by a valid form
            try:
                job = services.summary_job_start(scope=form.scope, period=form.period, by=request.user)
            except ValidationError as error:  # the organisation or region went away meanwhile
                form.add_error(None, error)
            else:
                return HttpResponseRedirect(self._job_url(job))
        fieldsets = [
            (_("Scope"), {"fields": ["scope_kind", "region", "organization", "include_children"]}),
            (_("Period"), {"fields": ["period_kind", "year", "half", "start", "end"]}),
        ]
        context = self._context(
            request,
            _("New summary"),
            adminform=helpers.AdminForm(form, fieldsets, {}),
            media=self.media + form.media,
        )
        return TemplateResponse(request, "admin/reports/summary/start.html", context)

    def _job(self, request, job_id: int) -> SummaryJob:
        self._require_start_permission(request)
        # Not joined to its summary: while the worker writes that table, the job's page still reads.
        jobs = scope_for_staff(SummaryJob.objects.select_related("organization", "region"), request.user)
        return get_object_or_404(jobs, pk=job_id)

    def job_view(self, request, job_id: int):
        """The progress of one job: a bar until it is done, then the summary's downloads."""
        job = self._job(request, job_id)
        progress = job_progress(job)
        context = self._context(
            request,
            _("Summary job"),
            job=job,
            scope=scope_name(job),
            period=period_label(job.period),
            progress=progress,
            progress_url=reverse(
                "admin:reports_summary_job_progress", args=[job.pk], current_app=self.admin_site.name
            ),
            retry_url=reverse(
                "admin:reports_summary_job_retry", args=[job.pk], current_app=self.admin_site.name
            ),
        )
        return TemplateResponse(request, "admin/reports/summary/job.html", context)

    def job_progress_view(self, request, job_id: int):
        """The job's progress as JSON, for the progress bar: nothing but the job's own state."""
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        return JsonResponse(job_progress(self._job(request, job_id)))

    def job_retry_view(self, request, job_id: int):
        """ "Thử lại": a failed job queued again, followed on the same page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        job = self._job(request, job_id)
        if job.status != SummaryJobStatus.FAILED:
            raise Http404
        try:
            services.summary_job_retry(job=job, by=request.user)
        except ValidationError as error:  # a region's or the system's job, seen read-only
            messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(self._job_url(job))


@admin.register(SummaryJob)
class SummaryJobAdmin(ReadOnlyAdmin):
    list_display = ("requested", "scope", "period", "status", "stage", "progress", "error", "requested_by")
    list_filter = ("status", "scope_kind", "period_kind")
    list_select_related = ("organization", "region", "requested_by")
    fields = (
        "scope",
        "period",
        "status",
        "stage",
        "percent",
        "attempts",
        "error",
        "requested_by",
        "requested",
        "heartbeat_at",
        "finished_at",
        "summary",
        "page",
    )
    readonly_fields = fields

    @admin.display(description=_("requested at"), ordering="requested_at")
    def requested(self, job: SummaryJob) -> str:
        return timezone.localtime(job.requested_at).strftime("%d/%m/%Y %H:%M")

    @admin.display(description=_("scope"))
    def scope(self, job: SummaryJob) -> str:
        return scope_name(job)

    @admin.display(description=_("period"), ordering="period_start")
    def period(self, job: SummaryJob) -> str:
        return period_label(job.period)

    @admin.display(description=_("Progress"), ordering="percent")
    def progress(self, job: SummaryJob) -> str:
        return f"{job.percent}%"

    @admin.display(description=_("progress page"))
    def page(self, job: SummaryJob) -> str:
        url = reverse("admin:reports_summary_job", args=[job.pk], current_app=self.admin_site.name)
        return format_html('<a href="{}">{}</a>', url, gettext("Follow"))
