from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from committees.models import Organization, Person, SteeringCommittee
from events.models import Event
from portal.files import UploadField
from portal.history import AuditedHistory
from portal.sources.models import citations_relation
from reports.models.periods import PeriodFields


class ReportKind(models.TextChoices):
    SIX_MONTH = "six_month", _("six-month review (sơ kết 6 tháng)")
    ANNUAL = "annual", _("annual review (tổng kết năm)")
    RESULTS = "results", _("results report (báo cáo kết quả)")
    THEMATIC = "thematic", _("thematic report (báo cáo chuyên đề)")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    APPROVED = "approved", _("approved")


class SectionKind(models.IntegerChoices):
    """The fixed anatomy of a review report; numbered so that the database orders them as read."""

    RESULTS = 1, _("results")
    LIMITATIONS = 2, _("limitations and causes")
    DIRECTIONS = 3, _("directions")
    TASKS = 4, _("tasks and solutions")


class Report(PeriodFields):
    """A review or results report of an organisation (or its steering committee) for a period.

    Written and moved through draft → submitted → approved only by reports.services.
    """

    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="reports"
    )
    committee = models.ForeignKey(
        SteeringCommittee,
        verbose_name=_("steering committee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        help_text=_("When the report is the steering committee's rather than the organisation's."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ReportKind)
    title = models.CharField(_("title"), max_length=500)
    author_unit = models.CharField(
        _("author unit"),
        max_length=255,
        blank=True,
        help_text=_('The unit that wrote it, e.g. "Công đoàn cơ sở". Empty: the organisation itself.'),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, editable=False)
    half = models.PositiveSmallIntegerField(_("half"), null=True, blank=True, editable=False)
    event = models.ForeignKey(
        Event,
        verbose_name=_("presented at"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
    )
    presenter = models.ForeignKey(
        Person,
        verbose_name=_("presented by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports_presented",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus, default=ReportStatus.DRAFT, editable=False
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    citations = citations_relation()

    history = AuditedHistory()

    class Meta:
        ordering = ["-period_end", "organization", "author_unit", "pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        permissions = [("approve_report", _("Can approve a submitted report"))]
        constraints = PeriodFields.period_constraints("reports_report")
        indexes = [
            models.Index(fields=["status", "period_start", "period_end"], name="reports_report_period")
        ]

    def __str__(self):
        return self.title

    @property
    def unit(self) -> str:
        """Who wrote it: the author unit, else the organisation's name."""
        return self.author_unit or self.organization.name


class ReportItem(models.Model):
    """One numbered point of a section ("Một là, …"): a heading and its text."""

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="items"
    )
    section = models.PositiveSmallIntegerField(_("section"), choices=SectionKind)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    heading = models.CharField(_("heading"), max_length=500, blank=True)
    text = models.TextField(_("text"))
    citations = citations_relation()

    history = AuditedHistory()

    class Meta:
        ordering = ["report", "section", "order", "pk"]
        verbose_name = _("report item")
        verbose_name_plural = _("report items")

    def __str__(self):
        return self.heading or self.text[:80]


class ReportAttachment(models.Model):
    """The report's own document (PDF or DOCX)."""

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("title"), max_length=500)
    file = UploadField(_("file"), kind="document", folder="reports/attachments")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = AuditedHistory()

    class Meta:
        ordering = ["report", "order", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title
