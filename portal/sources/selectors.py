"""Reads of citations for the pages of the records they cite."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, prefetch_related_objects

from portal.sources.models import Citation, Source

Key = tuple[int, int]  # (content type id, primary key)


def _key(subject: models.Model) -> Key:
    return ContentType.objects.get_for_model(subject, for_concrete_model=True).pk, subject.pk


def citations_for(subject: models.Model) -> list[Citation]:
    """The citations of `subject`, in their order, with their sources (one query)."""
    return citations_of(subject).of(subject)


@dataclass
class Cited:
    """The citations of a page's record (`main`) and of the rows it shows (speeches, tasks…)."""

    main: Key | None
    by_subject: dict[Key, list[Citation]] = field(default_factory=dict)

    def of(self, subject: models.Model) -> list[Citation]:
        """The citations of `subject`, in their order."""
        return self.by_subject.get(_key(subject), [])

    def sources(self) -> list[Source]:
        """Every source cited on the page, once: the record's, in their order, then those of its
        rows that the record does not cite."""
        seen: dict[int, Source] = {}
        main = self.by_subject.get(self.main, []) if self.main else []
        rest = [c for key, cs in self.by_subject.items() if key != self.main for c in cs]
        for citation in [*main, *rest]:
            seen.setdefault(citation.source_id, citation.source)
        return list(seen.values())

    def own(self, subject: models.Model) -> list[Citation]:
        """The citations of `subject` (a row of the page) whose source the page's record does not
        cite: what the row says of its own sources beyond the page's."""
        main = {c.source_id for c in self.by_subject.get(self.main, [])} if self.main else set()
        return [c for c in self.of(subject) if c.source_id not in main]


def citations_of(record: models.Model, *rows: Iterable[models.Model] | models.Model) -> Cited:
    """The citations of `record` and of `rows` (records, or iterables of them), with their sources
    and the portal's records they point to: one query, and one more per kind of record the
    sources are (news articles, legal documents), whatever the number of rows."""
    subjects = [record]
    for item in rows:
        subjects.extend([item] if isinstance(item, models.Model) else item)
    keys: dict[int, set[int]] = {}
    for subject in subjects:
        type_id, pk = _key(subject)
        keys.setdefault(type_id, set()).add(pk)
    cited = Cited(main=_key(record))
    condition = reduce(or_, (Q(subject_type_id=type_id, subject_id__in=pks) for type_id, pks in keys.items()))
    citations = list(Citation.objects.filter(condition).select_related("source").order_by("order", "pk"))
    prefetch_related_objects([c.source for c in citations if c.source.record_id is not None], "record")
    for citation in citations:
        cited.by_subject.setdefault((citation.subject_type_id, citation.subject_id), []).append(citation)
    return cited
