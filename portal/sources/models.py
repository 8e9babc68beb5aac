"""Sources: what states a fact the portal records, and which records each one is cited for.

As Popolo's `sources`: any record — an organisation, a person, a position, a decision, an event,
a speech, an agreement, a task, a report item — lists the sources that state it. A source is one
of the portal's own news articles, a document (a legal document of the registry, or another
paper), or a page elsewhere on the web, with its title and date. This app sits below every other
(it knows the records it cites and the articles and documents it points to only through content
types), so that the registry, the lowest of the domain apps, can cite too.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.history import AuditedHistory


class SourceKind(models.TextChoices):
    ARTICLE = "article", _("news article of the portal")
    DOCUMENT = "document", _("document")
    WEB = "web", _("web page")


class Source(models.Model):
    """A news article, a document or a web page that states facts the portal records."""

    kind = models.CharField(_("kind"), max_length=16, choices=SourceKind, default=SourceKind.WEB)
    title = models.CharField(_("title"), max_length=500)
    url = models.URLField(_("address"), max_length=1000, blank=True)
    published_on = models.DateField(
        _("date"), null=True, blank=True, help_text=_("When the source was published.")
    )
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    # The portal's own record that is the source (a news article, a legal document), if any.
    record_type = models.ForeignKey(
        ContentType,
        verbose_name=_("record type"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    record_id = models.PositiveBigIntegerField(_("record"), null=True, blank=True)
    record = GenericForeignKey("record_type", "record_id")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = AuditedHistory()

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(
                fields=["record_type", "record_id"],
                name="sources_source_record_once",
                violation_error_message=_("This record is already a source."),
            ),
            models.CheckConstraint(
                condition=models.Q(record_type__isnull=True, record_id__isnull=True)
                | models.Q(record_type__isnull=False, record_id__isnull=False),
                name="sources_source_record_whole",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.kind == SourceKind.WEB and not self.url:
            raise ValidationError({"url": _("A web page needs its address.")})

    @property
    def href(self) -> str:
        """Where a reader opens the source: the portal's own record while it is public (a published
        article, a legal document), else its address ("" when it has none).

        Reads `record` (prefetch it for a list: `citations_of` does)."""
        record = self.record if self.record_id is not None else None
        if record is not None and getattr(record, "is_public", True) and hasattr(record, "get_absolute_url"):
            return record.get_absolute_url()
        return self.url


class Citation(models.Model):
    """That `source` states (something of) `subject`, a record of any app."""

    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="citations"
    )
    subject_type = models.ForeignKey(
        ContentType, verbose_name=_("record type"), on_delete=models.CASCADE, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(_("record"))
    subject = GenericForeignKey("subject_type", "subject_id")
    note = models.CharField(
        _("note"), max_length=500, blank=True, help_text=_("What the source states, or the words it uses.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = AuditedHistory()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="sources_citation_subject")]
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_id", "source"],
                name="sources_citation_once",
                violation_error_message=_("This source is already cited for this record."),
            ),
        ]

    def __str__(self):
        return str(self.source)


def citations_relation() -> GenericRelation:
    """The `citations` of a record that cites sources: `citations = citations_relation()` on its
    model. Deleting the record deletes its citations (no column, so no migration)."""
    return GenericRelation(
        Citation,
        content_type_field="subject_type",
        object_id_field="subject_id",
        verbose_name=_("sources"),
    )
