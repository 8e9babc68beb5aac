"""/sitemap.xml lists the events list, the calendar of the current month and every event's page."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Event
from tests.events.factories import EventFactory
from tests.sitemaps import all_locations, locations_in

pytestmark = pytest.mark.django_db


def test_sitemap_lists_the_events_pages_and_every_event(client):
    today = timezone.localdate()
    first = EventFactory(slug="hoi-nghi-so-ket")
    second = EventFactory(slug="hoi-thao-khoa-hoc")

    response = client.get("/sitemap-events.xml")

    assert [url for url in all_locations(client) if "/su-kien/" in url] == [
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
def test_the_events_section_reads_a_fixed_number_of_queries(client, django_assert_num_queries, rows):
    for _index in range(rows):
        EventFactory()

    # Its count and one page of slugs and dates.
    with django_assert_num_queries(2):
        response = client.get("/sitemap-events.xml")

    assert len(locations_in(response)) == rows


@pytest.mark.parametrize("rows", [1, 5])
def test_the_index_dates_the_events_section_by_its_latest_change_without_reading_every_event(client, rows):
    events = [EventFactory() for _index in range(rows)]
    latest = timezone.now() + dt.timedelta(days=3)
    Event.objects.filter(pk=events[-1].pk).update(updated_at=latest)

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/sitemap.xml")

    assert not [query for query in queries if 'FROM "events_event" ORDER BY' in query["sql"]]
    entry = re.search(
        r"<loc>http://testserver/sitemap-events.xml</loc>\s*<lastmod>([^<]+)</lastmod>",
        response.content.decode(),
    )
    assert entry is not None
    assert dt.datetime.fromisoformat(entry.group(1)) == latest
