"""Reads of the news shared by the public pages: only what readers may see, shaped for the page."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import ExtractMonth, ExtractYear, RowNumber
from django.utils import timezone

from committees.models import Organization
from events.models import Event
from portal.news.models import Article, ArticleFeedback, ArticleStatus, Category, FeedbackStatus, Tag

# What an article card reads (the `only` of list queries).
LIST_FIELDS = ("id", "title", "slug", "lead", "published_at", "cover", "cover_alt", "view_count", "featured")
# The records an article reports on, shown on its page with a link to each one's page.
RELATED_RECORDS = ("events", "agreements", "organizations", "people", "decisions")


def related_records() -> list[str | Prefetch]:
    """The prefetches of `RELATED_RECORDS`: an article names only the public events (no drafts)."""
    return [
        Prefetch(name, queryset=Event.objects.public()) if name == "events" else name
        for name in RELATED_RECORDS
    ]


# How many articles each list of an article's page shows.
ARTICLE_PAGE_LIST_LENGTH = 5


def articles_public() -> QuerySet[Article]:
    """The published articles whose publication time has come, the latest first.

    The time is checked on every read: an article is never shown before its time, whatever
    its status says."""
    return Article.objects.filter(status=ArticleStatus.PUBLISHED, published_at__lte=timezone.now()).order_by(
        "-published_at", "-pk"
    )


def article_for_page(slug: str) -> Article:
    """The public article at `slug`, with what its page shows; Article.DoesNotExist otherwise."""
    return (
        articles_public()
        .select_related("source_organization")
        .prefetch_related("categories", "tags", *related_records())
        .get(slug=slug)
    )


def category_descendant_ids(categories: Iterable[Category], root_id: int) -> set[int]:
    """The id `root_id` and those of the categories under it, among `categories` (the tree,
    read once: a few dozen rows)."""
    ids, level = {root_id}, {root_id}
    while level:
        level = {node.pk for node in categories if node.parent_id in level and node.pk not in ids}
        ids |= level
    return ids


def category_ancestors(categories: Iterable[Category], node_id: int) -> list[Category]:
    """The category `node_id` and those above it among `categories`, the top first."""
    tree = {node.pk: node for node in categories}
    path: list[Category] = []
    node = tree.get(node_id)
    while node is not None and node not in path:
        path.append(node)
        node = tree.get(node.parent_id) if node.parent_id else None
    return path[::-1]


def articles_in_category(category: Category) -> QuerySet[Article]:
    """The public articles of `category` and of the categories under it."""
    ids = category_descendant_ids(list(Category.objects.only("pk", "parent_id")), category.pk)
    # Exists rather than a join: no repeats to remove, so neither the count nor the page needs a
    # DISTINCT over every article of the category, and both can walk the article index.
    filed = Article.categories.through.objects.filter(category_id__in=ids, article_id=OuterRef("pk"))
    return articles_public().filter(Exists(filed))


# --- Home, archive and lists -------------------------------------------------------------


def articles_for_lists() -> QuerySet[Article]:
    """Public articles with only what a card shows (title, address, time, lead, cover)."""
    return articles_public().only(*LIST_FIELDS)


def featured_articles(*, limit: int) -> list[Article]:
    """The latest featured articles (one query)."""
    return list(articles_for_lists().filter(featured=True)[:limit])


def latest_articles(*, limit: int, exclude: Iterable[int] = ()) -> list[Article]:
    """The latest articles, but those of `exclude` (ids already shown) (one query)."""
    return list(articles_for_lists().exclude(pk__in=list(exclude))[:limit])


def most_viewed_articles(*, limit: int) -> list[Article]:
    """The articles read most (`view_count`), the latest first among equals (one query)."""
    return list(articles_for_lists().order_by("-view_count", "-published_at", "-pk")[:limit])


def top_categories_with_articles(*, per_category: int) -> list[tuple[Category, list[Article]]]:
    """Each top-level category with its latest `per_category` articles, its subcategories'
    included; categories without any are left out. Two queries, whatever the number of
    categories: every category (a small table), then one ranked read of their articles.

    An article filed in several categories under the same top one would take a place in its
    block once per category, so the ranked read keeps twice as many rows as shown and the
    repeats are dropped here.
    """
    categories = list(Category.objects.all())
    if not categories:
        return []
    top_of = {category.pk: category_ancestors(categories, category.pk)[0].pk for category in categories}
    if connection.vendor == "postgresql":
        blocks = _latest_per_top_category(top_of, per_category=per_category)
        return [(category, blocks[category.pk]) for category in categories if category.pk in blocks]
    through = Article.categories.through
    rows = (
        through.objects.filter(article__in=articles_public())
        .annotate(
            top=Case(*(When(category_id=pk, then=Value(top_pk)) for pk, top_pk in top_of.items())),
            rank=Window(
                RowNumber(),
                partition_by=[F("top")],
                order_by=[F("article__published_at").desc(), F("article__pk").desc()],
            ),
        )
        .filter(rank__lte=per_category * 2)
        .select_related("article")
        .only(*(f"article__{name}" for name in LIST_FIELDS), "category_id")
        .order_by("top", "rank")
    )
    blocks: dict[int, list[Article]] = {}
    for row in rows:
        block = blocks.setdefault(row.top, [])
        if len(block) < per_category and all(article.pk != row.article.pk for article in block):
            block.append(row.article)
    return [(category, blocks[category.pk]) for category in categories if category.pk in blocks]


def _latest_per_top_category(top_of: dict[int, int], *, per_category: int) -> dict[int, list[Article]]:
    """{top category: its latest `per_category` public articles} in one query (PostgreSQL).

    A LATERAL read per top category walks the article index (status, published_at) from the
    latest and stops at `per_category`, checking each article's categories by the through
    table's (article_id, category_id) index; a ranking of every filing costs ~100 times more
    at 20,000 articles."""
    groups: dict[int, list[int]] = {}
    for pk, top_pk in top_of.items():
        groups.setdefault(top_pk, []).append(pk)
    if not groups:
        return {}
    quote = connection.ops.quote_name
    columns = ", ".join(f"a.{quote(Article._meta.get_field(name).column)}" for name in LIST_FIELDS)
    groups_sql = ", ".join(["(%s, %s::bigint[])"] * len(groups))
    sql = f"""
        SELECT a.*, g.top FROM (VALUES {groups_sql}) AS g(top, ids)
        CROSS JOIN LATERAL (
            SELECT {columns} FROM {quote(Article._meta.db_table)} a
            WHERE a.status = %s AND a.published_at <= %s AND EXISTS (
                SELECT 1 FROM {quote(Article.categories.through._meta.db_table)} f
                WHERE f.article_id = a.id AND f.category_id = ANY(g.ids)
            )
            ORDER BY a.published_at DESC, a.id DESC
            LIMIT %s
        ) AS a
        ORDER BY g.top, a.published_at DESC, a.id DESC
    """  # noqa: S608 -- only names from the models are formatted in; every value is a parameter
    params: list[object] = [value for top_pk, ids in groups.items() for value in (top_pk, ids)]
    params += [ArticleStatus.PUBLISHED.value, timezone.now(), per_category]
    blocks: dict[int, list[Article]] = {}
    for article in Article.objects.raw(sql, params):
        blocks.setdefault(article.top, []).append(article)
    return blocks


def articles_with_tag(tag: Tag) -> QuerySet[Article]:
    """The public articles tagged `tag`, the latest first."""
    return articles_public().filter(tags=tag).only(*LIST_FIELDS)


def articles_in_month(*, year: int, month: int | None = None) -> QuerySet[Article]:
    """The public articles published in `year` (and `month`), Hà Nội time, the latest first."""
    articles = articles_public().filter(published_at__year=year)
    if month is not None:
        articles = articles.filter(published_at__month=month)
    return articles.only(*LIST_FIELDS)


def articles_of_organization(organization: Organization) -> QuerySet[Article]:
    """The public articles the organisation published (source) or that are about it."""
    about = Article.organizations.through.objects.filter(
        organization_id=organization.pk, article_id=OuterRef("pk")
    )
    return articles_public().filter(Q(source_organization=organization) | Exists(about)).only(*LIST_FIELDS)


@dataclass(frozen=True)
class YearCount:
    year: int
    count: int


def publication_years(articles: QuerySet[Article]) -> list[YearCount]:
    """The years `articles` were published in (Hà Nội time), the latest first, with how many
    in each ("Năm phát hành"); one query.

    `articles` must hold each article once (filtered by Exists, not by a join): a plain
    count is cheaper than a count of distinct ids."""
    rows = (
        articles.order_by()
        .annotate(year=ExtractYear("published_at"))
        .values("year")
        .annotate(count=Count("pk"))
        .order_by("-year")
    )
    return [YearCount(year=row["year"], count=row["count"]) for row in rows]


def publication_months(*, year: int) -> list[tuple[int, int]]:
    """(month, how many) of the public articles of `year`, January first; one query."""
    rows = (
        articles_public()
        .filter(published_at__year=year)
        .order_by()
        .annotate(month=ExtractMonth("published_at"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("month")
    )
    return [(row["month"], row["count"]) for row in rows]


# --- Panels of the lower apps' pages -------------------------------------------------------


def articles_linked_to(relation: str, record: Model, *, limit: int) -> list[Article]:
    """The latest public articles linking `record` through their many-to-many `relation`
    ("events", "agreements", "people", "decisions"); at most `limit`, one query."""
    field = Article._meta.get_field(relation)
    linked = field.remote_field.through.objects.filter(
        **{f"{field.m2m_reverse_field_name()}_id": record.pk, "article_id": OuterRef("pk")}
    )
    return list(articles_public().filter(Exists(linked)).only(*LIST_FIELDS)[:limit])


# --- The article page ----------------------------------------------------------------------


def category_path(category: Category) -> list[Category]:
    """`category` and the categories above it, the top first, in one query whatever the depth."""
    tree = Category.objects.only("pk", "parent_id", "name", "slug")
    return category_ancestors(tree, category.pk) or [category]


def _listed(articles: QuerySet[Article]) -> QuerySet[Article]:
    return articles.only("pk", "title", "slug", "published_at")


def articles_in_same_category(article: Article) -> list[Article]:
    """The latest public articles sharing a category with `article` (itself left out).

    Reads `article.categories`, which article_for_page has prefetched."""
    ids = [category.pk for category in article.categories.all()]
    if not ids:
        return []
    same = articles_public().filter(categories__in=ids).exclude(pk=article.pk).distinct()
    return list(_listed(same)[:ARTICLE_PAGE_LIST_LENGTH])


def articles_other(article: Article, *, besides: list[Article]) -> list[Article]:
    """The latest public articles, other than `article` and those already listed in `besides`."""
    others = articles_public().exclude(pk__in=[article.pk, *(listed.pk for listed in besides)])
    return list(_listed(others)[:ARTICLE_PAGE_LIST_LENGTH])


def feedback_shown(article: Article) -> QuerySet[ArticleFeedback]:
    """The readers' messages on `article` a moderator approved, the oldest first; never the others."""
    return (
        ArticleFeedback.objects.filter(article=article, status=FeedbackStatus.APPROVED)
        .only("pk", "article_id", "name", "message", "created_at")
        .order_by("created_at", "pk")
    )


def article_for_preview(pk: int) -> Article:
    """Any article by id, whatever its status, with what its page shows (a preview link's
    article); Article.DoesNotExist otherwise."""
    articles = Article.objects.select_related("source_organization").prefetch_related(
        "categories", "tags", *related_records()
    )
    return articles.get(pk=pk)


def late_before(now: dt.datetime | None = None) -> dt.datetime:
    """A scheduled article due before this time is late: NEWS_SCHEDULE_LATE_AFTER ago."""
    return (now or timezone.now()) - settings.NEWS_SCHEDULE_LATE_AFTER


def articles_scheduled_late(*, now: dt.datetime | None = None) -> QuerySet[Article]:
    """The scheduled articles still unpublished NEWS_SCHEDULE_LATE_AFTER past their time: the
    publishing job (news.publish_due, every minute) is not running, or fails on them."""
    return Article.objects.filter(status=ArticleStatus.SCHEDULED, publish_at__lt=late_before(now)).order_by(
        "publish_at"
    )
