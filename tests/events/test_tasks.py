import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from events.models import Event, EventPhoto
from events.tasks import make_photo_renditions
from tests.committees.factories import OrganizationFactory


def stored_photo(caption: str) -> EventPhoto:
    event = Event.objects.create(
        title="Hội nghị sơ kết 6 tháng",
        slug="hoi-nghi-so-ket-6-thang",
        kind="conference",
        start_date=dt.date(2021, 7, 2),
        host=OrganizationFactory(),
    )
    buffer = io.BytesIO()
    Image.new("RGB", (2000, 1000), (20, 90, 160)).save(buffer, "PNG")
    photo = EventPhoto(event=event, caption=caption)
    photo.image = SimpleUploadedFile("anh.png", buffer.getvalue(), "image/png")
    photo.full_clean()
    photo.save()
    return photo


@pytest.mark.django_db
def test_a_deleted_photo_is_skipped():
    assert make_photo_renditions.delay(987654).get() == []


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_renditions_are_made_by_a_real_worker(redis_worker, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    photo = stored_photo("Toàn cảnh Hội nghị")

    result = make_photo_renditions.apply_async((photo.pk,), ignore_result=False)

    assert result.get(timeout=30) == ["thumbnail", "medium"]
    photo.refresh_from_db()
    with Image.open(photo.medium.path) as medium:
        assert medium.size == (1280, 640)
    # Running it again (a retry, a duplicate delivery) makes nothing twice.
    assert make_photo_renditions.apply_async((photo.pk,), ignore_result=False).get(timeout=30) == []
