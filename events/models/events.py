import calendar
import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from committees.models import Decision, LegalDocument, Organization
from portal.history import AuditedHistory
from portal.sources.models import citations_relation

# Addresses under /su-kien/ that are pages of their own, not events.
RESERVED_SLUGS = frozenset({"lich"})


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("conference (hội nghị)")
    WORKSHOP = "workshop", _("scientific workshop (hội thảo khoa học)")
    ROUNDTABLE = "roundtable", _("roundtable (tọa đàm)")
    TRAINING = "training", _("training (tập huấn)")
    BRIEFING = "briefing", _("briefing (giao ban)")
    CEREMONY = "ceremony", _("ceremony (lễ)")
    SIGNING = "signing", _("signing (ký kết)")
    OTHER = "other", _("other")


class EventPurpose(models.TextChoices):
    INTERIM_REVIEW = "interim_review", _("interim review (sơ kết)")
    FINAL_REVIEW = "final_review", _("final review (tổng kết)")
    ANNOUNCEMENT = "announcement", _("announcing decisions")
    SIGNING = "signing", _("signing")
    PERIODIC_REVIEW = "periodic_review", _("review of a half-year or year")
    THEMATIC = "thematic", _("thematic")
    OTHER = "other", _("other")


class EventLevel(models.TextChoices):
    STATE = "state", _("state level (cấp Nhà nước)")
    MINISTRY = "ministry", _("ministry level (cấp Bộ)")
    PROVINCE = "province", _("province level (cấp tỉnh)")
    INSTITUTION = "institution", _("institution level (cấp cơ sở)")


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    ONLINE = "online", _("online")
    HYBRID = "hybrid", _("in person and online")


class EventStatus(models.TextChoices):
    """Whether readers see the event, and whether it goes ahead: only the workflow services
    (events.services.event_publish, event_postpone, event_cancel, event_unpublish) move it."""

    DRAFT = "draft", pgettext_lazy("event status", "draft")
    PUBLISHED = "published", pgettext_lazy("event status", "published")
    POSTPONED = "postponed", pgettext_lazy("event status", "postponed")
    CANCELLED = "cancelled", pgettext_lazy("event status", "cancelled")


# The statuses readers see: a postponed or cancelled event keeps its page, with a notice.
PUBLIC_STATUSES = (EventStatus.PUBLISHED, EventStatus.POSTPONED, EventStatus.CANCELLED)


class EventQuerySet(models.QuerySet):
    def public(self) -> "EventQuerySet":
        """The events readers may see (not drafts): every public page, list, calendar, feed,
        sitemap, panel, search entry and report reads events through this."""
        return self.filter(status__in=PUBLIC_STATUSES)


class PartOfDay(models.TextChoices):
    """What the articles say when they give no clock time: "Sáng ngày 02/7/2021"."""

    MORNING = "morning", _("morning")
    AFTERNOON = "afternoon", _("afternoon")
    EVENING = "evening", _("evening")


