"""Reads of the news shared by the public pages: only what readers may see, shaped for the page."""

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


def article_for_preview(pk: int) -> Article:
    """Any article by id, whatever its status, with what its page shows (a preview link's
    article); Article.DoesNotExist otherwise."""
    articles = Article.objects.select_related("source_organization").prefetch_related("categories", "tags")
    return articles.get(pk=pk)
