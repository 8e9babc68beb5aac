"""A broker outage loses nothing: the save commits at once, the rendition is made later.

The broker is "stopped" by pointing Celery at a closed port on this machine, as when Redis
is down; before the fix the save committed, waited 20 s on retries and answered 500.
"""

import io
import json
import socket

import pytest
import redis
from django.core.management import call_command
from django.urls import reverse

from events.models import Event, EventPhoto
from events.services import event_photo_render, event_publish
from events.tasks import make_missing_renditions
from portal.celery import app
from portal.news.models import SearchStale
from tests.admin_forms import management_forms
from tests.committees.factories import OrganizationFactory
from tests.conftest import _forget_connections
from tests.events.factories import EVENT_INLINES, EventPhotoFactory
from tests.files import jpeg_upload

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the probe is


@pytest.fixture
def broker_port() -> int:
    return closed_port()


@pytest.fixture
def broker_down(settings, broker_port):
    url = f"redis://127.0.0.1:{broker_port}/0"
    saved = {key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager")}
    app.conf.update(broker_url=url, result_backend=url, task_always_eager=False)
    settings.CELERY_BROKER_URL = url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    _forget_connections()
    yield url
    app.conf.update(saved)
    _forget_connections()


@pytest.fixture
def connection_attempts(monkeypatch, broker_port):
    """Counts the connections redis-py tries to open to the broker.

    Connections to the cache (a Redis of its own where REDIS_URL is set) are not counted.
    """
    attempts = []
    original = redis.connection.AbstractConnection.connect

    def counting(self, *args, **kwargs):
        if getattr(self, "port", None) == broker_port:
            attempts.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(redis.connection.AbstractConnection, "connect", counting)
    return attempts


def event_with_photo(host) -> dict:
    return {
        "title": "Hội nghị sơ kết 6 tháng đầu năm 2021",
        "slug": "",
        "kind": "conference",
        "purpose": "",
        "level": "",
        "format": "in_person",
        "start_date": "02/07/2021",
        "part_of_day": "morning",
        "start_time": "",
        "end_date": "",
        "end_time": "",
        "host": str(host.pk),
        "summary": "",
        **management_forms(EVENT_INLINES, photos=1),
        "photos-0-image": jpeg_upload("toan-canh.jpg", 1600, 900),
        "photos-0-caption": "Toàn cảnh Hội nghị",
        "photos-0-order": "0",
    }


def test_an_event_saved_while_the_broker_is_down_is_saved_once_at_once_and_rendered_later(
    admin_client, broker_down, connection_attempts, django_capture_on_commit_callbacks
):
    host = OrganizationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:events_event_add"), event_with_photo(host))

    assert response.status_code == 302
    assert Event.objects.count() == 1
    photo = EventPhoto.objects.get()
    assert (bool(photo.thumbnail), bool(photo.medium)) == (False, False)
    # One attempt per task (the photo's renditions, the search entries of events), no retry loop
    # holding the request.
    assert len(connection_attempts) == 2
    # The search entries the sweep must rebuild (news.search_refresh_stale).
    assert "event" in SearchStale.objects.values_list("kind", flat=True)

    # Until the rendition exists, the page shows the original (the new event published first).
    event_publish(event=photo.event, by=None)
    page = admin_client.get(photo.event.get_absolute_url()).content.decode()
    assert photo.image.url in page

    out = io.StringIO()
    call_command("make_missing_renditions", stdout=out)
    assert out.getvalue() == "Renditions made for 1 photo(s).\n"

    photo.refresh_from_db()
    assert photo.medium.name.endswith("-medium.jpg") and photo.thumbnail.name.endswith("-thumbnail.jpg")
    assert photo.medium.url in admin_client.get(photo.event.get_absolute_url()).content.decode()
    assert Event.objects.count() == 1


def test_the_sweep_makes_only_what_is_missing_and_goes_on_past_a_broken_original(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    done = EventPhotoFactory()
    assert event_photo_render(photo_id=done.pk) == ["thumbnail", "medium"]
    done.refresh_from_db()
    broken = EventPhotoFactory()
    (tmp_path / broken.image.name).write_bytes(b"not a picture any more")
    missing = EventPhotoFactory()

    assert make_missing_renditions.delay().get() == 1
    assert make_missing_renditions.delay().get() == 0

    missing.refresh_from_db()
    assert missing.thumbnail.name.endswith("-thumbnail.jpg") and missing.medium.name.endswith("-medium.jpg")
    kept = EventPhoto.objects.get(pk=done.pk)
    assert (kept.thumbnail.name, kept.medium.name) == (done.thumbnail.name, done.medium.name)
    assert not EventPhoto.objects.get(pk=broken.pk).thumbnail


def test_healthz_reports_the_broker_as_degraded_while_it_is_down(client, broker_down):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "degraded", "broker": "unreachable"}


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_healthz_says_ok_and_the_sweep_runs_through_a_real_worker(client, redis_worker, settings, tmp_path):
    settings.CELERY_BROKER_URL = redis_worker.conf.broker_url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.MEDIA_ROOT = tmp_path
    photo = EventPhotoFactory()

    assert json.loads(client.get("/healthz").content) == {"status": "ok", "broker": "ok"}
    assert make_missing_renditions.apply_async(ignore_result=False).get(timeout=30) == 1
    photo.refresh_from_db()
    assert bool(photo.thumbnail) and bool(photo.medium)
