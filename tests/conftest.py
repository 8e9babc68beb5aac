import io
import os
import shutil
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings

DEFAULT_TEST_BROKER = "redis://127.0.0.1:6379/15"
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Browser fixtures (live server, Chromium, pages recording errors and CSP violations).
pytest_plugins = ["tests.browser"]


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config):
    """pyproject's addopts spread the test files over one process per core (pytest-xdist);
    the suite runs in one plain process instead when REDIS_URL is set (the Redis cache and
    broker are shared by every process, and the real-worker and PostgreSQL legs set it) or
    when only single files or tests are named. `-n N` on the command line decides."""
    given = config.invocation_params.args
    if any(arg.startswith(("-n", "--numprocesses")) for arg in given):
        return
    if runs_in_one_process(config.args, os.environ):
        config.option.numprocesses = 0


def runs_in_one_process(args: list[str], environ) -> bool:
    """Whether the suite runs in one process: with REDIS_URL, or when only files or tests
    (`path.py`, `path.py::test`) are named."""
    named = [arg for arg in args if not arg.startswith("-")]
    files_only = bool(named) and all("::" in arg or arg.endswith(".py") for arg in named)
    return bool(environ.get("REDIS_URL")) or files_only


def pytest_configure(config):
    """Hashing with PBKDF2 costs a third of a second per user made, and sign-in tests post
    passwords by the dozen; tests need no strength. Set for the whole session, so that users
    made by session- and module-scoped fixtures and by the live server's thread are hashed
    fast too."""
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


def pytest_collection_modifyitems(items):
    """Within each module, the tests using `demo_data` run last: the demo stays loaded from the
    first of them to the end of the module, so no test without it may run in between."""
    first_of_module = {}
    for index, item in enumerate(items):
        first_of_module.setdefault(item.path, index)
    order = {id(item): index for index, item in enumerate(items)}
    items.sort(
        key=lambda item: (
            first_of_module[item.path],
            "demo_data" in getattr(item, "fixturenames", ()),
            order[id(item)],
        )
    )


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


@pytest.fixture(scope="session")
def django_db_modify_db_settings_xdist_suffix(request):
    """Each pytest-xdist process gets a test database of its own: pytest-django names them apart
    (`_gw0`, `_gw1`) but takes the project's SQLite engine (portal.db.backends.sqlite3) for
    another database's and would give its in-memory test database a file name; in memory, each
    process already has its own."""
    from django.conf import settings
    from pytest_django.fixtures import _set_suffix_to_test_databases

    worker = getattr(request.config, "workerinput", {}).get("workerid")
    if worker and settings.DATABASES["default"]["ENGINE"] != "portal.db.backends.sqlite3":
        _set_suffix_to_test_databases(suffix=worker)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: no page or value cached by another test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def _warm_content_types():
    """Read every model's content type into Django's per-process cache, as a serving process has
    after its first requests: a page's pinned query count is then that of every later request,
    whether or not an earlier test (a flush) emptied the cache."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.get_for_models(*apps.get_models(), for_concrete_models=False)


@pytest.fixture
def django_assert_num_queries(django_assert_num_queries, db):
    _warm_content_types()
    return django_assert_num_queries


@pytest.fixture
def django_assert_max_num_queries(django_assert_max_num_queries, db):
    _warm_content_types()
    return django_assert_max_num_queries


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(request, settings, tmp_path_factory):
    """Uploads and generated renditions go to a folder of the test, never to ./media; a test
    using `demo_data` starts with its own copy of the demo's files there."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    if "demo_data" in request.fixturenames:
        marker = request.node.get_closest_marker("django_db")
        if "transactional_db" in request.fixturenames or (marker and marker.kwargs.get("transaction")):
            pytest.fail("demo_data is rolled back at the module's end: a transactional test would commit it.")
        shutil.copytree(
            request.getfixturevalue("demo_data").media_root, settings.MEDIA_ROOT, dirs_exist_ok=True
        )


@pytest.fixture
def media_root(settings) -> Path:
    """The test's own media folder (MEDIA_ROOT), empty unless the test uses `demo_data`."""
    return Path(settings.MEDIA_ROOT)


@dataclass(frozen=True)
class Demo:
    media_root: Path
    started: datetime
    finished: datetime


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo data (`manage.py load_demo`), loaded once for the module, for tests that read it
    or change it a little: it is loaded in a transaction left open until the module's end and
    then rolled back, and each test runs in a savepoint of it (pytest-django's `db`), so what a
    test changes is undone before the next. Its files are copied into each test's media folder.
    Not for transactional tests (`transaction=True`, the live server), which commit."""
    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings
    from django.utils import timezone, translation

    from portal.celery import app

    media = tmp_path_factory.mktemp("demo-media")
    loading = transaction.atomic()
    eager = app.conf.task_always_eager
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), translation.override("vi"):
        app.conf.task_always_eager = True
        loading.__enter__()
        try:
            started = timezone.now()
            call_command("load_demo", stdout=io.StringIO())
            demo = Demo(media_root=media, started=started, finished=timezone.now())
        except BaseException:
            loading.__exit__(*sys.exc_info())
            raise
        finally:
            app.conf.task_always_eager = eager
    yield demo
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        loading.__exit__(None, None, None)


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


def broker_url() -> str:
    """REDIS_URL (the suite then runs in one process), else the test broker, on a Redis database
    of each pytest-xdist process's own (15, 14, ...): a worker never takes another's tasks."""
    if settings.REDIS_URL:
        return settings.REDIS_URL
    url = urlparse(os.environ.get("CELERY_TEST_BROKER", DEFAULT_TEST_BROKER))
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    database = (int(url.path.strip("/") or 0) - worker) % 16
    return url._replace(path=f"/{database}").geturl()


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

    url = broker_url()
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
