"""The real production stack for the `proxy` tests: nginx (deploy/nginx/) in front of gunicorn.

Needs nginx (Debian's nginx-light) and openssl; outside CI a missing one skips the tests with
the reason, on CI they must run (.ci/run installs them). The database is a fresh PostgreSQL
database when a server is reachable (DATABASE_URL's, else 127.0.0.1:5432), as in production;
outside CI an unreachable server falls back to a SQLite file.
"""

import os
import shutil

import pytest

from tests.deploy.stack import (
    STAFF_USERNAME,
    Stack,
    create_postgres_database,
    drop_postgres_database,
    nginx_binary,
    postgres_server,
)


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: on CI the proxy tests must run (.ci/run installs nginx-light and openssl).")
    pytest.skip(f"{reason}; proxy tests skipped (apt-get install nginx-light openssl).")


def _database():
    """(DATABASE_URL of a fresh database, what drops it) after checking nginx and openssl are there."""
    if nginx_binary() is None:
        _unavailable("nginx is not installed")
    if shutil.which("openssl") is None:
        _unavailable("openssl is not installed")
    server = postgres_server()
    database_url = create_postgres_database(server)
    if database_url is not None:
        return database_url, lambda: drop_postgres_database(database_url)
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL is not reachable at {server}: on CI the proxy tests run on PostgreSQL.")
    return "sqlite:///{root}/db.sqlite3", None


@pytest.fixture(scope="module")
def stack():
    """One machine: two gunicorns sharing the media folder nginx serves, no Redis."""
    database_url, on_stop = _database()
    running = Stack.start(database_url, on_stop=on_stop)
    yield running
    running.stop()


def _redis_url() -> str:
    import redis

    url = os.environ.get("REDIS_URL", "")
    try:
        if url and redis.Redis.from_url(url, socket_connect_timeout=2).ping():
            return url
        reason = "REDIS_URL is not set"
    except redis.RedisError as exc:
        reason = f"Redis does not answer at {url} ({exc})"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: on CI the scale-out tests must run (.ci/run gives the proxy leg REDIS_URL).")
    pytest.skip(f"{reason}; the scale-out tests need the Redis the web machines share.")


@pytest.fixture(scope="module")
def cluster():
    """Several machines: two gunicorns and a Celery worker sharing only PostgreSQL, Redis and a
    bucket of the S3-compatible test server, media served from the bucket by nginx."""
    from tests.s3 import Bucket, endpoint

    redis_url = _redis_url()
    bucket = Bucket.create(endpoint())
    database_url, drop = _database()

    def on_stop():
        bucket.remove()
        if drop:
            drop()

    running = Stack.start(database_url, on_stop=on_stop, redis_url=redis_url, bucket=bucket)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser(stack):
    """A staff member signed in through the proxy, as in tests of the admin."""
    browser = stack.browser()
    answer = browser.post(
        "/admin/login/?next=/admin/",
        {"username": STAFF_USERNAME, "password": stack.password, "next": "/admin/"},
    )
    assert (answer.status, answer.headers.get("Location")) == (302, "/admin/"), answer.text[:2000]
    return browser


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing proxy test shows the tails of the nginx error log and of the gunicorns' logs."""
    report = yield
    funcargs = getattr(item, "funcargs", {})
    for name in ("stack", "cluster"):
        running = funcargs.get(name)
        if report.failed and isinstance(running, Stack):
            report.sections.append((f"{name} logs", running.logs()))
    return report
