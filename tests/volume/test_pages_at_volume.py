"""Every public page and admin change form, at two volumes of data: the same number of queries,
and on the bounded pages an HTML size that does not grow with the data.

The volume is made by `manage.py generate_volume` at two scales, each in its own transaction
(rolled back afterwards). Pages are read uncached: the page cache is emptied before each read.
CI runs this leg on PostgreSQL (marker `volume`).
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from portal.volume import volume_generate
from tests.two_factor import enrol, verified_client
from tests.volume.pages import admin_pages, public_pages

pytestmark = [pytest.mark.volume, pytest.mark.django_db(transaction=True)]

# At these two the bounded lists are full (the feeds hold their 200 events, every list page its
# page of rows), so a page that grew would be one that is not bounded.
SCALES = (1.0, 2.0)
# Pages whose lists are bounded: at the larger volume their HTML is at most this much larger.
HTML_GROWTH = 1.15


# Pages whose size follows one record's own content (a person's positions, an event's
# speeches) are compared for queries only, as is the sitemap index: it names one page of the
# sitemap per thousand records (sitemaps.org allows 50,000 pages in an index).
OWN_CONTENT = {"person", "decision", "legal document", "event", "agreement", "provincial board", "sitemap"}
OWN_CONTENT |= {"article"}  # its body
# Bounded lists whose bound is reached only above scale 2: a month's calendar (3 events
# starting a day, events/selectors.DAY_EVENTS_SHOWN) and one organiser's feed (200 events,
# events/views.FEED_MAX_EVENTS); tests/events pins both bounds.
FULL_ABOVE_THESE_SCALES = {"calendar", "calendar feed of the academy"}
# The filters offer every organisation, province and year that has records: they follow the
# number of organisations (300 at scale 1, each scale a new set of them), not the number of
# records listed, and are left out of the size.
SELECT = re.compile(rb"<select\b.*?</select>", re.DOTALL)


def most_read(client, urls: str | list[str], *, public: bool) -> tuple[int, int]:
    """The most queries and bytes any of `urls` read, each read once before (what a process reads
    once and keeps, as content types, is not counted), public pages uncached."""
    read = []
    for url in [urls] if isinstance(urls, str) else urls:
        for _counted in (False, True):
            if public:
                cache.clear()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
        assert response.status_code == 200, url
        content = SELECT.sub(b"", response.content) if public else response.content
        read.append((len(queries), len(content)))
    return max(read)


def measure(client, admin_client, tmp_path_factory, scale: float) -> dict[str, tuple[int, int]]:
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("volume")):
        volume_generate(scale=scale, seed=35)
        return {
            **{name: most_read(client, urls, public=True) for name, urls in public_pages().items()},
            **{name: most_read(admin_client, urls, public=False) for name, urls in admin_pages().items()},
        }


@pytest.fixture(scope="module")
def figures(django_db_setup, django_db_blocker, tmp_path_factory):
    results = {}
    for scale in SCALES:
        with django_db_blocker.unblock(), transaction.atomic():
            admin_user = get_user_model().objects.create_superuser("admin", "admin@example.com", "password")
            device, _codes = enrol(admin_user)
            results[scale] = measure(Client(), verified_client(admin_user, device), tmp_path_factory, scale)
            transaction.set_rollback(True)
    return results


def report(grew: dict) -> str:
    return "grew with the data:\n" + "\n".join(
        f"  {name}: {before} -> {after}" for name, (before, after) in grew.items()
    )


def query_growth(figures, *, admin: bool) -> dict:
    small, large = (figures[scale] for scale in SCALES)
    return {
        name: (small[name][0], large[name][0])
        for name in small
        if name.startswith("admin:") == admin and large[name][0] != small[name][0]
    }


def test_every_public_page_reads_the_same_number_of_queries_at_both_volumes(figures):
    grew = query_growth(figures, admin=False)
    assert not grew, report(grew)


def test_every_admin_change_form_reads_the_same_number_of_queries_at_both_volumes(figures):
    grew = query_growth(figures, admin=True)
    assert not grew, report(grew)


def test_bounded_pages_do_not_grow_with_the_data(figures):
    small, large = (figures[scale] for scale in SCALES)
    grew = {
        name: (small[name][1], large[name][1])
        for name in small
        if name not in OWN_CONTENT | FULL_ABOVE_THESE_SCALES
        and not name.startswith("admin:")
        and large[name][1] > HTML_GROWTH * small[name][1]
    }
    assert not grew, report(grew)
