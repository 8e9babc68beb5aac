"""/sitemap.xml lists the site's pages and every organisation, person, decision and legal document."""

import pytest
from django.utils import timezone

from committees.sitemaps import OrganizationSitemap
from tests.committees.factories import (
    DecisionFactory,
    LegalDocumentFactory,
    OrganizationFactory,
    PersonFactory,
)
from tests.sitemaps import all_locations, locations_in, section_urls

pytestmark = pytest.mark.django_db


def test_sitemap_lists_the_fixed_pages_and_every_registry_record(client):
    OrganizationFactory(slug="hoc-vien-khu-vuc-iv")
    PersonFactory(slug="hoang-phuc-lam")
    DecisionFactory(slug="qd-12", issuer_committee__organization__slug="hoc-vien-khu-vuc-ii")
    LegalDocumentFactory(slug="nghi-quyet-35")
    today = timezone.localdate()

    assert all_locations(client) == [
        "http://testserver/",
        "http://testserver/to-chuc/",
        "http://testserver/nhan-su/",
        "http://testserver/van-ban/",
        "http://testserver/to-chuc/hoc-vien-khu-vuc-iv/",
        "http://testserver/to-chuc/hoc-vien-khu-vuc-ii/",
        "http://testserver/nhan-su/hoang-phuc-lam/",
        "http://testserver/van-ban/quyet-dinh/qd-12/",
        "http://testserver/van-ban/van-kien/nghi-quyet-35/",
        "http://testserver/su-kien/",
        f"http://testserver/su-kien/lich/{today.year}/{today.month}/",
        "http://testserver/phoi-hop/",
        "http://testserver/luu-tru/",
    ]


def test_the_sitemap_is_an_index_of_sections(client):
    OrganizationFactory()

    assert section_urls(client) == [
        "/sitemap-pages.xml",
        "/sitemap-committees-pages.xml",
        "/sitemap-organizations.xml",
        "/sitemap-people.xml",
        "/sitemap-roles.xml",
        "/sitemap-decisions.xml",
        "/sitemap-legal-documents.xml",
        "/sitemap-events-pages.xml",
        "/sitemap-events.xml",
        "/sitemap-agreements-pages.xml",
        "/sitemap-agreements.xml",
        "/sitemap-news-pages.xml",
        "/sitemap-articles.xml",
        "/sitemap-categories.xml",
        "/sitemap-tags.xml",
        "/sitemap-news-archive.xml",
        "/sitemap-organization-news.xml",
    ]


def test_a_long_section_is_split_into_numbered_pages(client, monkeypatch):
    monkeypatch.setattr(OrganizationSitemap, "limit", 2)
    for _index in range(5):
        OrganizationFactory()

    organizations = [url for url in section_urls(client) if "organizations" in url]

    assert organizations == [
        "/sitemap-organizations.xml",
        "/sitemap-organizations.xml?p=2",
        "/sitemap-organizations.xml?p=3",
    ]
    assert [len(locations_in(client.get(url))) for url in organizations] == [2, 2, 1]


@pytest.mark.parametrize("rows", [1, 5])
def test_sitemap_documents_read_a_fixed_number_of_queries(client, django_assert_num_queries, rows):
    for _index in range(rows):
        OrganizationFactory()
        PersonFactory()
        DecisionFactory()
        LegalDocumentFactory()

    # The index: a count for each of the eleven paginated sections (roles: the positions), and
    # the latest change of the four that date their pages (events, agreements, articles, the
    # news archive's months); the news archive's months, read for its count.
    with django_assert_num_queries(16):
        client.get("/sitemap.xml")
    # A section: its count and one page of slugs.
    with django_assert_num_queries(2):
        response = client.get("/sitemap-people.xml")

    assert len(locations_in(response)) == rows
