"""Admin: review reports. One change form per report: the report with its period, then one inline
per section ("Kết quả", "Hạn chế và nguyên nhân", "Phương hướng", "Nhiệm vụ, giải pháp"), each
ordered, and its attachments.

The forms only validate, with the service's own checks (`report_check`, `report_clean_item`), so
a refused form shows every message and saves nothing; `report_save` then writes the report and
its rows. Only a draft can be changed: a submitted or approved report is shown read-only, with
the buttons of the steps the user may take (submit, approve, send back), each calling its service.
"""

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.admin import ServiceWritesAdminMixin, YearListFilter
from portal.forms import RowsInlineFormSet
from portal.scoping import SHORT_TEXTAREAS, ScopedModelAdmin, ScopedRelatedListFilter, ScopedTabularInline
from portal.services import Rows
from portal.sources.admin import CitedAdminMixin, CitedRowsInlineMixin
from reports import services
from reports.models import PeriodKind, Report, ReportAttachment, ReportItem, ReportStatus, SectionKind

S = ReportStatus


def period_label(report: Report) -> str:
    """ "năm 2021", "6 tháng đầu năm 2021", or "22/10/2018 – 23/05/2021"."""
    if report.period_kind == PeriodKind.YEAR:
        return gettext("year %(year)s") % {"year": report.period_start.year}
    if report.period_kind == PeriodKind.HALF:
        if report.period_start.month == 1:
            return gettext("first half of %(year)s") % {"year": report.period_start.year}
        return gettext("second half of %(year)s") % {"year": report.period_start.year}
    start, end = (date_format(day, "SHORT_DATE_FORMAT") for day in (report.period_start, report.period_end))
    return f"{start} – {end}"


# --- Forms ----------------------------------------------------------------------------------------


