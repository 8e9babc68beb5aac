"""/sitemap.xml lists the site's pages and every organisation, person, decision and legal document."""

import re

import pytest
from django.utils import timezone

from tests.committees.factories import (
    DecisionFactory,
    LegalDocumentFactory,
    OrganizationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def locations(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


def test_sitemap_lists_the_fixed_pages_and_every_registry_record(client):
    OrganizationFactory(slug="hoc-vien-khu-vuc-iv")
    PersonFactory(slug="hoang-phuc-lam")
    DecisionFactory(slug="qd-12", issuer_committee__organization__slug="hoc-vien-khu-vuc-ii")
    LegalDocumentFactory(slug="nghi-quyet-35")
    today = timezone.localdate()

    assert locations(client.get("/sitemap.xml")) == [
        "http://testserver/",
        "http://testserver/to-chuc/",
        "http://testserver/van-ban/",
        "http://testserver/to-chuc/hoc-vien-khu-vuc-iv/",
        "http://testserver/to-chuc/hoc-vien-khu-vuc-ii/",
        "http://testserver/nhan-su/hoang-phuc-lam/",
        "http://testserver/van-ban/quyet-dinh/qd-12/",
        "http://testserver/van-ban/van-kien/nghi-quyet-35/",
        "http://testserver/su-kien/",
        f"http://testserver/su-kien/lich/{today.year}/{today.month}/",
        "http://testserver/phoi-hop/",
    ]


@pytest.mark.parametrize("rows", [1, 5])
def test_sitemap_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    for _index in range(rows):
        OrganizationFactory()
        PersonFactory()
        DecisionFactory()
        LegalDocumentFactory()

    # For each of the four models: a count (the sitemap is paginated) and one page of slugs;
    # the counts of events and agreements (none here).
    with django_assert_num_queries(10):
        response = client.get("/sitemap.xml")

    assert len(locations(response)) == 6 + 5 * rows  # fixed pages, and each decision brings an organisation
