from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from committees.models import Organization, Person
from events.models.events import Event
from portal.history import AuditedHistory
from portal.sources.models import citations_relation

TITLE_LINE_HELP = _(
    "As printed for this event. Filled from the person's positions on the event date when left "
    "empty; a later change of position never rewrites it."
)


class EventSite(models.Model):
    """A connection site (điểm cầu) of an online or hybrid event, or the venue of one in person."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sites")
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="event_sites",
        null=True,
        blank=True,
    )
    place = models.CharField(
        _("place"),
        max_length=255,
        blank=True,
        help_text=_('When the site is not one organisation, e.g. "các tỉnh, thành phố khu vực Tây Nam Bộ".'),
    )
    is_main = models.BooleanField(_("main site"), default=False)
    attendee_groups = models.TextField(
        _("groups attending"),
        blank=True,
        help_text=_(
            'Written as in the source, e.g. "lãnh đạo Ban Tuyên giáo, Trường Chính trị tỉnh, thành phố".'
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = AuditedHistory()

    class Meta:
        ordering = ["event", "-is_main", "order", "pk"]
        verbose_name = _("connection site")
        verbose_name_plural = _("connection sites")
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | ~Q(place=""),
                name="event_site_has_a_place",
                violation_error_message=_("Choose the organisation or write the place of the site."),
            ),
            models.UniqueConstraint(
                fields=["event"],
                condition=Q(is_main=True),
                name="event_has_one_main_site",
                violation_error_message=_("An event has only one main site."),
            ),
        ]

    def __str__(self):
        return self.name_on_event_date

    @property
    def name_on_event_date(self) -> str:
        if self.organization_id:
            return self.organization.name_on(self.event.start_date)
        return self.place


class Attendee(models.Model):
    """A named person attending, at one of the event's sites, with the title line printed for the event.

    Attendees hang on the event (so the whole event is entered on one screen) and name their
    site among the event's own.
    """

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="attendees"
    )
    site = models.ForeignKey(
        EventSite,
        verbose_name=_("site"),
        on_delete=models.CASCADE,
        related_name="attendees",
        null=True,
        blank=True,
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="attendances"
    )
    title_line = models.CharField(_("title line"), max_length=500, blank=True, help_text=TITLE_LINE_HELP)
    note = models.CharField(
        _("capacity"), max_length=255, blank=True, help_text=_('For example "đại diện Ban Chỉ đạo 35".')
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = AuditedHistory()

    class Meta:
        ordering = ["event", "order", "pk"]
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                name="attendee_once_per_event",
                violation_error_message=_("This person is already listed as attending this event."),
            ),
        ]

    def __str__(self):
        return self.title_line or self.person.display_name

    def clean(self):
        super().clean()
        if self.site_id and self.event_id and self.site.event_id != self.event_id:
            raise ValidationError({"site": _("Choose one of this event's own sites.")})


class EventChair(models.Model):
    """A person chairing the event (chủ trì)."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="chairs")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="chaired"
    )
    title_line = models.CharField(_("title line"), max_length=500, blank=True, help_text=TITLE_LINE_HELP)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = AuditedHistory()

    class Meta:
        ordering = ["event", "order", "pk"]
        verbose_name = _("chair")
        verbose_name_plural = _("chairs")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                name="chair_once_per_event",
                violation_error_message=_("This person already chairs this event."),
            ),
        ]

    def __str__(self):
        return self.title_line or self.person.display_name


class SpeechRole(models.TextChoices):
    OPENING = "opening", _("opening speech (khai mạc)")
    REPORT = "report", _("presents a report (trình bày báo cáo)")
    CONTRIBUTION = "contribution", _("contribution (tham luận)")
    DIRECTIVE = "directive", _("directive speech (phát biểu chỉ đạo)")
    ANNOUNCEMENT = "announcement", _("announces decisions (công bố quyết định)")
    CLOSING = "closing", _("closing speech (kết luận)")
    OTHER = "other", _("other speech")


class Speech(models.Model):
    """One speaker's turn, in order: opening, reports, contributions, directives, closing."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="speeches"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("speaker"), on_delete=models.PROTECT, related_name="speeches"
    )
    role = models.CharField(_("role"), max_length=16, choices=SpeechRole)
    order = models.PositiveSmallIntegerField(_("order"))
    title_line = models.CharField(_("title line"), max_length=500, blank=True, help_text=TITLE_LINE_HELP)
    on_behalf_of = models.CharField(
        _("on behalf of"), max_length=255, blank=True, help_text=_('For example "Ban Chỉ đạo 35 Học viện".')
    )
    title = models.CharField(_("title of the speech or report"), max_length=500, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    points = models.TextField(
        _("points, in order"),
        blank=True,
        help_text=_(
            'One point a line, in the order the speaker gave them ("Thứ nhất", "Thứ hai"…), '
            "without their ordinal: the page numbers them."
        ),
    )
    document = models.ForeignKey(
        "events.EventDocument",
        verbose_name=_("document presented"),
        on_delete=models.SET_NULL,
        related_name="speeches",
        null=True,
        blank=True,
    )
    citations = citations_relation()

    history = AuditedHistory()

    class Meta:
        ordering = ["event", "order"]
        verbose_name = _("speech")
        verbose_name_plural = _("speeches")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "order"],
                name="speech_order_unique_per_event",
                violation_error_message=_("Two speeches of this event have the same order."),
            ),
        ]

    def __str__(self):
        return f"{self.order}. {self.get_role_display()}: {self.title_line or self.person.display_name}"

    @property
    def point_list(self) -> list[str]:
        """The speech's points in order, one a non-empty line of `points`."""
        return [line.strip() for line in self.points.splitlines() if line.strip()]
