from celery import shared_task
from django.utils import timezone

from portal.news.services import articles_publish_due


@shared_task(name="news.publish_due", autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=3)
def publish_due() -> int:
    """Publish the scheduled articles whose time has come (see articles_publish_due)."""
    return articles_publish_due(now=timezone.now())
