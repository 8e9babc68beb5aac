import os

import pytest
from django.conf import settings

from portal.celery import app
from portal.tasks import ping

DEFAULT_TEST_BROKER = "redis://127.0.0.1:6379/15"


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


def _broker_url() -> str:
    return settings.REDIS_URL or os.environ.get("CELERY_TEST_BROKER", DEFAULT_TEST_BROKER)


def _reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def redis_worker():
    """A real Celery worker thread consuming from Redis, as in production."""
    from celery.contrib.testing.worker import start_worker

    url = _broker_url()
    if not _reachable(url):
        if os.environ.get("CI"):
            pytest.fail(f"No Redis broker at {url}: on CI the real-worker tests must run.")
        pytest.skip(f"No Redis broker reachable at {url}; start Redis or set REDIS_URL to run this test.")

    saved = {key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager")}
    app.conf.update(broker_url=url, result_backend=url, task_always_eager=False)
    _forget_connections()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield app
    finally:
        app.conf.update(saved)
        _forget_connections()


def _forget_connections():
    # Celery caches its broker connection pool and, per thread, its result backend on
    # first use; when the suite runs without REDIS_URL those hold the in-memory
    # transport and the disabled backend of eager mode.
    app._after_fork()
    app._local.__dict__.pop("backend", None)


@pytest.mark.celery_worker
def test_ping_round_trips_through_a_real_worker_on_redis(redis_worker):
    result = ping.delay()
    assert result.get(timeout=20) == "pong"
    assert result.status == "SUCCESS"
