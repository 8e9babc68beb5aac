"""/sitemap.xml lists the events list, the calendar of the current month and every event's page."""

import pytest
from django.utils import timezone

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
