from celery import shared_task
from django.utils import timezone

from portal.news import indexing
from portal.news.services import articles_publish_due


@shared_task(name="news.publish_due", autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=3)
def publish_due() -> int:
    """Publish the scheduled articles whose time has come (see articles_publish_due)."""
    return articles_publish_due(now=timezone.now())


@shared_task(name="news.search_refresh", autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=3)
def search_refresh(kinds: list[str]) -> int:
    """Rebuild the search entries of `kinds` (events, organisations…) after their records changed."""
    return indexing.search_refresh(kinds=kinds)


def refresh_search_of(topics: list[str]) -> None:
    """portal.cache listener: queue a rebuild of the entries made from the records of `topics`."""
    kinds = indexing.kinds_of_topics(topics)
    if kinds:
        search_refresh.delay(kinds)
