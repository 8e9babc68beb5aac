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