class Event(models.Model):
    """A conference, workshop, briefing or ceremony, recorded once and completely."""

    title = models.CharField(_("title"), max_length=500)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind)
    purpose = models.CharField(_("purpose"), max_length=20, choices=EventPurpose, blank=True)
    level = models.CharField(_("level"), max_length=16, choices=EventLevel, blank=True)
    format = models.CharField(
        _("format"),
        max_length=16,
        choices=EventFormat,
        default=EventFormat.IN_PERSON,
        blank=True,
        help_text=_("Empty when the sources do not say."),
    )
    status = models.CharField(_("status"), max_length=16, choices=EventStatus, default=EventStatus.DRAFT)
    status_notice = models.TextField(
        _("notice to readers"),
        blank=True,
        help_text=_(
            "Shown on the page of a postponed or cancelled event: the reason, the new date if known."
        ),
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True, editable=False)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    start_date = models.DateField(_("start date"))
    start_time = models.TimeField(
        _("start time"), null=True, blank=True, help_text=_("Leave empty if unknown.")
    )
    part_of_day = models.CharField(
        _("part of the day"),
        max_length=16,
        choices=PartOfDay,
        blank=True,
        help_text=_('When only "morning" or "afternoon" is known.'),
    )
    end_date = models.DateField(_("end date"), null=True, blank=True, help_text=_("Empty: the same day."))
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    day_unknown = models.BooleanField(
        _("day not known"),
        default=False,
        help_text=_(
            "The sources say only that it was held at some time between the start and end dates "
            "(for example in 2024, or in 2023–2024)."
        ),
    )
    host = models.ForeignKey(
        Organization,
        verbose_name=_("host organisation"),
        on_delete=models.PROTECT,
        related_name="hosted_events",
    )
    co_organizers = models.ManyToManyField(
        Organization, verbose_name=_("co-organisers"), related_name="co_organized_events", blank=True
    )
    summary = models.TextField(_("summary"), blank=True)
    legal_documents = models.ManyToManyField(
        LegalDocument,
        verbose_name=_("documents implemented"),
        related_name="events",
        blank=True,
        help_text=_("The Party and State documents the event implements, e.g. Resolution 35-NQ/TW."),
    )
    decisions = models.ManyToManyField(
        Decision,
        verbose_name=_("decisions announced"),
        related_name="announced_at",
        through="events.DecisionAnnouncement",
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    citations = citations_relation()

    objects = EventQuerySet.as_manager()

    history = AuditedHistory()

    class Meta:
        ordering = ["-start_date", "-start_time", "-pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        permissions = [("publish_event", _("Can publish, postpone, cancel and unpublish events"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="event_ends_after_it_starts",
                violation_error_message=_("The event cannot end before it starts."),
            ),
        ]
        # updated_at: the sitemap index dates the events' section by its latest change.
        indexes = [models.Index(fields=["start_date"]), models.Index(fields=["updated_at"])]

    def __str__(self):
        return f"{self.title} ({self.window_label or date_format(self.start_date, 'SHORT_DATE_FORMAT')})"

    def get_absolute_url(self):
        return reverse("events:event_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is used by the events calendar; choose another.")})
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The event cannot end before it starts.")})
        if self.end_time and not self.start_time:
            raise ValidationError({"start_time": _("Give the start time when the end time is known.")})
        same_day = self.end_date is None or self.end_date == self.start_date
        if same_day and self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The event cannot end before it starts.")})
        if self.day_unknown and (self.end_date is None or self.start_time or self.end_time):
            raise ValidationError(
                {"day_unknown": _("When the day is not known, give the dates it lies between and no times.")}
            )

    @property
    def window(self) -> str:
        """How much of the date is known: "day", or for an event whose day is not known, "year"
        (its window is a whole year), "month" (a whole month) or "range" (other dates)."""
        if not self.day_unknown or self.end_date is None:
            return "day"
        start, end = self.start_date, self.end_date
        if start.year == end.year and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
            return "year"
        month_end = calendar.monthrange(end.year, end.month)[1]
        if (start.year, start.month, start.day) == (end.year, end.month, 1) and end.day == month_end:
            return "month"
        return "range"

    @property
    def window_label(self) -> str:
        """Where an event whose day is not known is shown instead of a day: "năm 2024",
        "tháng 11/2024", "trong khoảng 01/01/2023 – 19/11/2024"; empty when the day is known."""
        window = self.window
        if window == "year":
            return gettext("in %(year)s") % {"year": self.start_date.year}
        if window == "month":
            return gettext("in %(month)s") % {"month": f"{self.start_date:%m/%Y}"}
        if window == "range":
            return gettext("some time between %(start)s and %(end)s") % {
                "start": date_format(self.start_date, "SHORT_DATE_FORMAT"),
                "end": date_format(self.last_date, "SHORT_DATE_FORMAT"),
            }
        return ""

    @property
    def window_iso(self) -> str:
        """The window as an ISO 8601 date of reduced precision ("2024", "2024-11") when it is a
        whole year or month; empty otherwise (ISO 8601 dates cannot say "some day between")."""
        window = self.window
        if window == "year":
            return f"{self.start_date.year:04d}"
        if window == "month":
            return f"{self.start_date:%Y-%m}"
        return ""

    @property
    def is_public(self) -> bool:
        """Readers may see it: the rule of `Event.objects.public()`, for one event in hand."""
        return self.status in PUBLIC_STATUSES

    @property
    def public_status_label(self) -> str:
        """What readers are told of the event's state: "held" or "planned" by its dates for a
        published event (its last day past or not), the status itself when postponed or cancelled."""
        if self.status == EventStatus.PUBLISHED:
            return gettext("held") if self.last_date < timezone.localdate() else gettext("planned")
        return EventStatus(self.status).label

    @property
    def is_online(self) -> bool:
        return self.format in {EventFormat.ONLINE, EventFormat.HYBRID}

    @property
    def last_date(self) -> dt.date:
        return self.end_date or self.start_date

    @property
    def starts_at(self) -> dt.datetime | None:
        """The aware start, when the clock time is known."""
        if self.start_time is None:
            return None
        return dt.datetime.combine(self.start_date, self.start_time, tzinfo=ZoneInfo(settings.TIME_ZONE))

    @property
    def ends_at(self) -> dt.datetime | None:
        if self.end_time is None:
            return None
        return dt.datetime.combine(self.last_date, self.end_time, tzinfo=ZoneInfo(settings.TIME_ZONE))
