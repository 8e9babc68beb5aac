from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from committees.models.committees import SteeringCommittee
from committees.models.organizations import Organization
from portal.files import UploadField
from portal.history import AuditedHistory
from portal.sources.models import citations_relation


class DecisionKind(models.TextChoices):
    FOUND_TEAM = "found_team", _("founding a team or body")
    RECOGNISE = "recognise", _("recognising activities or tools")
    APPOINT = "appoint", _("appointing")
    COMMEND = "commend", _("commending")
    REGULATION = "regulation", _("issuing a regulation")
    OTHER = "other", _("other")


class Decision(models.Model):
    """A decision (Quyết định) issued by a steering committee or an organisation."""

    number = models.CharField(
        _("number and symbol"),
        max_length=60,
        blank=True,
        help_text=_('For example "12-QĐ/BCĐ35". Leave empty if the sources do not give it.'),
    )
    issued_on = models.DateField(_("date issued"), null=True, blank=True)
    issuer_committee = models.ForeignKey(
        SteeringCommittee,
        verbose_name=_("issuing committee"),
        on_delete=models.PROTECT,
        related_name="decisions",
        null=True,
        blank=True,
    )
    issuer_organization = models.ForeignKey(
        Organization,
        verbose_name=_("issuing organisation"),
        on_delete=models.PROTECT,
        related_name="decisions",
        null=True,
        blank=True,
    )
    signer = models.ForeignKey(
        "committees.Person",
        verbose_name=_("signed by"),
        on_delete=models.PROTECT,
        related_name="signed_decisions",
        null=True,
        blank=True,
    )
    kind = models.CharField(_("kind"), max_length=16, choices=DecisionKind)
    title = models.CharField(_("title"), max_length=500)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    file = UploadField(_("PDF file"), kind="pdf", folder="decisions", blank=True)
    legal_documents = models.ManyToManyField(
        "committees.LegalDocument",
        verbose_name=_("documents cited"),
        related_name="decisions",
        blank=True,
        help_text=_("The Party and State documents the decision is based on or implements."),
    )
    citations = citations_relation()

    history = AuditedHistory()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(issuer_committee__isnull=False, issuer_organization__isnull=True)
                    | Q(issuer_committee__isnull=True, issuer_organization__isnull=False)
                ),
                name="decision_has_one_issuer",
                violation_error_message=_(
                    "Choose the issuing committee or the issuing organisation, not both."
                ),
            ),
            models.UniqueConstraint(
                fields=["issuer_committee", "number"],
                condition=~Q(number=""),
                name="decision_number_unique_per_committee",
                violation_error_message=_("This committee has already issued a decision with this number."),
            ),
            models.UniqueConstraint(
                fields=["issuer_organization", "number"],
                condition=~Q(number=""),
                name="decision_number_unique_per_organization",
                violation_error_message=_(
                    "This organisation has already issued a decision with this number."
                ),
            ),
        ]

    def __str__(self):
        if self.number:
            return f"{self.number}: {self.title}"
        return self.title

    def get_absolute_url(self):
        return reverse("committees:decision_detail", kwargs={"slug": self.slug})

    @property
    def issuer(self) -> SteeringCommittee | Organization | None:
        return self.issuer_committee or self.issuer_organization


class LegalDocumentType(models.TextChoices):
    RESOLUTION = "resolution", _("resolution (Nghị quyết)")
    CONCLUSION = "conclusion", _("conclusion (Kết luận)")
    DIRECTIVE = "directive", _("directive (Chỉ thị)")
    REGULATION = "regulation", _("regulation (Quy định)")
    DECISION = "decision", _("decision (Quyết định)")
    PROJECT = "project", _("project (Đề án)")
    PLAN = "plan", _("plan (Kế hoạch)")
    LAW = "law", _("law (Luật)")
    OTHER = "other", _("other")


class LegalDocument(models.Model):
    """A Party or State document the records cite: "Nghị quyết số 35-NQ/TW ngày 22/10/2018"."""

    number = models.CharField(
        _("number and symbol"),
        max_length=60,
        blank=True,
        help_text=_(
            "Leave empty for a document cited without a number, e.g. a law or a Congress resolution."
        ),
    )
    doc_type = models.CharField(_("type"), max_length=16, choices=LegalDocumentType)
    issued_on = models.DateField(_("date issued"), null=True, blank=True)
    issuer = models.CharField(_("issuing body"), max_length=160, help_text=_('For example "Bộ Chính trị".'))
    term = models.CharField(_("term"), max_length=40, blank=True, help_text=_('For example "khóa XII".'))
    title = models.CharField(_("title"), max_length=500)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    abstract = models.TextField(_("abstract"), blank=True)
    file = UploadField(_("PDF file"), kind="pdf", folder="legal-documents", blank=True)
    source_url = models.URLField(_("official source"), blank=True)
    citations = citations_relation()

    history = AuditedHistory()

    class Meta:
        ordering = ["-issued_on", "number"]
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        constraints = [
            models.UniqueConstraint(
                fields=["number"],
                condition=~Q(number=""),
                name="legal_document_number_unique",
                violation_error_message=_("A legal document with this number is already recorded."),
            ),
        ]

    def __str__(self):
        if not self.number:
            return self.title
        return f"{self.type_word} {self.number}".strip()

    def get_absolute_url(self):
        return reverse("committees:legal_document_detail", kwargs={"slug": self.slug})

    @property
    def type_word(self) -> str:
        """The word the number follows: "Nghị quyết" in "Nghị quyết 35-NQ/TW"."""
        return str(_TYPE_WORDS.get(self.doc_type, ""))

    @property
    def citation(self) -> str:
        """ "Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị khóa XII" """
        if not self.number:
            return self.title
        params = {"type": self.type_word, "number": self.number, "issuer": self.issuer}
        if self.issued_on:
            params["date"] = date_format(self.issued_on, "SHORT_DATE_FORMAT")
            text = gettext("%(type)s No. %(number)s of %(date)s by %(issuer)s") % params
        else:
            text = gettext("%(type)s No. %(number)s by %(issuer)s") % params
        return f"{text} {self.term}".strip()


_TYPE_WORDS = {
    LegalDocumentType.RESOLUTION: _("Resolution"),
    LegalDocumentType.CONCLUSION: _("Conclusion"),
    LegalDocumentType.DIRECTIVE: _("Directive"),
    LegalDocumentType.REGULATION: _("Regulation"),
    LegalDocumentType.DECISION: _("Decision"),
    LegalDocumentType.PROJECT: _("Project"),
    LegalDocumentType.PLAN: _("Plan"),
    LegalDocumentType.LAW: _("Law"),
}
