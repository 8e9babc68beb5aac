"""Public pages are cached for anonymous readers and rebuilt when what they show changes."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import http_date

from committees.services import organization_rename
from portal.cache import generations, records_changed, touch
from tests.admin_forms import change_form_data
from tests.committees.factories import OrganizationFactory
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    host = OrganizationFactory(name="Học viện Chính trị khu vực IV", slug="hv-kv-iv")
    return EventFactory(title="Hội nghị sơ kết Quy chế phối hợp", host=host, start_date=dt.date(2021, 8, 25))


def get(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def test_an_anonymous_reader_gets_the_page_from_the_cache_the_second_time(client, event):
    first, first_queries = get(client, event.get_absolute_url())
    second, second_queries = get(client, event.get_absolute_url())

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert first_queries > 0 and second_queries == 0
    for response in (first, second):
        assert response["Cache-Control"] == "public, max-age=60"
        assert response["Content-Type"] == "text/html; charset=utf-8"
        assert "Content-Security-Policy" in response and "X-Frame-Options" in response
        assert not response.cookies


def test_a_change_made_through_a_service_rebuilds_the_pages_that_show_it(
    client, event, django_capture_on_commit_callbacks
):
    client.get(event.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        organization_rename(
            by=None,
            organization=event.host,
            new_name="Học viện Chính trị khu vực IV (mới)",
            on=dt.date(2025, 1, 1),
        )

    response = client.get(event.host.get_absolute_url())

    assert response["X-Page-Cache"] == "miss"
    assert "Học viện Chính trị khu vực IV (mới)" in response.content.decode()
    assert client.get(event.get_absolute_url())["X-Page-Cache"] == "miss"


def test_a_change_made_in_the_admin_rebuilds_the_pages_that_show_it(
    client, admin_client, event, django_capture_on_commit_callbacks
):
    assert "Hội nghị sơ kết Quy chế phối hợp" in client.get(event.get_absolute_url()).content.decode()
    url = reverse("admin:events_event_change", args=[event.pk])
    data = change_form_data(admin_client.get(url)) | {"title": "Hội nghị tổng kết Quy chế phối hợp"}

    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302

    page = client.get(event.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    assert "Hội nghị tổng kết Quy chế phối hợp" in page.content.decode()


def test_nothing_is_rebuilt_before_the_change_commits(client, event):
    client.get(event.get_absolute_url())

    records_changed("events")  # inside the test's transaction: not committed yet

    assert client.get(event.get_absolute_url())["X-Page-Cache"] == "hit"


def test_signed_in_users_always_get_a_fresh_page_that_no_shared_cache_keeps(admin_client, client, event):
    client.get(event.get_absolute_url())  # cached for readers

    response, queries = get(admin_client, event.get_absolute_url())

    assert "X-Page-Cache" not in response
    assert queries > 0
    assert response["Cache-Control"] == "private, no-cache"


def test_a_page_holding_a_csrf_token_or_setting_a_cookie_is_never_cached(client, settings):
    settings.ROOT_URLCONF = "tests.portal.cache_urls"

    forms = [client.get("/form/").content.decode() for _ in range(2)]
    cookies = [client.get("/cookie/") for _ in range(2)]

    assert "csrfmiddlewaretoken" in forms[0] and forms[0] != forms[1]  # each reader's own token
    assert [response.get("X-Page-Cache") for response in cookies] == [None, None]
    assert [response.cookies["seen"].value for response in cookies] == ["1", "1"]


def test_a_message_meant_for_a_signed_in_user_never_reaches_the_cache(
    client, admin_client, event, django_capture_on_commit_callbacks
):
    url = reverse("admin:events_event_change", args=[event.pk])
    data = change_form_data(admin_client.get(url)) | {"title": "Hội nghị tổng kết"}
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, data)  # a success message now waits in the staff member's session

    admin_client.get(event.get_absolute_url())
    anonymous = client.get(event.get_absolute_url())

    assert anonymous["X-Page-Cache"] == "miss"  # the staff member's page was not stored
    assert "thành công" not in anonymous.content.decode()
    assert "Hội nghị tổng kết" in anonymous.content.decode()


def test_a_conditional_get_of_an_unchanged_page_is_a_304(client, event):
    first = client.get(event.get_absolute_url())
    etag, last_modified = first["ETag"], first["Last-Modified"]

    assert client.get(event.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(event.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(event.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200


def test_a_generation_lost_from_the_cache_never_comes_back_to_an_old_number(event):
    from django.core.cache import cache

    before = generations(["events"])
    cache.delete("generation:events")

    assert generations(["events"]) != before
    touch("events")
    assert generations(["events"]) != before


def test_the_events_filter_choices_are_read_once_until_an_event_changes(
    client, event, django_capture_on_commit_callbacks
):
    _response, first = get(client, "/su-kien/?loai=conference")
    _response, second = get(client, "/su-kien/?loai=conference&trang=1")  # another page, same choices
    assert second == first - 3  # the organisers, the regions and the years

    with django_capture_on_commit_callbacks(execute=True):
        records_changed("events")
    _response, third = get(client, "/su-kien/?loai=conference&trang=1")
    assert third == first


def test_every_cached_page_and_value_expires_only_the_generations_are_kept(client, event, settings):
    """The cache shares its Redis with the task queue, which must never lose a task: Redis
    evicts only keys that expire (volatile-lru, docker-compose.yml), so every key but the
    topics' generations must expire."""
    if not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        pytest.skip("Needs the Redis cache (REDIS_URL); the PostgreSQL leg runs this test.")
    from django.core.cache import cache

    cache.clear()
    assert get(client, "/su-kien/")[0]["X-Page-Cache"] == "miss"
    assert get(client, event.get_absolute_url())[0]["X-Page-Cache"] == "miss"

    redis = cache._cache.get_client()
    ttls = {key.decode(): redis.ttl(key) for key in redis.keys(cache.make_key("*"))}
    kept = sorted(key for key, ttl in ttls.items() if ttl == -1)
    topics = ("agreements", "committees", "events", "news")
    assert kept == [cache.make_key(f"generation:{topic}") for topic in topics]
    assert len(ttls) > len(kept) and all(ttl > 0 for key, ttl in ttls.items() if key not in kept)
