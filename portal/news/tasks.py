from celery import shared_task
from django.utils import timezone

from portal.jobs import enqueue
from portal.news import counters, indexing
from portal.news.schedule import schedule_remember
from portal.news.services import (
    article_make_renditions,
    articles_make_missing_renditions,
    articles_publish_due,
)


@shared_task(name="news.publish_due", autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=3)
def publish_due() -> int:
    """Publish the scheduled articles whose time has come (see articles_publish_due), and keep
    the times of those still ahead where /healthz reads them."""
    published = articles_publish_due(now=timezone.now())
    schedule_remember()
    return published


@shared_task(name="news.flush_counters", autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=3)
def flush_counters() -> dict[str, int]:
    """Move the views and visitors counted in the cache to the database (portal.news.counters)."""
    return {"views": counters.views_flush(), "visitors": counters.visits_flush()}


@shared_task(name="news.make_article_renditions", autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def make_article_renditions(article_id: int) -> int:
    """Make the renditions of an article's images (see article_make_renditions)."""
    return article_make_renditions(article_id=article_id)


@shared_task(name="news.make_missing_renditions")
def make_missing_renditions() -> int:
    """The sweep: articles whose renditions task was never queued (broker down) or failed."""
    return articles_make_missing_renditions()


@shared_task(name="news.search_refresh", autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=3)
def search_refresh(kinds: list[str]) -> int:
    """Rebuild the search entries of `kinds` (events, organisations…) after their records changed."""
    return indexing.search_refresh(kinds=kinds)


def refresh_search_of(topics: list[str]) -> None:
    """portal.cache listener: queue a rebuild of the entries made from the records of `topics`.

    Called once the write has committed, from the request: one fast attempt to reach the broker
    (portal.jobs.enqueue). If it is down, the kinds are marked stale and the sweep rebuilds them.
    """
    kinds = indexing.kinds_of_topics(topics)
    if kinds and not enqueue(search_refresh, kinds):
        indexing.search_mark_stale(kinds)


@shared_task(name="news.search_refresh_stale")
def search_refresh_stale() -> int:
    """The sweep: rebuild the kinds whose refresh could not be queued (broker down)."""
    return indexing.search_refresh_stale()
