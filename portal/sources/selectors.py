"""Reads of citations for the pages of the records they cite."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q, prefetch_related_objects

from portal.sources.models import Citation, Source

# (app label, model name, primary key): built from the model's options, never from a content
# type read from the database, so a page's query count does not depend on the content types'
# cache being warm.
Key = tuple[str, str, int]


def _key(subject: models.Model) -> Key:
    opts = subject._meta.concrete_model._meta
    return opts.app_label, opts.model_name, subject.pk


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
    keys: dict[tuple[str, str], set[int]] = {}
    for subject in subjects:
        app_label, model_name, pk = _key(subject)
        keys.setdefault((app_label, model_name), set()).add(pk)
    cited = Cited(main=_key(record))
    condition = reduce(
        or_,
        (
            Q(subject_type__app_label=app_label, subject_type__model=model_name, subject_id__in=pks)
            for (app_label, model_name), pks in keys.items()
        ),
    )
    citations = list(
        Citation.objects.filter(condition).select_related("source", "subject_type").order_by("order", "pk")
    )
    prefetch_related_objects([c.source for c in citations if c.source.record_id is not None], "record")
    for citation in citations:
        key = (citation.subject_type.app_label, citation.subject_type.model, citation.subject_id)
        cited.by_subject.setdefault(key, []).append(citation)
    return cited
