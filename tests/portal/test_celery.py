import pytest

from portal.celery import app
from portal.tasks import ping


def test_ping_runs_eagerly_without_a_broker(monkeypatch):
    monkeypatch.setitem(app.conf, "task_always_eager", True)
    result = ping.delay()
    assert result.get(timeout=5) == "pong"
    assert result.status == "SUCCESS"


def test_the_app_serialises_json_only_and_bounds_every_task():
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_time_limit == 30 * 60
    assert app.conf.task_soft_time_limit < app.conf.task_time_limit
    assert app.conf.broker_transport_options["visibility_timeout"] > app.conf.task_time_limit
    assert app.conf.timezone == "Asia/Ho_Chi_Minh"
    assert "portal.ping" in app.tasks


@pytest.mark.celery_worker
def test_ping_round_trips_through_a_real_worker_on_redis(redis_worker):
    result = ping.delay()
    assert result.get(timeout=20) == "pong"
    assert result.status == "SUCCESS"


@pytest.mark.django_db
def test_the_nightly_job_deletes_expired_sessions_and_keeps_live_ones():
    from datetime import timedelta

    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from portal.tasks import clear_expired_sessions

    live, expired = SessionStore(), SessionStore()
    live.create()
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    clear_expired_sessions.delay()

    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
    assert app.conf.beat_schedule["portal-expired-sessions"]["task"] == clear_expired_sessions.name
