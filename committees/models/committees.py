import datetime as dt

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from committees.models.organizations import Organization
from portal.history import AuditedHistory
from portal.sources.models import citations_relation

DEFAULT_COMMITTEE_NAME = "Ban Chỉ đạo 35"


class SteeringCommittee(models.Model):
    """The steering committee for Resolution 35 (BCĐ35) of one organisation."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="committees",
    )
    name = models.CharField(_("name"), max_length=160, default=DEFAULT_COMMITTEE_NAME)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    founding_decision = models.ForeignKey(
        "committees.Decision",
        verbose_name=_("founding decision"),
        on_delete=models.PROTECT,
        related_name="founded_committees",
        null=True,
        blank=True,
    )
    description = models.TextField(_("description"), blank=True)
    citations = citations_relation()

    history = AuditedHistory()

    class Meta:
        ordering = ["organization__order", "organization__name"]
        verbose_name = _("steering committee")
        verbose_name_plural = _("steering committees")
        constraints = [
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True)
                | Q(founded_on__isnull=True)
                | Q(dissolved_on__gte=F("founded_on")),
                name="committee_dissolved_after_founded",
                violation_error_message=_("A committee cannot be dissolved before it was founded."),
            ),
        ]

    def __str__(self):
        return self.name_on(None)

    def get_absolute_url(self):
        return self.organization.get_absolute_url() + "#ban-chi-dao"

    def name_on(self, day: dt.date | None) -> str:
        """ "Ban Chỉ đạo 35 Học viện Chính trị khu vực IV", with the organisation's name on `day`."""
        return f"{self.name} {self.organization.name_on(day)}"

    @property
    def home_organization(self) -> Organization:
        return self.organization

    def title_name_on(self, day: dt.date | None) -> str:
        return self.name


class TeamKind(models.TextChoices):
    OFFICE = "office", _("office (Văn phòng)")
    SECRETARIAT = "secretariat", _("secretariat team (Tổ thư ký)")
    ADVISORY = "advisory", _("advisory or editorial team")
    DRAFTING = "drafting", _("drafting team")
    EXPERT_GROUP = "expert_group", _("expert group")
    OTHER = "other", _("other")


class Team(models.Model):
    """A team under a steering committee: its office, secretariat, advisory teams, expert groups."""

    committee = models.ForeignKey(
        SteeringCommittee,
        verbose_name=_("steering committee"),
        on_delete=models.PROTECT,
        related_name="teams",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=TeamKind)
    name = models.CharField(_("name"), max_length=255)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    founding_decision = models.ForeignKey(
        "committees.Decision",
        verbose_name=_("founding decision"),
        on_delete=models.PROTECT,
        related_name="founded_teams",
        null=True,
        blank=True,
    )
    description = models.TextField(_("tasks"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    citations = citations_relation()

    history = AuditedHistory()

    class Meta:
        ordering = ["committee", "order", "name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True)
                | Q(founded_on__isnull=True)
                | Q(dissolved_on__gte=F("founded_on")),
                name="team_dissolved_after_founded",
                violation_error_message=_("A team cannot be dissolved before it was founded."),
            ),
        ]

    def __str__(self):
        return f"{self.name} — {self.committee}"

    def get_absolute_url(self):
        return self.committee.organization.get_absolute_url() + f"#to-{self.pk}"

    def name_on(self, day: dt.date | None) -> str:
        return f"{self.name} {self.committee.name_on(day)}"

    @property
    def home_organization(self) -> Organization:
        return self.committee.organization

    def title_name_on(self, day: dt.date | None) -> str:
        return f"{self.name} {self.committee.name}"
