"""The times of the scheduled articles, kept in the cache for `/healthz`, which must answer
without the database: it counts the articles late to publish from them (portal/health.py).

The workflow's services keep the times (`schedule_remember`, once their transaction commits), and
so does the publishing job each minute, so a cache emptied meanwhile is filled again within a
minute while the job runs — and by the admin's index when it does not. Until then
/healthz cannot tell; the admin, which reads the database, always can.
"""

import datetime as dt

from django.core.cache import cache
from django.utils.translation import ngettext

from portal.news import selectors
from portal.news.models import Article, ArticleStatus

_TIMES = "news:scheduled-times"


def schedule_remember() -> list[float]:
    """Keep the publication times of the scheduled articles in the cache; returns them."""
    times = [
        moment.timestamp()
        for moment in Article.objects.filter(status=ArticleStatus.SCHEDULED).values_list(
            "publish_at", flat=True
        )
        if moment is not None
    ]
    cache.set(_TIMES, times, None)
    return times


def late_count(may_query: bool, *, now: dt.datetime | None = None) -> int:
    """How many scheduled articles are late to publish: from the times in the cache, or when they
    are not there and `may_query`, from the database (and the times are kept again)."""
    times = cache.get(_TIMES)
    if times is None:
        if not may_query:
            return 0
        times = schedule_remember()
    before = selectors.late_before(now).timestamp()
    return sum(1 for moment in times if moment < before)


def is_late(article: Article, *, now: dt.datetime | None = None) -> bool:
    """Whether `article` is scheduled and still unpublished NEWS_SCHEDULE_LATE_AFTER past its time."""
    return (
        article.status == ArticleStatus.SCHEDULED
        and article.publish_at is not None
        and article.publish_at < selectors.late_before(now)
    )


def late_message(count: int) -> str:
    return ngettext(
        "%(count)s scheduled article is past its publication time and not yet published: "
        "the publishing job may not be running.",
        "%(count)s scheduled articles are past their publication time and not yet published: "
        "the publishing job may not be running.",
        count,
    ) % {"count": count}
