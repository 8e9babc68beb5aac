"""PROXY_COUNT read from the environment, without reloading Django."""

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "portal" / "settings.py"


def load(monkeypatch, **env):
    for name in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "PROXY_COUNT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_without_proxy_count_the_address_is_the_connections_own(monkeypatch):
    assert load(monkeypatch)["PROXY_COUNT"] == 0


def test_proxy_count_is_the_number_of_trusted_proxies(monkeypatch):
    assert load(monkeypatch, PROXY_COUNT="1")["PROXY_COUNT"] == 1


@pytest.mark.parametrize("bad", ["one", "1.5", "-1"])
def test_a_bad_proxy_count_stops_start_up_naming_it(monkeypatch, bad):
    with pytest.raises(ImproperlyConfigured, match="PROXY_COUNT"):
        load(monkeypatch, PROXY_COUNT=bad)
