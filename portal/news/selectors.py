"""Reads of the news shared by the public pages: only what readers may see, shaped for the page."""

import datetime as dt

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from portal.news.models import Article, ArticleStatus, Category


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
        .prefetch_related("categories", "tags")
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


def late_before(now: dt.datetime | None = None) -> dt.datetime:
    """A scheduled article due before this time is late: NEWS_SCHEDULE_LATE_AFTER ago."""
    return (now or timezone.now()) - settings.NEWS_SCHEDULE_LATE_AFTER


def articles_scheduled_late(*, now: dt.datetime | None = None) -> QuerySet[Article]:
    """The scheduled articles still unpublished NEWS_SCHEDULE_LATE_AFTER past their time: the
    publishing job (news.publish_due, every minute) is not running, or fails on them."""
    return Article.objects.filter(status=ArticleStatus.SCHEDULED, publish_at__lt=late_before(now)).order_by(
        "publish_at"
    )
