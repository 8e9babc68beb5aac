from celery import shared_task
from django.utils.translation import gettext as _

from events.services import event_photo_render, event_photos_make_missing_renditions
from portal.history import acting_as


@shared_task(
    name="events.make_photo_renditions",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def make_photo_renditions(photo_id: int) -> list[str]:
    """Make a photo's renditions; a photo deleted meanwhile is skipped. The history records
    the photo's change as the job's, by nobody."""
    with acting_as(None, reason=_("Photo renditions (job)")):
        return event_photo_render(photo_id=photo_id)


@shared_task(name="events.make_missing_renditions")
def make_missing_renditions() -> int:
    """The sweep: renditions whose task was never queued (broker down) or failed."""
    with acting_as(None, reason=_("Missing photo renditions (job)")):
        return event_photos_make_missing_renditions()
