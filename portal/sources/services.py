"""Writes of sources and citations: the one path the admin, the demo, imports and tests take.

Every write makes every cached public page stale once it commits (`_pages_changed`): a source or
a citation may show on the page of any record.
"""

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from portal.cache import TOPICS, touch
from portal.services import Rows
from portal.sources.models import Citation, Source, SourceKind


def _pages_changed() -> None:
    """Once the write commits, the cached pages of every topic are rebuilt. Only the pages: what
    the apps derive from their records on `records_changed` (the news search entries) holds no
    sources, so it is not rebuilt for them."""
    transaction.on_commit(lambda: touch(*TOPICS))


def _user(by: Any) -> Any:
    return by if getattr(by, "pk", None) else None


@transaction.atomic
def source_save(*, source: Source, by: Any) -> Source:
    """Validate and save `source` (new or changed)."""
    _pages_changed()
    source.full_clean()
    source.save()
    return source


@transaction.atomic
def source_for_record(
    *, record: models.Model, title: str, published_on: dt.date | None, publisher: str, by: Any
) -> Source:
    """The source that is the portal's own `record` (a news article of the portal): the one there is,
    as staff left it, or a new one with `title`, `published_on` and `publisher`.

    A source of that title entered without its record (typed in by an editor before the article
    was published) becomes the record's: the same source, so its citations stay.
    """
    record_type = ContentType.objects.get_for_model(record, for_concrete_model=True)
    source = Source.objects.filter(record_type=record_type, record_id=record.pk).first()
    if source is not None:
        return source
    source = Source.objects.filter(kind=SourceKind.ARTICLE, title=title, record_type__isnull=True).first()
    if source is None:
        source = Source(kind=SourceKind.ARTICLE, title=title, published_on=published_on, publisher=publisher)
    return source_link_record(source=source, record=record, by=by)


@transaction.atomic
def source_link_record(*, source: Source, record: models.Model, by: Any) -> Source:
    """Make `record`, the portal's own article (or document) that publishes `source`, its record:
    readers then open the portal's page. The source keeps its title, date and publisher (those of
    the original, when the portal republishes it)."""
    record_type = ContentType.objects.get_for_model(record, for_concrete_model=True)
    if (source.record_type_id, source.record_id) == (record_type.pk, record.pk):
        return source
    source.record_type, source.record_id = record_type, record.pk
    return source_save(source=source, by=by)


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
        citation.created_by = _user(by)
    elif citation.note == note:
        return citation
    _pages_changed()
    citation.note = note
    citation.full_clean()
    citation.save()
    return citation


@transaction.atomic
def citation_remove(*, citation: Citation, by: Any) -> None:
    """Stop citing the source for the record."""
    _pages_changed()
    citation.delete()


@transaction.atomic
def citations_write(*, subject: models.Model, rows: Rows[Citation], by: Any) -> None:
    """Write the citations of `subject` an admin form posted: delete `rows.delete`, save
    `rows.save` (validated; a new one remembers who added it)."""
    _pages_changed()
    subject_type = ContentType.objects.get_for_model(subject, for_concrete_model=True)
    for citation in rows.delete:
        if (citation.subject_type_id, citation.subject_id) == (subject_type.pk, subject.pk):
            citation.delete()
    for row in rows.save:
        citation = row.instance
        citation.subject_type, citation.subject_id = subject_type, subject.pk
        if citation.pk is None:
            citation.created_by = _user(by)
        citation.full_clean()
        citation.save()
