"""Writes of sources and citations: the one path the admin, the demo, imports and tests take."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from portal.sources.models import Citation, Source


@transaction.atomic
def source_save(*, source: Source, by: Any) -> Source:
    """Validate and save `source` (new or changed)."""
    source.full_clean()
    source.save()
    return source


@transaction.atomic
def citation_add(*, subject: models.Model, source: Source, note: str = "", by: Any) -> Citation:
    """Cite `source` for `subject`; citing the same source again only updates the note.

    `by` is the acting user (None for the demo and jobs acting for nobody).
    """
    subject_type = ContentType.objects.get_for_model(subject, for_concrete_model=True)
    citation = Citation.objects.filter(
        subject_type=subject_type, subject_id=subject.pk, source=source
    ).first()
    if citation is None:
        order = Citation.objects.filter(subject_type=subject_type, subject_id=subject.pk).count()
        citation = Citation(subject_type=subject_type, subject_id=subject.pk, source=source, order=order)
        citation.created_by = by if getattr(by, "pk", None) else None
    elif citation.note == note:
        return citation
    citation.note = note
    citation.full_clean()
    citation.save()
    return citation


@transaction.atomic
def citation_remove(*, citation: Citation, by: Any) -> None:
    """Stop citing the source for the record."""
    citation.delete()
