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


@pytest.fixture(scope="module")
def stack():
    if nginx_binary() is None:
        _unavailable("nginx is not installed")
    if shutil.which("openssl") is None:
        _unavailable("openssl is not installed")
    server = postgres_server()
    database_url = create_postgres_database(server)
    on_stop = None
    if database_url is not None:

        def on_stop():
            drop_postgres_database(database_url)

    elif os.environ.get("CI"):
        pytest.fail(f"PostgreSQL is not reachable at {server}: on CI the proxy tests run on PostgreSQL.")
    else:
        database_url = "sqlite:///{root}/db.sqlite3"
    running = Stack.start(database_url, on_stop=on_stop)
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
    """A failing proxy test shows the tails of the nginx error log and of the gunicorn log."""
    report = yield
    running = item.funcargs.get("stack") if hasattr(item, "funcargs") else None
    if report.failed and isinstance(running, Stack):
        report.sections.append(("proxy stack logs", running.logs()))
    return report
