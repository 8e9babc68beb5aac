from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from agreements.models.agreements import Agreement, AgreementParty, StatusChangeRecord
from committees.models import Decision
from events.models import Event
from portal.history import AuditedHistory
from portal.sources.models import citations_relation


class Direction(models.Model):
    """A direction (phương hướng) an agreement or its review sets; tasks sit under it."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="directions"
    )
    title = models.CharField(_("direction"), max_length=500)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = AuditedHistory()

    class Meta:
        ordering = ["agreement", "order", "pk"]
        verbose_name = _("direction")
        verbose_name_plural = _("directions")

    def __str__(self):
        return self.title


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    OVERDUE = "overdue", _("overdue")
    UNREPORTED = "unreported", _("progress not reported")


class TaskOrigin(models.TextChoices):
    """Where a task comes from: the sources tell a task the agreement or its review names as one from
    what a leader directs or participants propose at a review conference."""

    STATED = "stated", _("named as a task")
    DIRECTIVE = "directive", _("a leader's directive")
    PROPOSAL = "proposal", _("a participants' proposal")


class Task(models.Model):
    """A task (nhiệm vụ) the agreement commits a party to, with its due date and evidence."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="tasks"
    )
    direction = models.ForeignKey(
        Direction,
        verbose_name=_("direction"),
        on_delete=models.SET_NULL,
        related_name="tasks",
        null=True,
        blank=True,
    )
    title = models.CharField(_("task"), max_length=500)
    owner = models.ForeignKey(
        AgreementParty,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="tasks",
        null=True,
        blank=True,
        help_text=_("The party responsible; leave empty when the source does not say."),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    # Changed only by agreements.services.task_set_status, which keeps the history.
    status = models.CharField(
        _("status"), max_length=16, choices=TaskStatus, default=TaskStatus.NOT_STARTED, editable=False
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    origin = models.CharField(
        _("origin"),
        max_length=16,
        choices=TaskOrigin,
        default=TaskOrigin.STATED,
        help_text=_(
            "Whether the agreement or its review names this as a task, or a leader directed it or "
            "participants proposed it at a review conference."
        ),
    )
    evidence_events = models.ManyToManyField(
        Event, verbose_name=_("evidence: events"), related_name="agreement_tasks", blank=True
    )
    evidence_decisions = models.ManyToManyField(
        Decision, verbose_name=_("evidence: decisions"), related_name="agreement_tasks", blank=True
    )
    evidence_note = models.TextField(_("evidence: notes and links"), blank=True)
    citations = citations_relation()

    history = AuditedHistory()

    class Meta:
        ordering = ["agreement", "order", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.owner_id and self.agreement_id and self.owner.agreement_id != self.agreement_id:
            raise ValidationError({"owner": _("The owner must be a party to this agreement.")})
        if self.direction_id and self.agreement_id and self.direction.agreement_id != self.agreement_id:
            raise ValidationError({"direction": _("Choose a direction of this agreement.")})


class TaskStatusChange(StatusChangeRecord):
    """Who moved a task from one status to another, and when."""

    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(_("previous status"), max_length=16, choices=TaskStatus)
    to_status = models.CharField(_("new status"), max_length=16, choices=TaskStatus)

    class Meta:
        ordering = ["task", F("at").asc(nulls_first=True), "pk"]
        verbose_name = _("task status change")
        verbose_name_plural = _("task status changes")
