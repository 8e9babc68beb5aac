"""Every public page and admin change form, at two volumes of data: the same number of queries,
and on the bounded pages an HTML size that does not grow with the data.

The volume is made by `manage.py generate_volume` at two scales, each in its own transaction
(rolled back afterwards). Pages are read uncached: the page cache is emptied before each read.
CI runs this leg on PostgreSQL (marker `volume`).
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.models import Agreement
from agreements.selectors import public_agreements
from committees.models import Decision, LegalDocument, Organization, Person, SteeringCommittee, Team
from events.models import Event
from events.selectors import event_list_queryset
from portal.volume import volume_generate
from tests.two_factor import enrol, verified_client

pytestmark = [pytest.mark.volume, pytest.mark.django_db(transaction=True)]

SCALES = (0.25, 0.5)
# Pages whose lists are bounded: at the larger volume their HTML is at most this much larger.
HTML_GROWTH = 1.15


def first(records):
    """The first generated record of a model or a queryset."""
    queryset = records.objects.all() if isinstance(records, type) else records
    return queryset.filter(slug__startswith="vl-").order_by("pk").first()


def public_pages() -> dict[str, str]:
    national = Organization.objects.get(slug="vl-hoc-vien-chinh-tri-quoc-gia")
    board = Organization.objects.filter(slug__startswith="vl-ban-tuyen-giao").order_by("pk").first()
    return {
        "home": "/",
        "directory": "/to-chuc/",
        "national academy": national.get_absolute_url(),
        "national academy members": reverse("committees:organization_members", args=[national.slug]),
        "provincial board": board.get_absolute_url(),
        "person": first(Person).get_absolute_url(),
        "documents": "/van-ban/",
        "documents by the academy": f"/van-ban/?co_quan={national.slug}",
        "decision": first(Decision).get_absolute_url(),
        "legal document": first(LegalDocument).get_absolute_url(),
        "events": "/su-kien/",
        "events of the academy": f"/su-kien/?don_vi={national.slug}",
        "events, page 3": "/su-kien/?trang=3",
        "calendar": "/su-kien/lich/2024/5/",
        "event": first(event_list_queryset()).get_absolute_url(),
        "calendar feed": "/su-kien/lich.ics",
        "calendar feed of the academy": f"/su-kien/lich.ics?don_vi={national.slug}",
        "agreements": "/phoi-hop/",
        "agreement": first(public_agreements()).get_absolute_url(),
        "sitemap": "/sitemap.xml",
        "sitemap of events": "/sitemap-events.xml",
    }


def admin_pages() -> dict[str, str]:
    national = Organization.objects.get(slug="vl-hoc-vien-chinh-tri-quoc-gia")
    committee = SteeringCommittee.objects.get(organization=national)
    return {
        "admin: national academy": reverse("admin:committees_organization_change", args=[national.pk]),
        "admin: its committee": reverse("admin:committees_steeringcommittee_change", args=[committee.pk]),
        "admin: a team": reverse(
            "admin:committees_team_change", args=[Team.objects.filter(committee=committee).first().pk]
        ),
        "admin: a person": reverse(
            "admin:committees_person_change", args=[Person.objects.filter(slug__startswith="vl-").first().pk]
        ),
        "admin: an event": reverse(
            "admin:events_event_change", args=[Event.objects.get(slug="vl-su-kien-0").pk]
        ),
        "admin: an agreement": reverse(
            "admin:agreements_agreement_change", args=[Agreement.objects.get(slug="vl-thoa-thuan-0").pk]
        ),
    }


# Pages that list everything of a kind, unbounded by design: none. Pages whose size follows one
# record's own content (a person's positions, an event's speeches) are compared for queries only.
OWN_CONTENT = {"person", "decision", "legal document", "event", "agreement", "provincial board"}


def measure(client, admin_client, tmp_path_factory, scale: float) -> dict[str, tuple[int, int]]:
    figures = {}
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("volume")):
        volume_generate(scale=scale, seed=35)
        for name, url in public_pages().items():
            cache.clear()
            client.get(url)  # what a process reads once and keeps (content types…) is not counted
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, (scale, name, url)
            figures[name] = (len(queries), len(response.content))
        for name, url in admin_pages().items():
            admin_client.get(url)
            with CaptureQueriesContext(connection) as queries:
                response = admin_client.get(url)
            assert response.status_code == 200, (scale, name, url)
            figures[name] = (len(queries), len(response.content))
    return figures


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


def test_every_page_reads_the_same_number_of_queries_at_both_volumes(figures):
    small, large = (figures[scale] for scale in SCALES)
    grew = {name: (small[name][0], large[name][0]) for name in small if large[name][0] != small[name][0]}
    assert grew == {}


def test_bounded_pages_do_not_grow_with_the_data(figures):
    small, large = (figures[scale] for scale in SCALES)
    grew = {
        name: (small[name][1], large[name][1])
        for name in small
        if name not in OWN_CONTENT
        and not name.startswith("admin:")
        and large[name][1] > HTML_GROWTH * small[name][1]
    }
    assert grew == {}
