"""Writes of the search index (SearchEntry): one entry per public record, kept by the services.

Articles are indexed by the article services as they save and move them (only a published
article has an entry; the search also checks its time, as every public page does). Events,
organisations, people, decisions and legal documents belong to lower apps, which must not know
the news: their entries are rebuilt by the `news.search_refresh` task, which the news app asks
for whenever their topic changes (portal.cache.on_records_changed). A management command,
`search_rebuild`, rebuilds everything.
"""

import datetime as dt
import html
from collections.abc import Iterable, Iterator

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import strip_tags

from committees.models import Decision, LegalDocument, Organization, Person
from events.models import Event
from portal.cache import records_changed
from portal.lib.search import search_key
from portal.news.models import Article, ArticleStatus, SearchEntry, SearchKind, SearchStale

K = SearchKind
# The kinds each topic of portal.cache holds.
TOPIC_KINDS = {
    "news": (K.ARTICLE,),
    "events": (K.EVENT,),
    "committees": (K.ORGANIZATION, K.PERSON, K.DECISION, K.LEGAL_DOCUMENT),
}
CHUNK = 2000


def plain_text(body: str) -> str:
    """The words of an HTML body as a reader sees them: tags dropped, entities read."""
    return " ".join(html.unescape(strip_tags(body.replace("<", " <"))).split())


def _entry(kind: str, pk: int, title: str, text: str, date: dt.datetime | None, url: str) -> SearchEntry:
    title = title[:500]
    return SearchEntry(
        kind=kind,
        object_id=pk,
        title=title,
        text=text,
        folded_title=search_key(title)[:800],
        folded_text=search_key(text),
        date=date,
        url=url,
    )


def _day(day: dt.date | None) -> dt.datetime | None:
    """The start of `day` in the site's time zone (Asia/Ho_Chi_Minh)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min)) if day else None


def article_entry(article: Article) -> SearchEntry:
    text = " ".join(part for part in (article.lead.strip(), plain_text(article.body)) if part)
    return _entry(
        K.ARTICLE, article.pk, article.title, text, article.published_at, article.get_absolute_url()
    )


def _entries(kind: str) -> Iterator[SearchEntry]:
    """The entries of every public record of `kind`, read in chunks."""
    if kind == K.ARTICLE:
        for article in Article.objects.filter(status=ArticleStatus.PUBLISHED).iterator(CHUNK):
            yield article_entry(article)
    elif kind == K.EVENT:
        for event in Event.objects.public().only("title", "slug", "summary", "start_date").iterator(CHUNK):
            yield _entry(
                K.EVENT,
                event.pk,
                event.title,
                event.summary,
                _day(event.start_date),
                event.get_absolute_url(),
            )
    elif kind == K.ORGANIZATION:
        for org in Organization.objects.only("name", "short_name", "slug", "description").iterator(CHUNK):
            text = " ".join(part for part in (org.short_name, org.description) if part)
            yield _entry(K.ORGANIZATION, org.pk, org.name, text, None, org.get_absolute_url())
    elif kind == K.PERSON:
        for person in Person.objects.only("full_name", "slug", "bio").iterator(CHUNK):
            yield _entry(K.PERSON, person.pk, person.full_name, person.bio, None, person.get_absolute_url())
    elif kind == K.DECISION:
        for decision in Decision.objects.only("number", "title", "slug", "summary", "issued_on").iterator(
            CHUNK
        ):
            text = " ".join(part for part in (decision.number, decision.summary) if part)
            yield _entry(
                K.DECISION,
                decision.pk,
                decision.title,
                text,
                _day(decision.issued_on),
                decision.get_absolute_url(),
            )
    elif kind == K.LEGAL_DOCUMENT:
        fields = ("number", "issuer", "term", "title", "slug", "abstract", "issued_on")
        for document in LegalDocument.objects.only(*fields).iterator(CHUNK):
            text = " ".join(
                part for part in (document.number, document.issuer, document.term, document.abstract) if part
            )
            yield _entry(
                K.LEGAL_DOCUMENT,
                document.pk,
                document.title,
                text,
                _day(document.issued_on),
                document.get_absolute_url(),
            )


def _fill_vectors(entries) -> None:
    """On PostgreSQL, compute the tsvector of `entries` (a queryset): folded title weighted A,
    folded text D, parsed by the 'simple' configuration (no stemming, no stop words: the
    words are Vietnamese syllables already folded)."""
    if connection.vendor == "postgresql":
        entries.update(
            vector=SearchVector("folded_title", weight="A", config="simple")
            + SearchVector("folded_text", weight="D", config="simple")
        )


def search_entries_write(entries: Iterable[SearchEntry]) -> int:
    """Insert `entries` (of records without one) with their vectors; returns how many."""
    created = 0
    batch: list[SearchEntry] = []
    kinds: set[str] = set()
    for entry in entries:
        batch.append(entry)
        kinds.add(entry.kind)
        if len(batch) == CHUNK:
            created += len(SearchEntry.objects.bulk_create(batch))
            batch = []
    created += len(SearchEntry.objects.bulk_create(batch))
    _fill_vectors(SearchEntry.objects.filter(kind__in=kinds, vector=None))
    return created


@transaction.atomic
def search_index_article(*, article: Article) -> None:
    """Index `article` as it now stands: its entry rewritten while it is published, removed
    otherwise. The article services call this after every save and move."""
    SearchEntry.objects.filter(kind=K.ARTICLE, object_id=article.pk).delete()
    if article.status == ArticleStatus.PUBLISHED:
        entry = article_entry(article)
        entry.save()
        _fill_vectors(SearchEntry.objects.filter(pk=entry.pk))


@transaction.atomic
def search_refresh(*, kinds: Iterable[str]) -> int:
    """Rebuild the entries of `kinds` from their records; returns how many there are now."""
    kinds = list(kinds)
    SearchEntry.objects.filter(kind__in=kinds).delete()
    written = sum(search_entries_write(_entries(kind)) for kind in kinds)
    records_changed("search")  # the cached search pages are rebuilt once this commits
    return written


def search_rebuild() -> int:
    """Rebuild the whole index (`manage.py search_rebuild`); returns how many entries."""
    return search_refresh(kinds=SearchKind.values)


# Kinds whose rebuild could not be queued are kept in the database (SearchStale), not the cache,
# which may share the broker's Redis and its outage; the sweep news.search_refresh_stale finds them.


def search_mark_stale(kinds: Iterable[str]) -> None:
    """Remember `kinds` for the sweep, as records_changed could not queue their rebuild."""
    for kind in kinds:
        SearchStale.objects.get_or_create(kind=kind)


def search_refresh_stale() -> int:
    """Rebuild the kinds marked stale, then forget them; returns how many entries were written."""
    kinds = list(SearchStale.objects.values_list("kind", flat=True))
    if not kinds:
        return 0
    written = search_refresh(kinds=kinds)
    SearchStale.objects.filter(kind__in=kinds).delete()
    return written


def kinds_of_topics(topics: Iterable[str]) -> list[str]:
    """The kinds of entries made from the records of `topics`, articles excepted (the article
    services index those themselves)."""
    return [kind for topic in topics if topic != "news" for kind in TOPIC_KINDS.get(topic, ())]
