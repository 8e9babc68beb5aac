from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from committees.models import Organization, Region
from reports.models.periods import PeriodFields


class ScopeKind(models.TextChoices):
    ORGANIZATION = "organization", _("one organisation")
    REGION = "region", _("a region")
    SYSTEM = "system", _("the whole system")


class ScopeFields(PeriodFields):
    """Whose records a summary counts (an organisation, a region, the whole system) and for when."""

    scope_kind = models.CharField(_("scope"), max_length=16, choices=ScopeKind)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    include_children = models.BooleanField(
        _("with its child organisations"),
        default=True,
        help_text=_("For one organisation: count the records of the organisations under it too."),
    )

    class Meta:
        abstract = True

    @classmethod
    def scope_constraints(cls, prefix: str) -> list[models.BaseConstraint]:
        return [
            models.CheckConstraint(
                condition=(
                    Q(scope_kind=ScopeKind.ORGANIZATION, organization__isnull=False, region__isnull=True)
                    | Q(scope_kind=ScopeKind.REGION, organization__isnull=True, region__isnull=False)
                    | Q(scope_kind=ScopeKind.SYSTEM, organization__isnull=True, region__isnull=True)
                ),
                name=f"{prefix}_scope_names_one_target",
            ),
            *cls.period_constraints(prefix),
        ]


class Summary(ScopeFields):
    """An immutable snapshot of a scope's figures for a period, with the hash of what it was made from.

    Made only by reports.services.summary_assemble: the same scope, period and records give
    the same snapshot and the same hash, and that row is returned instead of a new one.
    """

    scope_key = models.CharField(_("scope key"), max_length=40, editable=False)
    input_hash = models.CharField(_("input hash"), max_length=64, editable=False)
    snapshot = models.JSONField(_("snapshot"), encoder=DjangoJSONEncoder, editable=False)
    title = models.CharField(_("title"), max_length=500, editable=False)
    assembled_at = models.DateTimeField(_("assembled at"), editable=False)
    assembled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assembled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        ordering = ["-period_end", "scope_key", "-assembled_at", "-pk"]
        verbose_name = pgettext_lazy("periodic summary", "summary")
        verbose_name_plural = _("summaries")
        constraints = [
            models.UniqueConstraint(
                fields=["scope_key", "period_start", "period_end", "input_hash"], name="reports_summary_once"
            ),
            *ScopeFields.scope_constraints("reports_summary"),
        ]

    def __str__(self):
        return self.title


class SummaryJobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class SummaryJob(ScopeFields):
    """A request to assemble a summary, and how far it has got: what the admin's progress bar shows."""

    status = models.CharField(
        _("status"), max_length=16, choices=SummaryJobStatus, default=SummaryJobStatus.QUEUED, editable=False
    )
    stage = models.CharField(_("stage"), max_length=120, blank=True, editable=False)
    percent = models.PositiveSmallIntegerField(_("percent done"), default=0, editable=False)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0, editable=False)
    error = models.TextField(_("error"), blank=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    heartbeat_at = models.DateTimeField(_("last progress at"), null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True, editable=False)
    summary = models.ForeignKey(
        Summary,
        verbose_name=pgettext_lazy("periodic summary", "summary"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="jobs",
    )

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("summary job")
        verbose_name_plural = _("summary jobs")
        constraints = ScopeFields.scope_constraints("reports_summaryjob")
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="reports_job_status")]

    def __str__(self):
        return f"{self.get_scope_kind_display()} {self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y}"


class SummarySheet(models.TextChoices):
    EVENTS = "events", _("events")
    DECISIONS = "decisions", _("decisions")
    AGREEMENTS = "agreements", _("agreements")
    TASKS = "tasks", _("agreement tasks")
    ARTICLES = "articles", _("articles")


class SummaryRow(models.Model):
    """One listed record of a summary (an event, a decision…), as it stood when assembled.

    The lists live in rows rather than in the snapshot so that a summary of the whole system
    is written and read in chunks: memory stays flat however many records it lists.
    """

    summary = models.ForeignKey(
        Summary,
        verbose_name=pgettext_lazy("periodic summary", "summary"),
        on_delete=models.CASCADE,
        related_name="rows",
    )
    sheet = models.CharField(_("sheet"), max_length=16, choices=SummarySheet)
    position = models.PositiveIntegerField(_("position"))
    data = models.JSONField(_("data"), encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["summary", "sheet", "position"]
        verbose_name = _("summary row")
        verbose_name_plural = _("summary rows")
        constraints = [
            models.UniqueConstraint(fields=["summary", "sheet", "position"], name="reports_summaryrow_once"),
        ]

    def __str__(self):
        return f"{self.sheet} {self.position}"
