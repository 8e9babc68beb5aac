import copy
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from portal.celery import app
from portal.tasks import ping

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


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


def fire_times(schedule, day: dt.date) -> list[str]:
    """When celery beat would send a job over one day, checked minute by minute, in Hà Nội time."""
    now = dt.datetime.combine(day, dt.time(0, 0), tzinfo=HANOI)
    clock = copy.copy(schedule)
    clock.nowfun = lambda: now
    times, last_sent = [], now - dt.timedelta(minutes=1)
    while now.date() == day:
        if clock.is_due(last_sent).is_due:
            times.append(f"{now:%H:%M}")
            last_sent = now
        now += dt.timedelta(minutes=1)
    return times


def test_every_periodic_job_is_a_task_the_workers_run_at_its_hour_in_hanoi_time():
    from agreements.tasks import run_daily
    from events.tasks import make_missing_renditions
    from portal.tasks import clear_expired_sessions

    schedule = app.conf.beat_schedule.values()
    assert {entry["task"] for entry in schedule} <= set(app.tasks)
    times = {entry["task"]: fire_times(entry["schedule"], dt.date(2026, 3, 2)) for entry in schedule}
    assert times[run_daily.name] == ["06:00"]
    assert times[clear_expired_sessions.name] == ["03:00"]
    assert times[make_missing_renditions.name] == [
        f"{hour:02}:{minute:02}" for hour in range(24) for minute in range(0, 60, 10)
    ]