class ReportForm(forms.ModelForm):
    """The report and its period: a year, a year and half, or explicit dates (`report_period`)."""

    # Named apart from the model's year and half, which the service sets and a form cannot hold.
    period_year = forms.IntegerField(label=_("year"), required=False)
    period_half = forms.TypedChoiceField(
        label=_("half"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", "---------"),
            (1, _("first half (01/01 – 30/06)")),
            (2, _("second half (01/07 – 31/12)")),
        ],
    )

    class Meta:
        model = Report
        fields = (
            "organization",
            "committee",
            "kind",
            "title",
            "author_unit",
            "period_kind",
            "period_start",
            "period_end",
            "event",
            "presenter",
        )
        help_texts = {
            "period_start": _("Typed as dd/mm/yyyy; for a period of explicit dates only."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("period_start", "period_end"):
            if name in self.fields:  # not on the read-only page of a submitted report
                self.fields[name].required = False
        if self.instance.pk is not None:
            self.initial.setdefault("period_year", self.instance.year)
            self.initial.setdefault("period_half", self.instance.half)

    def clean(self):
        cleaned = super().clean()
        if any(name in self.errors for name in ("period_kind", "period_start", "period_end", "period_year")):
            return cleaned
        report = self.instance
        for name in ("organization", "committee", "kind", "author_unit", "period_kind"):
            setattr(report, name, cleaned.get(name))
        report.author_unit = report.author_unit or ""
        report.year, report.half = cleaned.get("period_year"), cleaned.get("period_half")
        report.period_start, report.period_end = cleaned.get("period_start"), cleaned.get("period_end")
        try:
            services.report_check(report=report)
        except ValidationError as error:
            renamed = {"year": "period_year", "half": "period_half"}
            self.add_error(
                None, {renamed.get(name, name): errors for name, errors in error.error_dict.items()}
            )
            return cleaned
        # The period the service resolved, as the model fields the form saves.
        cleaned |= {
            "period_kind": report.period_kind,
            "period_start": report.period_start,
            "period_end": report.period_end,
        }
        return cleaned


class ReportItemForm(forms.ModelForm):
    class Meta:
        model = ReportItem
        fields = ("order", "heading", "text")
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        cleaned = super().clean()
        if "text" in cleaned and not self.errors:
            item = self.instance
            item.heading, item.text = cleaned.get("heading", ""), cleaned["text"]
            try:
                services.report_clean_item(item=item)
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class SectionFormSet(RowsInlineFormSet):
    """The items of one section: each row is given the section of its inline."""

    section: int = SectionKind.RESULTS

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.section = self.section
        return form

    @property
    def empty_form(self):
        form = super().empty_form
        form.instance.section = self.section
        return form


# --- Inlines --------------------------------------------------------------------------------------


class ReportPartInlineMixin:
    """The items and attachments are parts of the report: whoever may add or change the report
    may write them (there is no permission of their own to hand out), and only in a draft of
    their organisations (the scoping mixin's rule, asked about the report)."""

    def _may_write(self, request, obj) -> bool:
        if obj is not None and obj.status != S.DRAFT:
            return False
        permission = "reports.add_report" if obj is None else "reports.change_report"
        return request.user.has_perm(permission) and self._writable(request, obj)  # type: ignore[attr-defined]

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("reports.view_report") or self._may_write(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._may_write(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_write(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_write(request, obj)


class SectionInline(CitedRowsInlineMixin, ReportPartInlineMixin, ScopedTabularInline):
    model = ReportItem
    form = ReportItemForm
    fields = ("order", "heading", "text")
    formfield_overrides = SHORT_TEXTAREAS
    ordering = ("order", "pk")
    extra = 0
    section: int = SectionKind.RESULTS

    def get_queryset(self, request):
        return super().get_queryset(request).filter(section=self.section)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(f"{formset.__name__}_{self.section}", (formset,), {"section": self.section})


def section_inline(section: SectionKind, title: Promise) -> type[SectionInline]:
    """The inline of one section, headed as the reports head it."""
    return type(
        f"SectionInline{section.value}",
        (SectionInline,),
        {
            "section": section.value,
            "verbose_name": _("item"),
            "verbose_name_plural": title,
            "formset": SectionFormSet,
            "extra": 1 if section == SectionKind.RESULTS else 0,
        },
    )


SECTION_INLINES = [
    section_inline(SectionKind.RESULTS, _("Results")),
    section_inline(SectionKind.LIMITATIONS, _("Limitations and their causes")),
    section_inline(SectionKind.DIRECTIONS, _("Directions")),
    section_inline(SectionKind.TASKS, _("Tasks and solutions")),
]


class ReportAttachmentInline(ReportPartInlineMixin, ScopedTabularInline):
    model = ReportAttachment
    formset = RowsInlineFormSet
    fields = ("title", "file", "order")
    ordering = ("order", "pk")
    extra = 0


# --- The list -------------------------------------------------------------------------------------


class ReportYearFilter(YearListFilter):
    """The years the reports' periods touch; a year picks the reports whose period overlaps it."""

    title = _("year")
    date_field = "period_start"

    def lookups(self, request, model_admin):
        reports = model_admin.get_queryset(request)
        rows = reports.order_by().values_list("period_start__year", "period_end__year").distinct()
        years = sorted({year for start, end in rows for year in range(start, end + 1)}, reverse=True)
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        value = self.value() or ""
        if value.isascii() and value.isdigit() and dt.MINYEAR <= int(value) <= dt.MAXYEAR:
            year = int(value)
            first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
            return queryset.filter(period_start__lte=last, period_end__gte=first)
        return queryset


@dataclass(frozen=True)
class Step:
    name: str
    label: Promise
    source: str
    permission: str


STEPS = (
    Step("submit", _("Submit for approval"), S.DRAFT, "change_report"),
    Step("approve", _("Approve"), S.SUBMITTED, "approve_report"),
    Step("return", _("Send back to draft"), S.SUBMITTED, "approve_report"),
)
STEPS_BY_NAME = {step.name: step for step in STEPS}


class ReturnForm(forms.Form):
    note = forms.CharField(label=_("What must be changed"), widget=forms.Textarea(attrs={"rows": 4}))


@admin.register(Report)
class ReportAdmin(CitedAdminMixin, ServiceWritesAdminMixin, ScopedModelAdmin):
    form = ReportForm
    fieldsets = [
        (None, {"fields": ("organization", "committee", "kind", "title", "author_unit")}),
        (
            _("Period"),
            {
                "fields": ("period_kind", ("period_year", "period_half"), ("period_start", "period_end")),
                "description": _(
                    "A year; a half-year (the first is 01/01 – 30/06, the second 01/07 – 31/12) with its "
                    "year; or explicit dates typed as dd/mm/yyyy."
                ),
            },
        ),
        (_("Presented"), {"fields": ("event", "presenter")}),
        (
            _("Status"),
            {"fields": ("status", ("submitted_by", "submitted_at"), ("approved_by", "approved_at"))},
        ),
    ]
    readonly_fields = ("status", "submitted_by", "submitted_at", "approved_by", "approved_at")
    inlines = [*SECTION_INLINES, ReportAttachmentInline]
    list_display = ("title", "unit", "kind", "period", "status", "submitted_at")
    list_filter = ("kind", "status", ReportYearFilter, ("organization", ScopedRelatedListFilter))
    list_select_related = ("organization",)
    search_fields = ("title", "author_unit", "organization__name")
    autocomplete_fields = ("organization", "committee", "event", "presenter")

    @admin.display(description=_("unit"), ordering="organization__name")
    def unit(self, report: Report) -> str:
        return report.unit

    @admin.display(description=_("period"), ordering="period_start")
    def period(self, report: Report) -> str:
        return period_label(report)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:  # a new report is a draft nobody has moved on
            return fieldsets[:-1]
        if not self.has_change_permission(request, obj):
            # Read-only: the period as it reads ("6 tháng đầu năm 2021"), not the inputs.
            period = (fieldsets[1][0], {**fieldsets[1][1], "fields": ("period",)})
            period[1].pop("description", None)
            return [fieldsets[0], period, *fieldsets[2:]]
        return fieldsets

    def has_change_permission(self, request, obj=None):
        # A submitted or approved report is read-only: it is sent back to draft to be changed.
        if obj is not None and obj.status != S.DRAFT:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status == S.APPROVED:
            return False
        return super().has_delete_permission(request, obj)

    def save_aggregate(self, request, form, formsets, change):
        items = Rows(ReportItem, "report")
        attachments = Rows(ReportAttachment, "report")
        for formset in formsets:
            rows = Rows.from_formset(formset)
            target = items if formset.model is ReportItem else attachments
            target.save.extend(rows.save)
            target.delete.extend(rows.delete)
        services.report_save(report=form.instance, items=items, attachments=attachments, by=request.user)

    # --- The workflow -------------------------------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/workflow/<slug:name>/",
                self.admin_site.admin_view(self.workflow_view),
                name="{}_{}_workflow".format(*info),
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            # The steps this user may take; the service checks again when one is pressed.
            context["workflow"] = [
                step
                for step in STEPS
                if obj.status == step.source
                and request.user.has_perm(f"reports.{step.permission}")
                and self._writable(request, obj)
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def workflow_view(self, request, object_id, name):
        """A button of the change page: one step of the workflow, through its service. A user
        without the step's permission gets 403; a step the report's status refuses, a message."""
        step = STEPS_BY_NAME.get(name)
        if step is None:
            raise Http404
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_view_permission(request) or not request.user.has_perm(f"reports.{step.permission}"):
            raise PermissionDenied
        report = self.get_object(request, unquote(object_id))
        if report is None:
            raise Http404
        if step.name == "return":
            form = ReturnForm(request.POST if "note" in request.POST else None)
            if not form.is_valid():
                context = {
                    **self.admin_site.each_context(request),
                    "opts": self.opts,
                    "original": report,
                    "form": form,
                    "title": gettext("Send “%(report)s” back to draft") % {"report": report},
                }
                return TemplateResponse(request, "admin/reports/report/return.html", context)
        try:
            if step.name == "return":
                services.report_return(report=report, by=request.user, note=form.cleaned_data["note"])
            elif step.name == "submit":
                services.report_submit(report=report, by=request.user)
            else:
                services.report_approve(report=report, by=request.user)
        except ValidationError as error:
            self.message_user(
                request,
                gettext("“%(report)s” was not changed: %(reason)s")
                % {"report": report, "reason": " ".join(error.messages)},
                messages.ERROR,
            )
        else:
            self.message_user(
                request,
                gettext("“%(report)s” is now “%(status)s”.")
                % {"report": report, "status": report.get_status_display()},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(self.change_url(report))
