import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committees.models import LegalDocument, Organization, Person
from events.models import Event
from portal.files import UploadField
from portal.history import AuditedHistory
from portal.sources.models import citations_relation


class AgreementKind(models.TextChoices):
    REGULATION = "regulation", _("coordination regulation (quy chế phối hợp)")
    PROGRAMME = "programme", _("coordination programme (chương trình phối hợp)")
    PLAN = "plan", _("plan (kế hoạch)")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_FORCE = "in_force", _("in force")
    UNDER_REVIEW = "under_review", _("under review")
    REVISED = "revised", _("revised (superseded)")
    EXPIRED = "expired", _("expired")
    TERMINATED = "terminated", _("terminated")


# The lifecycle: which status may follow which. Changed only by agreements.services.
TRANSITIONS: dict[str, frozenset[str]] = {
    AgreementStatus.DRAFT: frozenset({AgreementStatus.IN_FORCE, AgreementStatus.TERMINATED}),
    AgreementStatus.IN_FORCE: frozenset(
        {
            AgreementStatus.UNDER_REVIEW,
            AgreementStatus.REVISED,
            AgreementStatus.EXPIRED,
            AgreementStatus.TERMINATED,
        }
    ),
    AgreementStatus.UNDER_REVIEW: frozenset(
        {
            AgreementStatus.IN_FORCE,
            AgreementStatus.REVISED,
            AgreementStatus.EXPIRED,
            AgreementStatus.TERMINATED,
        }
    ),
    AgreementStatus.REVISED: frozenset(),
    AgreementStatus.EXPIRED: frozenset(),
    AgreementStatus.TERMINATED: frozenset(),
}
ACTIVE_STATUSES = frozenset({AgreementStatus.IN_FORCE, AgreementStatus.UNDER_REVIEW})


def ended_before(day: dt.date, prefix: str = "") -> Q:
    """The agreement's end (in force until, else the last day of the period covered) is before
    `day`, as a condition on `prefix`-agreements: from `day` on it has expired, whatever its
    status says until the daily job records it."""
    return Q(**{f"{prefix}effective_to__lt": day}) | Q(
        **{f"{prefix}effective_to__isnull": True, f"{prefix}covers_to__lt": day}
    )


def not_ended_before(day: dt.date, prefix: str = "") -> Q:
    """The opposite of `ended_before`: its end is `day` or later, or no end is set."""
    return Q(**{f"{prefix}effective_to__gte": day}) | Q(
        Q(**{f"{prefix}covers_to__isnull": True}) | Q(**{f"{prefix}covers_to__gte": day}),
        **{f"{prefix}effective_to__isnull": True},
    )


def running_on(day: dt.date, prefix: str = "") -> Q:
    """In force or under review on `day`: an active status, and not ended before `day`."""
    return Q(**{f"{prefix}status__in": ACTIVE_STATUSES}) & not_ended_before(day, prefix)


