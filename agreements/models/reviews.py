import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agreements.models.agreements import Agreement
from committees.models import Decision
from events.models import Event
from portal.files import UploadField
from portal.history import AuditedHistory


class MilestoneKind(models.TextChoices):
    INTERIM_REVIEW = "interim_review", _("interim review (sơ kết)")
    FINAL_REVIEW = "final_review", _("final review (tổng kết)")


class Milestone(models.Model):
    """A review of an agreement: due by its rule, held at an event, with its outcome."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="milestones"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=MilestoneKind)
    due_on = models.DateField(
        _("due on"),
        null=True,
        blank=True,
        help_text=_("Computed from the agreement's review rule when it has one."),
    )
    held_on = models.DateField(_("held on"), null=True, blank=True)
    event = models.ForeignKey(
        Event,
        verbose_name=_("review event"),
        on_delete=models.PROTECT,
        related_name="agreement_reviews",
        null=True,
        blank=True,
    )
    outcome = models.TextField(_("outcome"), blank=True)
    directions_stated = models.PositiveSmallIntegerField(
        _("directions set out"),
        null=True,
        blank=True,
        help_text=_("How many directions the review's report sets out, as the source counts them."),
    )
    tasks_stated = models.PositiveSmallIntegerField(
        _("tasks set out"),
        null=True,
        blank=True,
        help_text=_(
            "How many tasks the review's report sets out, as the source counts them, whether or not "
            "they are listed among the agreement's tasks."
        ),
    )
    report = UploadField(_("report"), kind="document", folder="agreements/reports", blank=True)
    revision_decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision to revise"),
        on_delete=models.PROTECT,
        related_name="agreement_revisions",
        null=True,
        blank=True,
    )

    history = AuditedHistory()

    class Meta:
        ordering = ["agreement", "due_on", "pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "kind"],
                condition=Q(kind="final_review"),
                name="one_final_review_per_agreement",
                violation_error_message=_("An agreement has only one final review."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.agreement}"

    @property
    def is_held(self) -> bool:
        return self.held_on is not None or self.event_id is not None

    @property
    def stated_counts(self) -> str:
        """What the review's report sets out, as the source counts it: "3 directions, 9 tasks"."""
        parts = []
        if self.directions_stated is not None:
            parts.append(
                ngettext("%(count)d direction", "%(count)d directions", self.directions_stated)
                % {"count": self.directions_stated}
            )
        if self.tasks_stated is not None:
            parts.append(
                ngettext("%(count)d task", "%(count)d tasks", self.tasks_stated)
                % {"count": self.tasks_stated}
            )
        return ", ".join(parts)


class NoticeStatus(models.TextChoices):
    PENDING = "pending", _("being sent")
    SENT = "sent", _("sent")
    UNDELIVERABLE = "undeliverable", _("undeliverable: no recipient")
    FAILED = "failed", _("sending failed")
    WITHDRAWN = "withdrawn", _("no longer due, never sent")


# Reminders the daily job still has to send: counted on the dashboard and in /healthz.
UNSENT_STATUSES = (NoticeStatus.PENDING, NoticeStatus.UNDELIVERABLE, NoticeStatus.FAILED)


class Notice(models.Model):
    """A reminder e-mailed to the secretariat, kept so that no reminder is sent twice and none
    is lost: one with no recipient, or whose sending failed, is sent again by the next run."""

    key = models.CharField(_("key"), max_length=120, unique=True)
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="notices"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=NoticeStatus.choices, default=NoticeStatus.PENDING
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    problem = models.TextField(_("why it was not sent"), blank=True)

    class Meta:
        ordering = [models.F("last_attempt_at").desc(nulls_last=True), "-pk"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self):
        return self.key

    @property
    def about(self) -> str:
        """What it reminds of, from its key ("review:<milestone>:<date>" or "expiry:<agreement>:<date>")."""
        kind = self.key.split(":", 1)[0]
        return {"review": _("review due"), "expiry": _("expiry of the agreement")}.get(kind, kind)

    @property
    def due_on(self) -> dt.date | None:
        """The date it reminds of (the review's due date, the agreement's last day), from its key."""
        try:
            return dt.date.fromisoformat(self.key.rsplit(":", 1)[1])
        except (IndexError, ValueError):
            return None
