import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from committees.models.geography import Province, Region
from portal.files import UploadImageField
from portal.history import AuditedHistory
from portal.sources.models import citations_relation


class OrganizationKind(models.TextChoices):
    NATIONAL_ACADEMY = "national_academy", _("national academy")
    REGIONAL_ACADEMY = "regional_academy", _("regional academy")
    PROVINCIAL_SCHOOL = "provincial_school", _("provincial political school")
    PROPAGANDA_BOARD = "propaganda_board", _("provincial or municipal propaganda board")
    PARTY_COMMITTEE = "party_committee", _("Party committee")
    DISTRICT_CENTRE = "district_centre", _("district political centre")
    UNIT = "unit", _("unit of an organisation")
    OTHER = "other", _("other")


# Kinds that belong to a parent organisation and are named after it in title lines
# ("Phó Bí thư Đảng ủy, Phó Giám đốc Học viện …": the Party committee of the academy).
SUBORDINATE_KINDS = frozenset({OrganizationKind.PARTY_COMMITTEE, OrganizationKind.UNIT})


class Organization(models.Model):
    """An academy, school, board, Party committee or unit, under its current name.

    Former names live in OrganizationName rows; what became of a closed organisation in
    OrganizationChange rows.
    """

    name = models.CharField(_("current name"), max_length=255)
    short_name = models.CharField(
        _("short name"),
        max_length=120,
        blank=True,
        help_text=_('How the organisation is called inside its parent, e.g. "Đảng ủy".'),
    )
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganizationKind)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="organizations",
        null=True,
        blank=True,
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="organizations",
        null=True,
        blank=True,
    )
    website = models.URLField(_("website"), blank=True)
    logo = UploadImageField(_("logo"), kind="logo", folder="organizations/logos", blank=True)
    description = models.TextField(_("description"), blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    citations = citations_relation()

    history = AuditedHistory()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="organization_not_its_own_parent",
                violation_error_message=_("An organisation cannot be its own parent."),
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True)
                | Q(founded_on__isnull=True)
                | Q(closed_on__gte=F("founded_on")),
                name="organization_closed_after_founded",
                violation_error_message=_("An organisation cannot close before it was founded."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("committees:organization_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        ancestor = self.parent
        while ancestor is not None:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("An organisation cannot be placed under itself.")})
            ancestor = ancestor.parent

    @property
    def is_current(self) -> bool:
        return self.closed_on is None

    @property
    def is_subordinate(self) -> bool:
        return self.kind in SUBORDINATE_KINDS and self.parent_id is not None

    def former_name_on(self, day: dt.date | None) -> "OrganizationName | None":
        """The former name in use on `day`, or None when the current name applies.

        Reads prefetched `former_names` when present, so lists can call it without queries.
        """
        if day is None:
            return None
        for former in self.former_names.all():
            if (former.valid_from is None or former.valid_from <= day) and day <= former.valid_to:
                return former
        return None

    def name_on(self, day: dt.date | None) -> str:
        """The name the organisation bore on `day` (the current one when `day` is None)."""
        former = self.former_name_on(day)
        return former.name if former else self.name

    def short_name_on(self, day: dt.date | None) -> str:
        """The short name on `day`, falling back to the full name of that day."""
        former = self.former_name_on(day)
        if former:
            return former.short_name or former.name
        return self.short_name or self.name

    # The interface title lines use on every body a position can be held in
    # (Organization, SteeringCommittee, Team).

    @property
    def home_organization(self) -> "Organization":
        """The organisation a title line names: the parent of a Party committee or unit."""
        return self.parent if self.is_subordinate else self

    def title_name_on(self, day: dt.date | None) -> str:
        """How a title line names this body next to its home: "Đảng ủy", or the full name."""
        return self.short_name_on(day) if self.is_subordinate else self.name_on(day)


class OrganizationName(models.Model):
    """A name an organisation bore before its current one, for a dated period."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="former_names",
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    valid_from = models.DateField(_("used from"), null=True, blank=True)
    valid_to = models.DateField(_("used until"))

    history = AuditedHistory()

    class Meta:
        ordering = ["organization", "-valid_to"]
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="organization_name_valid_to_after_valid_from",
                violation_error_message=_("A name cannot stop being used before it was first used."),
            ),
        ]

    def __str__(self):
        return self.name


class OrganizationChangeKind(models.TextChoices):
    RENAMED = "renamed", _("renamed")
    MERGED = "merged", _("merged into another")
    SPLIT = "split", _("split")
    DISSOLVED = "dissolved", _("dissolved")


class OrganizationChange(models.Model):
    """What became of an organisation: renamed, merged into or split into a successor, or dissolved."""

    predecessor = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    successor = models.ForeignKey(
        Organization,
        verbose_name=_("successor"),
        on_delete=models.PROTECT,
        related_name="origins",
        null=True,
        blank=True,
    )
    kind = models.CharField(_("change"), max_length=16, choices=OrganizationChangeKind)
    on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)

    history = AuditedHistory()

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = _("change of organisation")
        verbose_name_plural = _("changes of organisations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(successor=F("predecessor")),
                name="organization_change_successor_is_another",
                violation_error_message=_("An organisation cannot be its own successor."),
            ),
            models.CheckConstraint(
                condition=Q(kind=OrganizationChangeKind.DISSOLVED) | Q(successor__isnull=False),
                name="organization_change_successor_unless_dissolved",
                violation_error_message=_("Name the successor, unless the organisation was dissolved."),
            ),
        ]

    def __str__(self):
        outcome = self.successor or self.get_kind_display()
        return f"{self.predecessor} → {outcome} ({date_format(self.on, 'SHORT_DATE_FORMAT')})"
