"""Reads of the news shared by the public pages: only what readers may see, shaped for the page."""

import datetime as dt

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from portal.news.models import Article, ArticleFeedback, ArticleStatus, Category, FeedbackStatus

# The records an article reports on, shown on its page with a link to each one's page.
RELATED_RECORDS = ("events", "agreements", "organizations", "people", "decisions")
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
        .prefetch_related("categories", "tags", *RELATED_RECORDS)
        .get(slug=slug)
    )


def articles_in_category(category: Category) -> QuerySet[Article]:
    """The public articles of `category` and of the categories under it."""
    ids = {category.pk}
    level = [category.pk]
    while level:
        level = list(
            Category.objects.filter(parent__in=level).exclude(pk__in=ids).values_list("pk", flat=True)
        )
        ids.update(level)
    return articles_public().filter(categories__in=ids).distinct()


def category_path(category: Category) -> list[Category]:
    """`category` and the categories above it, the top first, in one query whatever the depth.

    The whole tree is read at once (a few dozen rows), then walked up."""
    tree = {node.pk: node for node in Category.objects.only("pk", "parent_id", "name", "slug")}
    path: list[Category] = []
    node: Category | None = tree.get(category.pk, category)
    while node is not None and node not in path:
        path.append(node)
        node = tree.get(node.parent_id) if node.parent_id else None
    return path[::-1]


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


def late_before(now: dt.datetime | None = None) -> dt.datetime:
    """A scheduled article due before this time is late: NEWS_SCHEDULE_LATE_AFTER ago."""
    return (now or timezone.now()) - settings.NEWS_SCHEDULE_LATE_AFTER


def articles_scheduled_late(*, now: dt.datetime | None = None) -> QuerySet[Article]:
    """The scheduled articles still unpublished NEWS_SCHEDULE_LATE_AFTER past their time: the
    publishing job (news.publish_due, every minute) is not running, or fails on them."""
    return Article.objects.filter(status=ArticleStatus.SCHEDULED, publish_at__lt=late_before(now)).order_by(
        "publish_at"
    )
