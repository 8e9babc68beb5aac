"""The spreadsheet of reports: their metadata, exported only.

A report is written section by section and moved through draft → submitted → approved by
`reports.services`; a spreadsheet row could not carry its sections and attachments, so the
reports register their resource for export only: title, kind, organisation, author unit,
period, status, the event it was presented at and by whom, and the days it was submitted
and approved (in Asia/Ho_Chi_Minh).
"""

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import pgettext_lazy
from import_export.fields import Field

from portal.exchange.resources import SpreadsheetResource
from portal.exchange.widgets import ChoiceWidget, DateWidget, TextWidget
from reports.models import PeriodKind, Report, ReportKind, ReportStatus


def column(text: str):
    """A column header of the reports' spreadsheet (Vietnamese through gettext)."""
    return pgettext_lazy("reports spreadsheet column", text)


class LocalDateWidget(DateWidget):
    """The day of an aware time in Asia/Ho_Chi_Minh."""

    def render(self, value, obj=None, **kwargs):
        return None if value is None else timezone.localdate(value)


class ReportResource(SpreadsheetResource):
    """Reports' metadata, one a row: exported only (see above)."""

    title = Field(attribute="title", column_name=column("Title"), widget=TextWidget())
    kind = Field(attribute="kind", column_name=column("Kind"), widget=ChoiceWidget(ReportKind.choices))
    organization = Field(
        attribute="organization__name", column_name=column("Organisation"), widget=TextWidget()
    )
    author_unit = Field(attribute="author_unit", column_name=column("Author unit"), widget=TextWidget())
    period_kind = Field(
        attribute="period_kind", column_name=column("Period"), widget=ChoiceWidget(PeriodKind.choices)
    )
    period_start = Field(attribute="period_start", column_name=column("Period from"), widget=DateWidget())
    period_end = Field(attribute="period_end", column_name=column("Period until"), widget=DateWidget())
    status = Field(
        attribute="status", column_name=column("Status"), widget=ChoiceWidget(ReportStatus.choices)
    )
    event = Field(attribute="event__title", column_name=column("Presented at"), widget=TextWidget())
    presenter = Field(
        attribute="presenter__full_name", column_name=column("Presented by"), widget=TextWidget()
    )
    submitted_at = Field(
        attribute="submitted_at", column_name=column("Submitted on"), widget=LocalDateWidget()
    )
    approved_at = Field(attribute="approved_at", column_name=column("Approved on"), widget=LocalDateWidget())

    class Meta(SpreadsheetResource.Meta):
        model = Report
        fields = (
            "title",
            "kind",
            "organization",
            "author_unit",
            "period_kind",
            "period_start",
            "period_end",
            "status",
            "event",
            "presenter",
            "submitted_at",
            "approved_at",
        )
        export_order = fields

    def export_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("organization", "event", "presenter")
