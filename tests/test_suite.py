"""The suite's own set-up (tests/conftest.py): processes, password hashing, the shared demo."""

import pytest
from django.contrib.auth.hashers import make_password

from committees.demo import HV
from committees.models import Organization
from tests.conftest import broker_url, runs_in_one_process


@pytest.fixture(scope="module")
def hash_made_before_any_test():
    return make_password("mat-khau")


def test_passwords_are_hashed_fast_even_by_module_fixtures(hash_made_before_any_test):
    assert hash_made_before_any_test.startswith("md5$")
    assert make_password("mat-khau").startswith("md5$")


@pytest.mark.parametrize(
    ("args", "environ", "expected"),
    [
        (["tests"], {}, False),
        (["tests/agreements", "tests/events"], {}, False),
        (["tests"], {"REDIS_URL": "redis://127.0.0.1:6379/6"}, True),
        (["tests/agreements/test_demo.py"], {}, True),
        (["tests/agreements/test_demo.py::test_x", "tests/events/test_demo.py"], {}, True),
        (["tests/agreements/test_demo.py", "tests/events"], {}, False),
    ],
)
def test_the_suite_runs_in_one_process_with_redis_or_when_only_files_are_named(args, environ, expected):
    assert runs_in_one_process(args, environ) is expected


def test_each_process_has_a_redis_database_of_its_own_for_the_worker_tests(settings, monkeypatch):
    settings.REDIS_URL = None
    monkeypatch.delenv("CELERY_TEST_BROKER", raising=False)
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw0")
    assert broker_url() == "redis://127.0.0.1:6379/15"
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw1")
    assert broker_url() == "redis://127.0.0.1:6379/14"
    settings.REDIS_URL = "redis://127.0.0.1:6379/6"
    assert broker_url() == "redis://127.0.0.1:6379/6"


ACADEMY = "Học viện Chính trị quốc gia Hồ Chí Minh"


@pytest.mark.django_db
def test_a_test_may_change_the_demo(demo_data):
    assert Organization.objects.get(slug=HV).name == ACADEMY
    Organization.objects.update(name="Tên đã đổi")
    assert Organization.objects.get(slug=HV).name == "Tên đã đổi"


@pytest.mark.django_db
def test_the_next_test_finds_the_demo_as_loaded(demo_data):
    assert Organization.objects.get(slug=HV).name == ACADEMY


@pytest.mark.django_db
def test_a_test_of_the_module_without_the_demo_runs_before_it_and_sees_none_of_it():
    assert Organization.objects.count() == 0