class Agreement(models.Model):
    """A coordination regulation, programme or plan binding two or more organisations."""

    kind = models.CharField(_("kind"), max_length=16, choices=AgreementKind)
    title = models.CharField(_("title"), max_length=500)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    number = models.CharField(_("number and symbol"), max_length=60, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=AgreementStatus, default=AgreementStatus.DRAFT, editable=False
    )
    signed_on = models.DateField(
        _("signed on"), null=True, blank=True, help_text=_("Leave empty if unknown.")
    )
    signing_event = models.ForeignKey(
        Event,
        verbose_name=_("signing event"),
        on_delete=models.PROTECT,
        related_name="agreements_signed",
        null=True,
        blank=True,
    )
    effective_from = models.DateField(_("in force from"), null=True, blank=True)
    effective_to = models.DateField(_("in force until"), null=True, blank=True)
    covers_from = models.DateField(
        _("period covered from"),
        null=True,
        blank=True,
        help_text=_("For a programme of the year 2025: 01/01/2025."),
    )
    covers_to = models.DateField(_("period covered until"), null=True, blank=True)
    legal_documents = models.ManyToManyField(
        LegalDocument, verbose_name=_("documents implemented"), related_name="agreements", blank=True
    )
    events = models.ManyToManyField(
        Event,
        verbose_name=_("related events"),
        related_name="agreements",
        blank=True,
        help_text=_("Events held under the agreement, besides its signing and reviews."),
    )
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("supersedes"),
        on_delete=models.PROTECT,
        related_name="superseded_by",
        null=True,
        blank=True,
        help_text=_("The earlier agreement this one revises or renews."),
    )
    interim_review_months = models.PositiveSmallIntegerField(
        _("interim review after (months)"),
        null=True,
        blank=True,
        help_text=_("Months after signing (or coming into force) when the interim review (sơ kết) is due."),
    )
    final_review_months = models.PositiveSmallIntegerField(
        _("final review after (months)"), null=True, blank=True
    )
    summary = models.TextField(_("summary"), blank=True)
    text = models.TextField(_("text"), blank=True)
    file = UploadField(_("PDF file"), kind="pdf", folder="agreements", blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    citations = citations_relation()

    history = AuditedHistory()

    class Meta:
        ordering = ["-signed_on", "-pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_from__isnull=True)
                | Q(effective_to__gte=F("effective_from")),
                name="agreement_in_force_until_after_from",
                violation_error_message=_("An agreement cannot end before it comes into force."),
            ),
            models.CheckConstraint(
                condition=Q(covers_to__isnull=True)
                | Q(covers_from__isnull=True)
                | Q(covers_to__gte=F("covers_from")),
                name="agreement_period_ends_after_it_starts",
                violation_error_message=_("The period covered cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(supersedes=F("pk")),
                name="agreement_does_not_supersede_itself",
                violation_error_message=_("An agreement cannot supersede itself."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("agreements:agreement_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.effective_from and self.effective_to and self.effective_to < self.effective_from:
            raise ValidationError({"effective_to": _("An agreement cannot end before it comes into force.")})

    @property
    def starts_counting_on(self):
        """The day review periods are counted from: the signing, or coming into force."""
        return self.signed_on or self.effective_from

    @property
    def is_active(self) -> bool:
        """An active status (in force or under review), as stored: what the lifecycle reads."""
        return self.status in ACTIVE_STATUSES

    @property
    def ends_on(self) -> dt.date | None:
        """The last day in force: in force until, else the last day of the period covered (a
        programme of 2025 ends on 31/12/2025); None when no end is set."""
        return self.effective_to or self.covers_to

    def has_ended_before(self, day: dt.date) -> bool:
        """Active by its status, but its end is before `day`: expired, the daily job not having
        recorded it yet (`ended_before`)."""
        return self.is_active and self.ends_on is not None and self.ends_on < day

    @property
    def shown_status(self) -> str:
        """The status readers see today: "expired" from the day after its end, whatever the
        stored status until the daily job moves it."""
        return AgreementStatus.EXPIRED if self.has_ended_before(timezone.localdate()) else self.status

    def get_shown_status_display(self) -> str:
        return str(AgreementStatus(self.shown_status).label)

    @property
    def is_in_force(self) -> bool:
        """In force or under review today (`running_on`)."""
        return self.shown_status in ACTIVE_STATUSES


class PartyRole(models.TextChoices):
    LEAD = "lead", _("lead")
    MEMBER = "member", _("member")


class AgreementParty(models.Model):
    """An organisation bound by an agreement, with its role and signatory."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="parties"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="agreement_parties",
    )
    role = models.CharField(
        _("role in the agreement"), max_length=8, choices=PartyRole, default=PartyRole.MEMBER
    )
    signatory = models.ForeignKey(
        Person,
        verbose_name=_("signatory"),
        on_delete=models.PROTECT,
        related_name="agreements_signed",
        null=True,
        blank=True,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = AuditedHistory()

    class Meta:
        ordering = ["agreement", "order", "pk"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organization"],
                name="party_once_per_agreement",
                violation_error_message=_("This organisation is already a party to the agreement."),
            ),
        ]

    def __str__(self):
        name = self.organization.name_on(self.agreement.signed_on)
        return f"{name} ({self.get_role_display()})"


class StatusChangeRecord(models.Model):
    """Who changed a status, when and why: what every status history keeps. Each history
    declares its `from_status` and `to_status` with the choices of what it follows."""

    at = models.DateTimeField(_("at"), null=True, blank=True, help_text=_("Empty when no source dates it."))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("Empty when the daily job made the change."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class StatusChange(StatusChangeRecord):
    """Who moved an agreement from one status to another, and when."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(_("previous status"), max_length=16, choices=AgreementStatus)
    to_status = models.CharField(_("new status"), max_length=16, choices=AgreementStatus)

    class Meta:
        ordering = ["agreement", F("at").asc(nulls_first=True), "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
