import os

import pytest
from django.conf import settings

DEFAULT_TEST_BROKER = "redis://127.0.0.1:6379/15"

# Browser fixtures (live server, Chromium, pages recording errors and CSP violations).
pytest_plugins = ["tests.browser"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing with PBKDF2 costs a third of a second per user made, and sign-in tests post
    passwords by the dozen; tests need no strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def admin_user(db, django_user_model):
    """pytest-django's superuser 'admin' (password 'password'), with the authenticator app that
    superusers must have (set up through the enrolment service)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.two_factor import enrol

    user = django_user_model._default_manager.filter(username="admin").first()
    if user is None:
        user = django_user_model._default_manager.create_superuser(
            username="admin", email="admin@example.com", password="password"
        )
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        enrol(user)
    return user


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's admin client, its session verified by the superuser's app as a sign-in
    through the two steps leaves it."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.two_factor import verified_client

    return verified_client(admin_user, TOTPDevice.objects.get(user=admin_user, confirmed=True))


@pytest.fixture
def otp_clock(monkeypatch):
    """The clock django-otp checks TOTP codes against, set a minute ahead of the real time, so a
    code from it was never used by a set-up made at the real time; `otp_clock.advance(30)` moves on."""
    import time

    from tests.two_factor import OtpClock

    clock = OtpClock(time.time() + 60)
    monkeypatch.setattr("django_otp.plugins.otp_totp.models.time", clock)
    return clock


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: no page or value cached by another test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path_factory):
    """Uploads and generated renditions go to a folder of the test run, never to ./media."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture
def s3_bucket():
    """A fresh bucket on the S3-compatible test server (tests/s3.py), removed afterwards."""
    from tests.s3 import Bucket, endpoint

    bucket = Bucket.create(endpoint())
    yield bucket
    bucket.remove()


@pytest.fixture
def media_in_s3(settings, s3_bucket, monkeypatch):
    """Uploads and renditions go to `s3_bucket` through the storage portal/settings.py makes for
    MEDIA_STORAGE=s3, and are linked at the bucket's public address."""
    settings.STORAGES = s3_bucket.storages_setting(monkeypatch)
    settings.MEDIA_URL = s3_bucket.public_url
    return s3_bucket


@pytest.fixture(autouse=True)
def _celery_runs_tasks_in_the_test(settings):
    """Tasks run eagerly in every test, whether or not REDIS_URL is set (the PostgreSQL leg
    sets it for the Redis cache); only tests using `redis_worker` go through a real worker."""
    from portal.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager


@pytest.fixture(autouse=True)
def _vietnamese(settings):
    """Every test sees the site as its readers do: Vietnamese, Asia/Ho_Chi_Minh."""
    from django.utils import translation

    with translation.override("vi"):
        yield


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

    from portal.celery import app

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
    from portal.celery import app

    # Celery caches its broker connection pool and, per thread, its result backend on
    # first use; when the suite runs without REDIS_URL those hold the in-memory
    # transport and the disabled backend of eager mode.
    app._after_fork()
    app._local.__dict__.pop("backend", None)
