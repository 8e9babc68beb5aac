"""The settings module read under different environments, without reloading Django."""

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "portal" / "settings.py"
VARIABLES = (
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "REDIS_URL",
    "EMBEDDED_JOBS_DIR",
    "STATIC_ROOT",
    "MEDIA_ROOT",
    "MEDIA_URL",
    "SERVE_MEDIA",
    "LOG_LEVEL",
    "EMAIL_PORT",
    "MEDIA_STORAGE",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
)
S3 = {
    "MEDIA_STORAGE": "s3",
    "MEDIA_URL": "https://media.bcd35.example.vn/",
    "AWS_STORAGE_BUCKET_NAME": "bcd35-media",
}
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 64,
    "ALLOWED_HOSTS": "bcd35.example.vn",
}


def load(monkeypatch, **env):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_no_variable_at_all_gives_the_embedded_demo(monkeypatch):
    conf = load(monkeypatch)
    assert conf["DEBUG"] is True
    assert conf["DATABASES"]["default"]["ENGINE"] == "portal.db.backends.sqlite3"
    assert conf["CELERY_TASK_ALWAYS_EAGER"] is True
    assert conf["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert conf["LANGUAGE_CODE"] == "vi"
    assert conf["TIME_ZONE"] == "Asia/Ho_Chi_Minh"
    assert conf["USE_TZ"] is True


def test_postgres_url_uses_psycopg_pool(monkeypatch):
    conf = load(monkeypatch, DATABASE_URL="postgres://portal:secret@db.internal:5432/bcd35")
    database = conf["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["NAME"] == "bcd35"
    assert database["HOST"] == "db.internal"
    assert database["CONN_MAX_AGE"] == 0
    assert database["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 10}


def test_redis_url_switches_celery_and_cache_to_redis(monkeypatch):
    conf = load(monkeypatch, REDIS_URL="redis://cache.internal:6379/2")
    assert conf["CELERY_TASK_ALWAYS_EAGER"] is False
    assert conf["CELERY_BROKER_URL"] == "redis://cache.internal:6379/2"
    assert conf["CELERY_RESULT_BACKEND"] == "redis://cache.internal:6379/2"
    assert conf["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    # An unacknowledged task must not be redelivered while it may still be running.
    assert conf["CELERY_BROKER_TRANSPORT_OPTIONS"]["visibility_timeout"] > conf["CELERY_TASK_TIME_LIMIT"]


def test_production_values_turn_on_https_protections(monkeypatch):
    conf = load(monkeypatch, **PRODUCTION)
    assert conf["DEBUG"] is False
    assert conf["ALLOWED_HOSTS"] == ["bcd35.example.vn"]
    assert conf["SECURE_SSL_REDIRECT"] is True
    assert conf["SESSION_COOKIE_SECURE"] is True
    assert conf["CSRF_COOKIE_SECURE"] is True
    assert conf["SECURE_HSTS_SECONDS"] == 31536000


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DEBUG": "0"}, "SECRET_KEY"),
        ({"DEBUG": "0", "SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"DEBUG": "0", "SECRET_KEY": "x" * 64}, "ALLOWED_HOSTS"),
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"DATABASE_URL": "mysql://root@localhost/bcd35"}, "DATABASE_URL"),
        ({"DATABASE_URL": "nonsense"}, "DATABASE_URL"),
        ({"REDIS_URL": "http://localhost:6379"}, "REDIS_URL"),
        ({"CSRF_TRUSTED_ORIGINS": "bcd35.example.vn"}, "CSRF_TRUSTED_ORIGINS"),
        ({"EMAIL_PORT": "twenty-five"}, "EMAIL_PORT"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"MEDIA_STORAGE": "ftp"}, "MEDIA_STORAGE"),
        ({**S3, "AWS_STORAGE_BUCKET_NAME": ""}, "AWS_STORAGE_BUCKET_NAME"),
        ({**S3, "MEDIA_URL": "/media/"}, "MEDIA_URL"),
        ({**S3, "AWS_S3_ENDPOINT_URL": "minio:9000"}, "AWS_S3_ENDPOINT_URL"),
        ({**S3, "AWS_ACCESS_KEY_ID": "AKIA123"}, "AWS_SECRET_ACCESS_KEY"),
        ({**S3, "AWS_SECRET_ACCESS_KEY": "secret"}, "AWS_ACCESS_KEY_ID"),
        ({**S3, "SERVE_MEDIA": "1"}, "SERVE_MEDIA"),
    ],
)
def test_a_bad_or_missing_value_stops_start_up_naming_the_variable(monkeypatch, env, named):
    with pytest.raises(ImproperlyConfigured, match=named):
        load(monkeypatch, **env)


@pytest.mark.parametrize("bad", ["media/", "/media", "javascript:alert(1)/", "ftp://files.example.vn/"])
def test_media_url_must_be_a_path_or_an_http_url_ending_with_a_slash(monkeypatch, bad):
    with pytest.raises(ImproperlyConfigured, match="MEDIA_URL"):
        load(monkeypatch, MEDIA_URL=bad)


def test_media_can_live_on_its_own_domain_and_is_served_by_django_only_in_the_demo(monkeypatch):
    conf = load(monkeypatch, **PRODUCTION, MEDIA_URL="https://media.bcd35.example.vn/")
    assert conf["MEDIA_URL"] == "https://media.bcd35.example.vn/"
    assert conf["SERVE_MEDIA"] is False
    assert load(monkeypatch)["SERVE_MEDIA"] is True


def test_media_stay_on_the_local_disk_unless_object_storage_is_chosen(monkeypatch):
    assert load(monkeypatch, **PRODUCTION)["STORAGES"]["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }


def test_media_in_a_bucket_are_linked_at_media_url_and_allowed_as_images(monkeypatch):
    conf = load(
        monkeypatch,
        **PRODUCTION,
        **S3,
        AWS_S3_ENDPOINT_URL="https://s3.bcd35.example.vn",
        AWS_S3_REGION_NAME="hcm-1",
        AWS_ACCESS_KEY_ID="portal",
        AWS_SECRET_ACCESS_KEY="secret",
    )

    assert conf["STORAGES"]["default"] == {
        "BACKEND": "portal.storage.MediaS3Storage",
        "OPTIONS": {
            "bucket_name": "bcd35-media",
            "endpoint_url": "https://s3.bcd35.example.vn",
            "region_name": "hcm-1",
            "access_key": "portal",
            "secret_key": "secret",
            "custom_domain": "media.bcd35.example.vn",
            "url_protocol": "https:",
            "querystring_auth": False,
            "file_overwrite": True,
        },
    }
    assert conf["SERVE_MEDIA"] is False
    assert "https://media.bcd35.example.vn" in conf["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"]


def test_media_in_a_bucket_use_the_machines_credentials_when_none_are_given(monkeypatch):
    conf = load(monkeypatch, **{**S3, "MEDIA_URL": "https://cdn.example.vn/bcd35/"})
    options = conf["STORAGES"]["default"]["OPTIONS"]
    assert (options["access_key"], options["secret_key"], options["endpoint_url"]) == (None, None, None)
    assert options["custom_domain"] == "cdn.example.vn/bcd35"
    # The demo's own default (Django serving MEDIA_ROOT) does not apply to a bucket.
    assert conf["SERVE_MEDIA"] is False
