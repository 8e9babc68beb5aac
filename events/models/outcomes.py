from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from committees.models import Decision, Organization, Person
from events.models.events import Event
from portal.history import AuditedHistory


class DecisionAnnouncement(models.Model):
    """A decision announced at the event (công bố quyết định), in the order announced."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="decision_announcements"
    )
    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="announcements"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = AuditedHistory()

    class Meta:
        ordering = ["event", "order", "pk"]
        verbose_name = _("decision announced")
        verbose_name_plural = _("decisions announced")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "decision"],
                name="decision_announced_once_per_event",
                violation_error_message=_("This decision is already listed for this event."),
            ),
        ]

    def __str__(self):
        return str(self.decision)


class Award(models.Model):
    """A commendation announced at the event, to a person, an organisation or a named collective."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="awards")
    recipient_person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="awards",
        null=True,
        blank=True,
    )
    recipient_organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="awards",
        null=True,
        blank=True,
    )
    recipient_collective = models.CharField(
        _("collective"),
        max_length=255,
        blank=True,
        help_text=_('A group written as text, e.g. "tập thể, cá nhân có thành tích đột xuất".'),
    )
    reason = models.TextField(_("reason"), blank=True)
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        related_name="awards",
        null=True,
        blank=True,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = AuditedHistory()

    class Meta:
        ordering = ["event", "order", "pk"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(recipient_person__isnull=False)
                    | Q(recipient_organization__isnull=False)
                    | ~Q(recipient_collective="")
                ),
                name="award_has_a_recipient",
                violation_error_message=_("Name the recipient: a person, an organisation or a collective."),
            ),
        ]

    def __str__(self):
        return self.recipient_label

    @property
    def recipient_label(self) -> str:
        if self.recipient_person_id:
            return self.recipient_person.display_name
        if self.recipient_organization_id:
            return self.recipient_organization.name_on(self.event.start_date)
        return self.recipient_collective


class KeyFigure(models.Model):
    """A figure stated at the event: "3 phương hướng", "9 nhiệm vụ", "04 hội thảo cấp Bộ"."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="key_figures"
    )
    value = models.PositiveIntegerField(_("value"))
    label = models.CharField(_("what is counted"), max_length=255)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = AuditedHistory()

    class Meta:
        ordering = ["event", "order", "pk"]
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")

    def __str__(self):
        return f"{self.value} {self.label}"
