"""Reads of the search (/tim-kiem/): the public entries matching a reader's words, ranked, in
groups, with the words highlighted.

On PostgreSQL the folded words are matched by full-text search ('simple' configuration) on the
entries' stored tsvector, under a GIN index, and ranked by ts_rank (a word in the title weighs
ten times one in the text), then by date. Elsewhere (SQLite, the embedded demo) each word must
be one of the folded title's or text's words (" word " in the folded key), and entries are
ranked by how many of the words their title holds, then by date: correct, not fast.

Either way each kind's matches are read apart (on PostgreSQL through a GIN index of that kind
only, migration 0009), counted exactly up to COUNTED ("more than 1,000" beyond), and only the
latest CANDIDATES of a group are ranked (ranking reads each one's vector): a word most
articles hold costs a little more to find, and no more to rank, at any volume.

On PostgreSQL the matches are found, counted and dated in the entries' narrow copy
(SearchNarrow, migration 0011_search_narrow: the vector without positions, in the row): the
planner reads a word most entries hold newest first down (kind, date, id), stopping at the
COUNTED + 1st, and a rarer word through the copy's GIN index of its kind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeVar

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from portal.lib.search import highlight, snippet
from portal.news.models import Article, SearchEntry, SearchKind, SearchNarrow

M = TypeVar("M", SearchEntry, SearchNarrow)

K = SearchKind
TOP_HITS = 3
# The most entries of the group listed that a search ranks (the latest), and of each other
# group for its best few (see `search`).
CANDIDATES = 500
OTHERS_RANKED = 50
# The most matches of a kind counted: beyond, a group shows "more than" this many.
COUNTED = 1000


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
    return _matches(criteria, SearchEntry)


def _matches(criteria: Criteria, model: type[M]) -> QuerySet[M]:
    """As `search_matches`, from the entries or (on PostgreSQL) their narrow copies."""
    entries = model.objects.filter(~Q(kind=K.ARTICLE) | Q(date__lte=timezone.now()))
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


@dataclass
class Results:
    """What a search found: how many in each group (by key; COUNTED for the groups in `more`,
    which hold more than that), the group listed, its page of hits, and the best few of each
    other group that has any (empty when a group was chosen)."""

    counts: dict[str, int]
    more: set[str]
    group: Group
    page: Page
    others: list[tuple[Group, int, list[Hit]]]


def search(criteria: Criteria, *, group_key: str, page_number: str | None, per_page: int) -> Results:
    """The hits of `criteria`, in three queries whatever the number of matches.

    1. Each kind's latest COUNTED + 1 matches read and counted; only the latest CANDIDATES
       of the group listed, and the latest OTHERS_RANKED of each other group, are returned
       (`_numbered`).
    2. Those few ranked: ts_rank on PostgreSQL, the words in the title elsewhere.
    3. The entries of the page and of the best few of the other groups.
    Unless a group is chosen (`group_key`), the articles are listed, or the first group with hits.
    """
    chosen = GROUPS_BY_KEY.get(group_key)
    rows = _numbered(_matches(criteria, SearchNarrow if _uses_full_text() else SearchEntry), chosen)
    found = {kind: count for kind, _pk, count in rows}
    counts = dict.fromkeys(GROUPS_BY_KEY, 0)
    more = set()
    for kind, count in found.items():
        key = GROUP_OF_KIND[kind].key
        counts[key] += count
        if count > COUNTED:
            more.add(key)
    for key in more:
        counts[key] = COUNTED
    group = chosen or next((g for g in GROUPS if counts[g.key]), GROUPS[0])
    others = [] if chosen else [g for g in GROUPS if g is not group and counts[g.key]]
    shown_kinds = {kind for g in [group, *others] for kind in g.kinds}
    candidates = [pk for kind, pk, _count in rows if kind in shown_kinds]
    ranks = sorted(
        SearchEntry.objects.filter(pk__in=candidates)
        .annotate(rank=_rank(criteria.words))
        .values_list("rank", "date", "pk", "kind"),
        key=lambda row: (-(row[0] or 0), -(row[1].timestamp() if row[1] else float("-inf")), -row[2]),
    )
    listed = [pk for _rank, _date, pk, kind in ranks if kind in group.kinds]
    page = Paginator(listed, per_page).get_page(page_number)
    best = {g.key: [pk for _r, _d, pk, kind in ranks if kind in g.kinds][:TOP_HITS] for g in others}
    shown = [*page.object_list, *(pk for pks in best.values() for pk in pks)]
    entries = SearchEntry.objects.only("kind", "object_id", "title", "text", "date", "url").in_bulk(shown)
    page.object_list = [hit(entries[pk], criteria.words) for pk in page.object_list]
    return Results(
        counts=counts,
        more=more,
        group=group,
        page=page,
        others=[(g, counts[g.key], [hit(entries[pk], criteria.words) for pk in best[g.key]]) for g in others],
    )


def _numbered(
    matches: QuerySet[SearchEntry] | QuerySet[SearchNarrow], chosen: Group | None
) -> list[tuple[str, int, int]]:
    """(kind, id, how many of the kind match, up to COUNTED + 1) for the latest CANDIDATES
    articles (or of the group `chosen`) and the latest OTHERS_RANKED of each other kind.

    One statement, a branch a kind: its latest COUNTED + 1 matches (a top-N sort, never a sort
    of them all), numbered and counted by a window over those few rows. On PostgreSQL each
    branch reads only its kind's matches, through that kind's GIN index (migration 0009), or on
    `SearchNarrow` newest first for a word its kind mostly holds."""
    many = chosen.kinds if chosen else (K.ARTICLE,)
    parts, params = [], []
    for kind in K.values:
        inner, inner_params = _latest_sql(matches.filter(kind=kind))
        parts.append(
            "SELECT * FROM (SELECT kind, id, COUNT(*) OVER () AS found,"  # noqa: S608 - Django's SQL, values as params
            " ROW_NUMBER() OVER (ORDER BY date IS NULL, date DESC, id DESC) AS n"
            f" FROM ({inner}) AS capped) AS numbered WHERE n <= %s"
        )
        params += [*inner_params, CANDIDATES if kind in many else OTHERS_RANKED]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return [(kind, pk, found) for kind, pk, found, _n in cursor.fetchall()]


def _latest_sql(entries: QuerySet[SearchEntry] | QuerySet[SearchNarrow]) -> tuple[str, tuple]:
    latest = entries.order_by(*_latest()).values_list("id", "kind", "date")[: COUNTED + 1]
    return latest.query.sql_with_params()


def _latest():
    return [F("date").desc(nulls_last=True), F("pk").desc()]


def hit(entry: SearchEntry, words: list[str]) -> Hit:
    """An entry as a result shows it: its title and a snippet of its text, words marked."""
    return Hit(
        kind=entry.kind,
        url=entry.url,
        date=entry.date,
        title=mark_safe(highlight(entry.title, words)),  # noqa: S308 - highlight() escapes everything it does not mark
        snippet=mark_safe(snippet(entry.text, words)),  # noqa: S308 - as above
    )
