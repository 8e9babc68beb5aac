import datetime as dt
import functools

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from committees.models.committees import SteeringCommittee, Team
from committees.models.organizations import Organization
from portal.files import UploadImageField
from portal.history import AuditedHistory
from portal.lib.titles import name_with_titles
from portal.sources.models import citations_relation


class AcademicTitle(models.TextChoices):
    GS = "GS", _("Professor (GS)")
    PGS = "PGS", _("Associate Professor (PGS)")


class Degree(models.TextChoices):
    TSKH = "TSKH", _("Doctor of Science (TSKH)")
    TS = "TS", _("Doctor (TS)")
    THS = "ThS", _("Master (ThS)")
    CN = "CN", _("Bachelor (CN)")


class Honorific(models.TextChoices):
    NGND = "NGND", _("People's Teacher (NGND)")
    NGUT = "NGƯT", _("Meritorious Teacher (NGƯT)")


class Person(models.Model):
    full_name = models.CharField(_("full name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    academic_title = models.CharField(_("academic title"), max_length=8, choices=AcademicTitle, blank=True)
    degree = models.CharField(_("degree"), max_length=8, choices=Degree, blank=True)
    honorific = models.CharField(_("honorific"), max_length=8, choices=Honorific, blank=True)
    photo = UploadImageField(_("photo"), kind="portrait", folder="people", blank=True)
    bio = models.TextField(_("short biography"), blank=True)
    citations = citations_relation()

    history = AuditedHistory()

    class Meta:
        ordering = ["full_name", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        # A name of titles or white space only is refused by committees.services.person_name_parse.
        constraints = [
            models.CheckConstraint(
                condition=~Q(full_name=""),
                name="person_has_a_name",
                violation_error_message=_("A person must have a name."),
            ),
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("committees:person_detail", kwargs={"slug": self.slug})

    @property
    def display_name(self) -> str:
        """ "PGS, TS Hoàng Phúc Lâm": titles in their one canonical form."""
        return name_with_titles(
            self.full_name,
            honorific=self.honorific,
            academic_title=self.academic_title,
            degree=self.degree,
        )


class Role(models.TextChoices):
    """Roles as the title lines write them; the body's name follows ("Phó Trưởng" + "Ban Chỉ đạo 35")."""

    SECRETARY = "secretary", _("Secretary")
    DEPUTY_SECRETARY = "deputy_secretary", _("Deputy Secretary")
    STANDING_COMMITTEE_MEMBER = "standing_member", _("Member of the Standing Committee of")
    EXECUTIVE_COMMITTEE_MEMBER = "executive_member", _("Member of the Executive Committee of")
    DIRECTOR = "director", _("Director")
    DEPUTY_DIRECTOR = "deputy_director", _("Deputy Director")
    RECTOR = "rector", _("Rector")
    VICE_RECTOR = "vice_rector", _("Vice-Rector")
    HEAD = "head", _("Head of")
    DEPUTY_HEAD = "deputy_head", _("Deputy Head of")
    DEPARTMENT_DIRECTOR = "department_director", _("Director of the Department")
    DEPUTY_DEPARTMENT_DIRECTOR = "deputy_department_director", _("Deputy Director of the Department")
    CHIEF_OF_OFFICE = "chief_of_office", _("Chief of the Office of")
    DEPUTY_CHIEF_OF_OFFICE = "deputy_chief_of_office", _("Deputy Chief of the Office of")
    CHAIR = "chair", _("Chair of")
    TEAM_LEADER = "team_leader", _("Leader of")
    DEPUTY_TEAM_LEADER = "deputy_team_leader", _("Deputy Leader of")
    MEMBER = "member", _("Member of")
    OTHER = "other", _("other (write the title)")


@functools.cache
def _role_labels(language: str) -> dict[str, str]:
    return {role: str(label) for role, label in Role.choices}


def role_label(role: str) -> str:
    """The role as title lines write it, in the active language (translated once per language:
    title lines are made by the thousand)."""
    return _role_labels(get_language() or "")[role]


class PositionQuerySet(models.QuerySet):
    def held_on(self, day: dt.date):
        """Positions held on `day`; an unknown start or end is taken as open."""
        return self.filter(Q(start_date__isnull=True) | Q(start_date__lte=day)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )

    def current_on(self, day: dt.date):
        """Positions held on `day` as their dates say; those with neither date are only reported."""
        return self.held_on(day).exclude(start_date__isnull=True, end_date__isnull=True)


class Position(models.Model):
    """A dated role of a person in exactly one body: an organisation, a steering committee or a team."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="positions"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role)
    title = models.CharField(
        _("title as written"),
        max_length=160,
        blank=True,
        help_text=_('Replaces the role\'s wording, e.g. "Trưởng Cơ quan đại diện phía Nam".'),
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="positions",
        null=True,
        blank=True,
    )
    committee = models.ForeignKey(
        SteeringCommittee,
        verbose_name=_("steering committee"),
        on_delete=models.PROTECT,
        related_name="positions",
        null=True,
        blank=True,
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        related_name="positions",
        null=True,
        blank=True,
    )
    start_date = models.DateField(_("from"), null=True, blank=True, help_text=_("Leave empty if unknown."))
    end_date = models.DateField(_("until"), null=True, blank=True, help_text=_("Leave empty while held."))
    # The sources report a position as held on a date, not from a date to now: without a start
    # or end, the position is known only as of this date and is never shown as current.
    reported_on = models.DateField(
        _("reported on"),
        null=True,
        blank=True,
        help_text=_(
            "The date of the source that reports the position; used when its start and end are unknown."
        ),
    )
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_("Order in the person's title line: Party, then State, then committee positions."),
    )
    in_title_line = models.BooleanField(_("shown in title lines"), default=True)

    objects = PositionQuerySet.as_manager()
    citations = citations_relation()

    history = AuditedHistory()

    class Meta:
        ordering = ["person", "order", "pk"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(organization__isnull=False, committee__isnull=True, team__isnull=True)
                    | Q(organization__isnull=True, committee__isnull=False, team__isnull=True)
                    | Q(organization__isnull=True, committee__isnull=True, team__isnull=False)
                ),
                name="position_in_exactly_one_body",
                violation_error_message=_("Choose exactly one of: organisation, steering committee, team."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="position_ends_after_it_starts",
                violation_error_message=_("A position cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(role="other") | ~Q(title=""),
                name="position_other_role_has_a_title",
                violation_error_message=_('Write the title when the role is "other".'),
            ),
        ]
        indexes = [models.Index(fields=["person", "start_date", "end_date"])]

    def __str__(self):
        return f"{self.person.full_name}: {self.label_on(self.label_day)}"

    @property
    def body(self) -> Organization | SteeringCommittee | Team | None:
        return self.organization or self.committee or self.team

    @property
    def role_label(self) -> str:
        return self.title or role_label(self.role)

    def label_on(self, day: dt.date | None) -> str:
        """ "Phó Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh", with the body's name on `day`.

        A Party committee or unit is named as title lines name it, by its short name and its
        parent's name of that day ("Phó Bí thư Đảng ủy Học viện …"): its own full name repeats
        the parent's name as it was when recorded, which a rename of the parent leaves behind.
        """
        body = self.body
        if body is None:
            return self.role_label
        if isinstance(body, Organization) and body.is_subordinate:
            short_name, name = body.short_name_on(day), body.name_on(day)
            if short_name != name:
                return f"{self.role_label} {short_name} {body.home_organization.name_on(day)}"
        return f"{self.role_label} {body.name_on(day)}"

    @property
    def is_dated(self) -> bool:
        """Whether the sources give when the position began or ended (else it is only reported)."""
        return self.start_date is not None or self.end_date is not None

    @property
    def label_day(self) -> dt.date | None:
        """The day whose names label the position when no other day is asked: its start, else
        the date of its report."""
        return self.start_date or self.reported_on

    def is_current_on(self, day: dt.date) -> bool:
        """Held on `day` as its dates say: a position with neither date is reported, not current."""
        return self.is_dated and self.held_on(day)

    def held_on(self, day: dt.date) -> bool:
        """Held on `day`, an unknown start or end taken as open (what a title line of `day` reads)."""
        return (self.start_date is None or self.start_date <= day) and (
            self.end_date is None or day <= self.end_date
        )


def position_period(position: Position) -> str:
    """The position's period in words: "01/01/2021 – 31/12/2024", "from 01/01/2021", "until
    31/12/2024", or, with neither date, "as reported on 30/08/2021"."""
    if position.start_date and position.end_date:
        return f"{_short(position.start_date)} – {_short(position.end_date)}"
    if position.start_date:
        return _("from %(date)s") % {"date": _short(position.start_date)}
    if position.end_date:
        return _("until %(date)s") % {"date": _short(position.end_date)}
    if position.reported_on:
        return _("as reported on %(date)s") % {"date": _short(position.reported_on)}
    return _("as reported by an undated source")


def _short(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")
