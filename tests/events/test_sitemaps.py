"""/sitemap.xml lists the events list, the calendar of the current month and every event's page."""

import re

import pytest
from django.utils import timezone

from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db


def locations(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


def test_sitemap_lists_the_events_pages_and_every_event(client):
    today = timezone.localdate()
    first = EventFactory(slug="hoi-nghi-so-ket")
    second = EventFactory(slug="hoi-thao-khoa-hoc")

    response = client.get("/sitemap.xml")

    assert [url for url in locations(response) if "/su-kien/" in url] == [
        "http://testserver/su-kien/",
        f"http://testserver/su-kien/lich/{today.year}/{today.month}/",
        "http://testserver/su-kien/hoi-nghi-so-ket/",
        "http://testserver/su-kien/hoi-thao-khoa-hoc/",
    ]
    page = response.content.decode()
    for event in (first, second):
        lastmod = timezone.localtime(event.updated_at).date().isoformat()
        assert f"<loc>http://testserver{event.get_absolute_url()}</loc><lastmod>{lastmod}</lastmod>" in page


@pytest.mark.parametrize("rows", [1, 5])
def test_sitemap_query_count_does_not_grow_with_events(client, django_assert_num_queries, rows):
    for _index in range(rows):
        EventFactory()

    # The registry's four sections (a count each, and a page of the hosts), and the events':
    # a count and one page; the agreements' count (none here).
    with django_assert_num_queries(8):
        response = client.get("/sitemap.xml")

    assert len([url for url in locations(response) if "/su-kien/" in url]) == 2 + rows
