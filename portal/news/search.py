"""Reads of the search (/tim-kiem/): the public entries matching a reader's words, ranked, in
groups, with the words highlighted.

On PostgreSQL the folded words are matched by full-text search ('simple' configuration) on the
entries' stored tsvector, under a GIN index, and ranked by ts_rank (a word in the title weighs
ten times one in the text), then by date. Elsewhere (SQLite, the embedded demo) each word must
be one of the folded title's or text's words (" word " in the folded key), and entries are
ranked by how many of the words their title holds, then by date: correct, not fast.

Either way only the latest CANDIDATES matches of a group are ranked, and counts stop there:
a search costs about the same at any volume, however common its words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from portal.lib.search import highlight, snippet
from portal.news.models import Article, SearchEntry, SearchKind

K = SearchKind
TOP_HITS = 3
# The most entries of one group a search ranks and counts (see _candidates).
CANDIDATES = 1000


@dataclass(frozen=True)
class Group:
    key: str  # its ?loai= value
    label: Promise
    kinds: tuple[str, ...]


GROUPS = (
    Group("tin-bai", _("Articles"), (K.ARTICLE,)),
    Group("su-kien", _("Events"), (K.EVENT,)),
    Group("to-chuc", _("Organisations"), (K.ORGANIZATION,)),
    Group("nhan-vat", _("People"), (K.PERSON,)),
    Group("van-ban", _("Documents"), (K.DECISION, K.LEGAL_DOCUMENT)),
)
GROUPS_BY_KEY = {group.key: group for group in GROUPS}
GROUP_OF_KIND = {kind: group for group in GROUPS for kind in group.kinds}


@dataclass(frozen=True)
class Criteria:
    """What a reader asked for: folded words (at least one), and optionally the ids of the
    categories an article must be in, and the first and last days (in Hà Nội)."""

    words: list[str]
    category_ids: list[int] | None = None
    first_day: dt.date | None = None
    last_day: dt.date | None = None


@dataclass
class Hit:
    kind: str
    url: str
    date: dt.datetime | None
    title: SafeString
    snippet: SafeString

    @property
    def is_article(self) -> bool:
        return self.kind == K.ARTICLE

    @property
    def kind_label(self) -> str:
        return K(self.kind).label


def _uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def _tsquery(words: list[str]) -> SearchQuery:
    # The words are runs of [a-z0-9] (portal.lib.search.query_words): nothing to escape.
    return SearchQuery(" & ".join(words), search_type="raw", config="simple")


def search_matches(criteria: Criteria) -> QuerySet[SearchEntry]:
    """The public entries holding every word of `criteria`, within its filters, unordered.

    An article's entry exists only while it is published; its time is checked here too, so a
    published article dated ahead is never found before its time."""
    entries = SearchEntry.objects.filter(~Q(kind=K.ARTICLE) | Q(date__lte=timezone.now()))
    if _uses_full_text():
        entries = entries.filter(vector=_tsquery(criteria.words))
    else:
        for word in criteria.words:
            entries = entries.filter(
                Q(folded_title__contains=f" {word} ") | Q(folded_text__contains=f" {word} ")
            )
    if criteria.category_ids is not None:
        in_categories = Article.categories.through.objects.filter(category_id__in=criteria.category_ids)
        entries = entries.filter(kind=K.ARTICLE, object_id__in=in_categories.values("article_id"))
    if criteria.first_day:
        entries = entries.filter(date__gte=_start_of(criteria.first_day))
    if criteria.last_day:
        entries = entries.filter(date__lt=_start_of(criteria.last_day + dt.timedelta(days=1)))
    return entries


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _rank(words: list[str]):
    if _uses_full_text():
        return SearchRank(F("vector"), _tsquery(words))
    in_title = [
        Case(
            When(folded_title__contains=f" {word} ", then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        for word in words
    ]
    total = in_title[0]
    for term in in_title[1:]:
        total = total + term
    return total


def _ordering():
    return [F("rank").desc(), F("date").desc(nulls_last=True), F("pk").desc()]


def _candidates(entries: QuerySet[SearchEntry]) -> QuerySet[SearchEntry]:
    """The latest CANDIDATES of `entries`: the ones ranked. A word most articles hold ("Đảng")
    would otherwise have every one of them ranked on each search; the latest thousand are
    the ones a reader of news looks through, and their ranking costs the same at any volume."""
    return SearchEntry.objects.filter(
        pk__in=entries.order_by(F("date").desc(nulls_last=True), "-pk").values("pk")[:CANDIDATES]
    )


def ranked(entries: QuerySet[SearchEntry], words: list[str]) -> QuerySet[SearchEntry]:
    """The latest CANDIDATES of `entries`, the most relevant first, then the latest, with only
    what a hit shows."""
    return (
        _candidates(entries)
        .annotate(rank=_rank(words))
        .order_by(*_ordering())
        .only("kind", "object_id", "title", "text", "date", "url")
    )


def group_counts(entries: QuerySet[SearchEntry]) -> dict[str, int]:
    """How many of `entries` each group holds, by group key, counted up to CANDIDATES + 1 (a
    query a group, each stopping there)."""
    return {
        group.key: entries.filter(kind__in=group.kinds).order_by()[: CANDIDATES + 1].count()
        for group in GROUPS
    }


def top_hits(entries: QuerySet[SearchEntry], words: list[str], groups: list[Group]) -> dict[str, list[Hit]]:
    """The TOP_HITS best entries of each of `groups` (a query a group), as hits, by group key."""
    return {
        group.key: [
            hit(entry, words) for entry in ranked(entries.filter(kind__in=group.kinds), words)[:TOP_HITS]
        ]
        for group in groups
    }


def hit(entry: SearchEntry, words: list[str]) -> Hit:
    """An entry as a result shows it: its title and a snippet of its text, words marked."""
    return Hit(
        kind=entry.kind,
        url=entry.url,
        date=entry.date,
        title=mark_safe(highlight(entry.title, words)),  # noqa: S308 - highlight() escapes everything it does not mark
        snippet=mark_safe(snippet(entry.text, words)),  # noqa: S308 - as above
    )
