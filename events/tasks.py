from celery import shared_task

from events.models import EventPhoto
from events.services import event_photo_make_renditions


@shared_task(
    name="events.make_photo_renditions",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def make_photo_renditions(photo_id: int) -> list[str]:
    """Make a photo's renditions; a photo deleted meanwhile is skipped."""
    photo = EventPhoto.objects.filter(pk=photo_id).first()
    if photo is None:
        return []
    return event_photo_make_renditions(photo=photo)
